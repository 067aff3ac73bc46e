"""执法监督文书: the 行政执法监督机构 issues a 行政执法监督意见书 / 决定书 to a 执法主体 (《行政执法监督条例》, 国务院令
第825号 ⚠ its articles on the documents are unread, legal-rules.md §12.1: kinds, 文号 pattern and reply period are
settings, the text an editable template); the body's reply is due on a clock of the engine (rule
`enforcement.supervision_reply`); the reply completes it; a reply not made by the due day is flagged (`reply_late`)
and the daily run raises it as a supervisable item on the body's board, which closes when the reply is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.core.errors import ConflictError, DomainError
from fazhi.deadlines.models import Clock
from fazhi.deadlines.selectors import clock_days_overdue, today_local
from fazhi.deadlines.services import clock_complete, clock_start

from ..clocks import SUPERVISION_REPLY_RULE
from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, SupervisionCounter, SupervisionDocument
from ..policies import SupervisionDocumentPolicy
from ..rules import SUPERVISION_BASIS, supervision_number
from ..sources import SUPERVISION_REPLY
from ..states import SupervisionDocKind
from ._common import event, is_user, need, who

REPLY_KEY = "reply"


def _number(kind: str, year: int) -> str:
    counter, _ = SupervisionCounter.objects.get_or_create(year=year, kind=kind)
    counter = SupervisionCounter.objects.select_for_update(of=("self",)).get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return supervision_number(kind, year, counter.last)


def reply_clock(doc: SupervisionDocument) -> Clock | None:
    return (
        Clock.objects.filter(
            content_type=ContentType.objects.get_for_model(SupervisionDocument),
            object_id=str(doc.pk),
            key=REPLY_KEY,
        )
        .order_by("-id")
        .first()
    )


@transaction.atomic
def supervision_document_issue(
    *,
    by: Any,
    body: Body,
    kind: str,
    subject: str,
    findings: str,
    requirements: str,
    basis: str = "",
    issued_on: dt.date | None = None,
    submit_token: UUID | None = None,
    source: dict[str, Any] | None = None,
    issuer: Any = None,
) -> SupervisionDocument:
    """Issue a document to `body`: the year's next 文号 of its kind, the reply clock started on the issue day.
    Refused (nothing saved): an unknown kind, an inactive body, a missing 事由 / 问题 / 意见, a date after today."""
    if submit_token and (existing := SupervisionDocument.objects.filter(submit_token=submit_token).first()):
        return existing
    if is_user(by) and not SupervisionDocumentPolicy.can(by, "issue", SupervisionDocument(unit=body.unit)):
        raise DomainError(E.FORBIDDEN, "您无权向该执法主体制发执法监督文书。")
    if kind not in SupervisionDocKind.values:
        raise DomainError(E.INVALID, "请选择文书种类。", field="kind")
    if not body.is_active:
        raise DomainError(E.INVALID, f"执法主体{body.unit.name}已停用。", field="body")
    for origin in (source or {}).values():  # a 执法投诉 or 监督检查 it arose from: about the same body
        if origin is not None and origin.body_id != body.pk:
            raise DomainError(
                E.INVALID, f"文书的被监督单位应为{origin.unit.name}（来源记录的执法主体）。", field="body"
            )
    today = today_local()
    issued_on = issued_on or today
    if issued_on > today:
        raise DomainError(E.DATE, f"制发日期{issued_on:%Y-%m-%d}不能晚于今天。", field="issued_on")
    issuer = issuer or (getattr(by, "unit", None) if is_user(by) else None)  # the office's unit signs it
    if issuer is None:
        raise DomainError(E.INVALID, "请指定制发机关。", field="issuer")
    doc = SupervisionDocument.objects.create(
        kind=kind,
        number=_number(kind, issued_on.year),
        body=body,
        unit=body.unit,
        issuer=issuer,
        subject=need(subject, "subject", "事由")[:200],
        findings=need(findings, "findings", "发现的问题"),
        requirements=need(requirements, "requirements", "监督意见（决定事项）"),
        basis=(basis or "").strip()[:300] or SUPERVISION_BASIS,
        issued_on=issued_on,
        submit_token=submit_token,
        created_by=who(by),
        **(source or {}),
    )
    clock = clock_start(
        obj=doc, rule_id=SUPERVISION_REPLY_RULE, trigger_date=issued_on, by=by, unit=body.unit, key=REPLY_KEY
    )
    doc.reply_due = clock.due_date
    doc.save(update_fields=["reply_due"])
    event(doc, Ev.SUPERVISION_ISSUED, by, number=doc.number, kind=kind, body=body.pk)
    return doc


@transaction.atomic
def supervision_reply_record(
    *, by: Any, doc: SupervisionDocument, replied_on: dt.date, text: str, expected_version: int
) -> SupervisionDocument:
    """Record the body's reply: the clock completes on the reply day (its item, if raised, closes); after the due
    day the reply is flagged late. Refused: a second reply, a day before the issue or after today, no text, a stale
    version."""
    doc = SupervisionDocument.objects.select_for_update(of=("self",)).get(pk=doc.pk)
    if is_user(by) and not SupervisionDocumentPolicy.can(by, "reply", doc):
        raise DomainError(E.FORBIDDEN, "您无权登记该文书的答复。")
    if doc.version != expected_version:
        raise ConflictError()
    if doc.replied_on is not None:
        raise DomainError(E.INVALID, f"该文书已于{doc.replied_on:%Y-%m-%d}登记答复。", field="replied_on")
    if replied_on < doc.issued_on:
        raise DomainError(
            E.DATE, f"答复日期{replied_on:%Y-%m-%d}不能早于制发日期{doc.issued_on:%Y-%m-%d}。", field="replied_on"
        )
    if replied_on > today_local():
        raise DomainError(E.DATE, f"答复日期{replied_on:%Y-%m-%d}不能晚于今天。", field="replied_on")
    doc.replied_on = replied_on
    doc.reply_text = need(text, "reply_text", "答复（整改）情况")
    doc.reply_late = doc.reply_due is not None and replied_on > doc.reply_due
    doc.replied_by = who(by)
    doc.save_versioned(
        expected_version=expected_version, update_fields=["replied_on", "reply_text", "reply_late", "replied_by"]
    )
    clock = reply_clock(doc)
    if clock is not None and clock.completed_on is None:
        clock_complete(clock=clock, on=replied_on, by=by)
    event(doc, Ev.SUPERVISION_REPLIED, by, number=doc.number, on=replied_on.isoformat(), late=doc.reply_late)
    return doc


def supervision_replies_run(*, today: dt.date | None = None, by: Any = "system") -> dict[str, int]:
    """The daily run: every document whose reply clock is past its due day is flagged late and raised once as a
    supervisable item for the body's unit (it follows the clock and closes when the reply completes it)."""
    from fazhi.supervision.models import Item
    from fazhi.supervision.services import item_raise

    today = today or today_local()
    out = {"late": 0, "items_raised": 0}
    docs = SupervisionDocument.objects.filter(replied_on=None, reply_due__lt=today).select_related("unit", "body")
    for doc in docs.order_by("pk").iterator(chunk_size=500):
        with transaction.atomic():
            clock = reply_clock(doc)
            if clock is None or clock.completed_on is not None:
                continue
            late = clock_days_overdue(clock, today=today)
            if late <= 0:
                continue
            out["late"] += 1
            if not doc.reply_late:
                SupervisionDocument.objects.filter(pk=doc.pk).update(reply_late=True)
            key = f"{SUPERVISION_REPLY}.{doc.pk}"
            if Item.objects.filter(dedupe_key=key).exists():
                continue
            item_raise(
                source=doc,
                kind=SUPERVISION_REPLY,
                unit=doc.unit,
                reason=f"逾期未答复{doc.get_kind_display()}（{doc.number}）",
                text=f"答复期限届满日{clock.due_date:%Y-%m-%d}，已逾期{late}日（{doc.basis}）。事由：{doc.subject}",
                clock=clock,
                dedupe_key=key,
                by=by,
            )
            out["items_raised"] += 1
    return out
