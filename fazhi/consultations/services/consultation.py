"""Creating a consultation, importing its draft, opening and closing it. The minimum period comes from the clock
engine (fazhi/deadlines) with the owner's rule — 《重大行政决策程序暂行条例》第十五条 (decision.public_comment_min),
国办发〔2018〕37号 (normative_document.consultation_min): 一般不少于30日; a shorter period must be explained, and a
consultation that ran shorter without a recorded reason cannot close."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.deadlines.rules import rule_get
from fazhi.deadlines.selectors import today_local

from ..drafting import draft_split
from ..errors import ConsultationErrorCode as E
from ..events import ConsultationEvent
from ..models import Channel, Consultation, DraftArticle, Identity
from ..registry import owner_of
from ..selectors import period_minimum_of as period_minimum
from ..states import ConsultationState, may_close, may_open
from ._common import authorise, lock

S = ConsultationState


def _check_dates(opens_on: dt.date, closes_on: dt.date) -> None:
    if closes_on < opens_on:
        raise DomainError(E.DATES, "截止日期不能早于开始日期。", field="closes_on")


def _check_channels(channels: list[str]) -> list[str]:
    bad = [c for c in channels if c not in Channel.values]
    if bad:
        raise DomainError(E.CHANNEL, f"征求意见渠道“{'、'.join(bad)}”无效。", field="channels")
    return list(dict.fromkeys(channels))


@transaction.atomic
def consultation_create(
    *,
    owner: Any,
    unit: Any,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    by: Any,
    summary: str = "",
    short_reason: str = "",
    channels: list[str] | None = None,
    contact: str = "",
    identity: str = Identity.NAMED,
    comment_max_length: int = 2000,
    submit_token: UUID | None = None,
) -> Consultation:
    if submit_token and (existing := Consultation.objects.filter(submit_token=submit_token).first()):
        return existing
    spec = owner_of(owner)
    _check_dates(opens_on, closes_on)
    if identity not in Identity.values:
        raise DomainError(E.IDENTITY, "留言身份无效。", field="identity")
    c = Consultation.objects.create(
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=owner.pk,
        unit=unit,
        title=title.strip(),
        summary=summary.strip(),
        rule_id=rule_get(spec.rule_id).id,
        opens_on=opens_on,
        closes_on=closes_on,
        short_reason=short_reason.strip(),
        channels=_check_channels(channels or [Channel.PORTAL]),
        contact=contact.strip(),
        identity=identity,
        comment_max_length=comment_max_length,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        submit_token=submit_token,
    )
    record_event(
        actor=by,
        action=ConsultationEvent.CREATED,
        obj=c,
        unit=unit,
        summary={"owner": f"{spec.model}:{owner.pk}", "opens_on": opens_on, "closes_on": closes_on},
    )
    return c


EDITABLE = (
    "title",
    "summary",
    "opens_on",
    "closes_on",
    "short_reason",
    "channels",
    "contact",
    "identity",
    "comment_max_length",
)


@transaction.atomic
def consultation_update(*, consultation: Consultation, expected_version: int, by: Any, **values: Any) -> Consultation:
    """Edit the notice: anything while not yet open; once open only the closing date (extending or shortening it),
    the reason, the summary, channels and contact."""
    c = lock(consultation)
    authorise(by, "manage", c)
    if c.state not in (S.DRAFT, S.OPEN):
        raise DomainError(E.NOT_OPEN, "征求意见已截止，不能再修改。")
    frozen = {"opens_on", "identity", "title"} if c.state == S.OPEN else set()
    changed = {}
    for k, v in values.items():
        if k not in EDITABLE:
            raise ValueError(k)
        if k in frozen and v != getattr(c, k):
            raise DomainError(E.NOT_DRAFT, "征求意见已开始，不能修改该项。", field=k)
        if k == "channels":
            v = _check_channels(v)
        if v != getattr(c, k):
            changed[k] = str(v)
            setattr(c, k, v)
    _check_dates(c.opens_on, c.closes_on)
    c.save_versioned(expected_version=expected_version, update_fields=list(EDITABLE))
    record_event(actor=by, action=ConsultationEvent.UPDATED, obj=c, unit=c.unit, summary={"changed": changed})
    return c


@transaction.atomic
def consultation_draft_import(*, consultation: Consultation, text: str, by: Any) -> list[DraftArticle]:
    c = lock(consultation)
    authorise(by, "manage", c)
    if c.state != S.DRAFT:
        raise DomainError(E.NOT_DRAFT, "征求意见已开始，征求意见稿不能再替换。", field="draft")
    items = draft_split(text)
    if not items:
        raise DomainError(E.EMPTY_DRAFT, "征求意见稿没有可识别的内容。", field="draft")
    c.articles.all().delete()
    rows = DraftArticle.objects.bulk_create(
        DraftArticle(consultation=c, order=i, label=it.label, level=it.level, text=it.text)
        for i, it in enumerate(items, start=1)
    )
    record_event(actor=by, action=ConsultationEvent.DRAFT_IMPORTED, obj=c, unit=c.unit, summary={"articles": len(rows)})
    return rows


@transaction.atomic
def consultation_open(*, consultation: Consultation, by: Any, on: dt.date | None = None) -> Consultation:
    c = lock(consultation)
    authorise(by, "manage", c)
    on = on or today_local()
    if not may_open(c.state):
        raise DomainError(E.NOT_DRAFT, f"征求意见当前状态为“{c.get_state_display()}”，不能发布。")
    if not c.articles.exists():
        raise DomainError(E.NO_ARTICLES, "请先导入征求意见稿。", field="draft")
    if c.closes_on < on:
        raise DomainError(E.DATES, "截止日期已过，请先修改截止日期。", field="closes_on")
    c.state = S.OPEN
    c.opened_on = max(on, c.opens_on)
    c.save(update_fields=["state", "opened_on", "updated_at"])
    minimum = period_minimum(c)
    record_event(
        actor=by,
        action=ConsultationEvent.OPENED,
        obj=c,
        unit=c.unit,
        summary={"opened_on": c.opened_on, "closes_on": c.closes_on, "minimum_close": minimum.due},
    )
    return c


@transaction.atomic
def consultation_close(
    *, consultation: Consultation, by: Any, on: dt.date | None = None, short_reason: str = ""
) -> Consultation:
    """Close the consultation on `on` (default today). Refused when it ran shorter than the owner's minimum period
    and no reason is recorded (the rule's basis is named in the message)."""
    c = lock(consultation)
    authorise(by, "manage", c)
    on = on or today_local()
    if not may_close(c.state):
        raise DomainError(E.NOT_OPEN, f"征求意见当前状态为“{c.get_state_display()}”，不能截止。")
    if on < (c.opened_on or c.opens_on):
        raise DomainError(E.DATES, "截止日期不能早于开始日期。", field="closes_on")
    minimum = period_minimum(c)
    reason = short_reason.strip() or c.short_reason
    if on < minimum.due and not reason:
        rule = rule_get(c.rule_id)
        raise DomainError(
            E.PERIOD_TOO_SHORT,
            f"征求意见期限不足{rule.length}日（最早可于{minimum.due:%Y年%m月%d日}截止），"
            f"须说明理由后方可截止（{rule.basis}）。",
            field="short_reason",
        )
    c.state = S.CLOSED
    c.closed_on = on
    c.short_reason = reason
    c.save(update_fields=["state", "closed_on", "short_reason", "updated_at"])
    record_event(
        actor=by,
        action=ConsultationEvent.CLOSED,
        obj=c,
        unit=c.unit,
        summary={"closed_on": on, "minimum_close": minimum.due, "short_reason": reason if on < minimum.due else ""},
    )
    return c


def consultations_close_due(*, on: dt.date | None = None) -> dict[str, Any]:
    """The daily job: every consultation still open after its closing date is closed on that date (comments were
    already refused after it). One that ran shorter than its owner's minimum without a recorded reason stays open and
    is listed: closing it needs a person to give the reason (the rule's basis is in consultation_close)."""
    on = on or today_local()
    closed: list[int] = []
    held: list[dict[str, Any]] = []
    for pk in (
        Consultation.objects.filter(state=ConsultationState.OPEN, closes_on__lt=on)
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        c = Consultation.objects.get(pk=pk)
        try:
            consultation_close(consultation=c, by="系统（到期自动截止）", on=c.closes_on)
        except DomainError as exc:
            held.append({"id": pk, "reason": exc.message})
        else:
            closed.append(pk)
    return {"closed": closed, "held": held}
