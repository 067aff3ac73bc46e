"""清理 campaigns, the 60-day expiry evaluation and status changes (有效 → 失效 / 废止 / 已修改)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import clock_days_overdue, clock_for, today_local
from fazhi.supervision.models import Item

from ..errors import DocumentErrorCode
from ..events import DocumentEvent
from ..models import CleanupCampaign, CleanupItem, CleanupOutcome, DocumentStatus, NormativeDocument
from ..sources import DEPENDENCY
from ..states import DocumentState
from ._tasks import REVIEW_KINDS, document_items_close, expiry_review_raise, filing_overdue_raise
from .library import document_index

OUTCOME_STATUS = {
    CleanupOutcome.KEEP: DocumentStatus.VALID,
    CleanupOutcome.AMEND: DocumentStatus.AMENDED,
    CleanupOutcome.REPEAL: DocumentStatus.REPEALED,
    CleanupOutcome.DECLARE_INVALID: DocumentStatus.EXPIRED,
}


@transaction.atomic
def document_status_set(
    *,
    document: NormativeDocument,
    status: str,
    on: dt.date,
    by: Any,
    superseded_by: NormativeDocument | None = None,
    today: dt.date | None = None,
) -> NormativeDocument:
    """有效 → 失效 / 废止 / 已修改 (with the superseding document, if any); not dated after `today` (default: the
    local date; the daily expiry run and a 清理 approval pass their own day)."""
    doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
    if doc.published_on is None:
        raise DomainError(DocumentErrorCode.NOT_PUBLISHED, "文件尚未公布。", field="status")
    if status not in DocumentStatus.values or not status:
        raise DomainError(DocumentErrorCode.INVALID, "请选择效力状态。", field="status")
    if on < doc.published_on:
        raise DomainError(DocumentErrorCode.DATE_ORDER, "失效或废止日期不能早于公布日期。", field="ended_on")
    if on > (today or today_local()):
        raise DomainError(DocumentErrorCode.DATE_ORDER, "失效或废止日期不能晚于今天。", field="ended_on")
    if superseded_by is not None and (superseded_by.pk == doc.pk or superseded_by.published_on is None):
        raise DomainError(DocumentErrorCode.INVALID, "修改或替代文件须为另一件已公布的文件。", field="superseded_by")
    before = doc.status
    doc.status = status
    doc.ended_on = None if status == DocumentStatus.VALID else on
    doc.superseded_by = superseded_by
    if status != DocumentStatus.VALID:
        doc.dependency_flag = False
    doc.version += 1
    doc.save(update_fields=["status", "ended_on", "superseded_by", "dependency_flag", "version", "updated_at"])
    record_event(
        actor=by,
        action=DocumentEvent.STATUS_CHANGED,
        obj=doc,
        summary={
            "from": before,
            "to": status,
            "on": on.isoformat(),
            "superseded_by": getattr(superseded_by, "pk", None),
        },
        unit=doc.lead_unit,
    )
    if status != DocumentStatus.VALID:  # the evaluation is done: amended, repealed or expired
        document_items_close(
            document=doc,
            kinds=REVIEW_KINDS,
            by=by,
            note=f"文件效力状态变为“{DocumentStatus(status).label}”，督办事项自动关闭",
        )
    transaction.on_commit(lambda: document_index(document_id=doc.pk))  # the library shows the status
    return doc


def documents_expiring(*, today: dt.date) -> list[NormativeDocument]:
    """In force, 有效期至 within EXPIRY_WARN_DAYS (默认60日, ⚠ setting) from today."""
    warn = settings.FAZHI_NORMATIVE_DOCUMENTS["EXPIRY_WARN_DAYS"]
    return [
        d
        for d in NormativeDocument.objects.filter(status=DocumentStatus.VALID, valid_until__gte=today).select_related(
            "lead_unit"
        )
        if (d.valid_until - today).days <= warn
    ]


def documents_expiry_run(*, today: dt.date) -> dict[str, int]:
    """The daily run: documents past 有效期至 become 失效 (system, audited); documents within the warning window get an
    evaluation item (继续有效 by re-issue / 修改 / 废止, due 有效期至), once each; documents published and not filed
    after the filing clock's due day get a late-filing item for the issuer (it follows the clock: filed → closed)."""
    expired = 0
    for doc in NormativeDocument.objects.filter(status=DocumentStatus.VALID, valid_until__lt=today):
        document_status_set(document=doc, status=DocumentStatus.EXPIRED, on=doc.valid_until, by="system", today=today)
        expired += 1
    raised = 0
    for doc in documents_expiring(today=today):
        with transaction.atomic():
            before = Item.objects.filter(dedupe_key=f"normative_documents.expiry.{doc.pk}.{doc.valid_until}").exists()
            expiry_review_raise(document=doc)
        raised += 0 if before else 1
    return {"expired": expired, "expiry_items": raised, "filing_items": documents_filing_overdue_run(today=today)}


def documents_filing_overdue_run(*, today: dt.date) -> int:
    """Published, not filed, filing clock past its due day (natural days, clock engine) → one item per document."""
    raised = 0
    docs = (
        NormativeDocument.objects.filter(state=DocumentState.PUBLISHED, filed_on=None)
        .select_related("lead_unit")
        .order_by("pk")
    )
    for doc in docs:
        clock = clock_for(doc, "filing")
        if clock is None or clock.completed_on is not None:
            continue
        late = clock_days_overdue(clock, today=today)
        if late <= 0:
            continue
        with transaction.atomic():
            if Item.objects.filter(dedupe_key=f"normative_documents.filing.{doc.pk}").exists():
                continue
            filing_overdue_raise(document=doc, clock=clock, days_late=late)
        raised += 1
    return raised


@transaction.atomic
def cleanup_create(
    *,
    name: str,
    organiser: Any,
    scope_units: list[Any],
    by: Any,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> CleanupCampaign:
    """A 清理 over the documents in force of the scope's issuers (and dates): one item per document."""
    if not name.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写清理名称。", field="name")
    if not scope_units:
        raise DomainError(DocumentErrorCode.INVALID, "请选择清理范围。", field="scope_units")
    if published_from and published_to and published_to < published_from:
        raise DomainError(DocumentErrorCode.DATE_ORDER, "公布日期至不能早于公布日期自。", field="published_to")
    c = CleanupCampaign.objects.create(
        name=name.strip(), organiser=organiser, published_from=published_from, published_to=published_to, created_by=by
    )
    c.scope_units.set(scope_units)
    docs = NormativeDocument.objects.filter(status=DocumentStatus.VALID, lead_unit__in=scope_units)
    if published_from:
        docs = docs.filter(published_on__gte=published_from)
    if published_to:
        docs = docs.filter(published_on__lte=published_to)
    CleanupItem.objects.bulk_create([CleanupItem(campaign=c, document=d) for d in docs.order_by("published_on", "pk")])
    record_event(actor=by, action=DocumentEvent.CLEANUP_CREATED, obj=c, summary={"documents": c.items.count()})
    return c


@transaction.atomic
def cleanup_item_decide(*, item: CleanupItem, outcome: str, reason: str, by: Any) -> CleanupItem:
    item = CleanupItem.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=item.pk)
    if item.campaign.approved_on:
        raise DomainError(DocumentErrorCode.CLEANUP_APPROVED, "清理结果已批准，不能再修改。", field="outcome")
    if outcome not in CleanupOutcome.values:
        raise DomainError(DocumentErrorCode.INVALID, "请选择清理结果。", field="outcome")
    if not reason.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写理由。", field="reason")
    item.outcome, item.reason = outcome, reason.strip()
    item.save(update_fields=["outcome", "reason"])
    record_event(
        actor=by,
        action=DocumentEvent.CLEANUP_OUTCOME,
        obj=item.campaign,
        summary={"document": item.document_id, "outcome": outcome},
    )
    return item


@transaction.atomic
def cleanup_approve(*, campaign: CleanupCampaign, approved_on: dt.date, by: Any) -> CleanupCampaign:
    """On approval every document's status follows its outcome (修改 → 已修改, 废止 → 废止, 宣布失效 → 失效); the
    result lists are then public on the portal."""
    c = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
    if c.approved_on:
        raise DomainError(DocumentErrorCode.CLEANUP_APPROVED, "清理结果已批准。", field="approved_on")
    pending = c.items.filter(outcome="").count()
    if pending:
        raise DomainError(DocumentErrorCode.INVALID, f"还有{pending}件文件未确定清理结果。", field="approved_on")
    for item in c.items.select_related("document"):
        status = OUTCOME_STATUS[CleanupOutcome(item.outcome)]
        if status != item.document.status:
            document_status_set(document=item.document, status=status, on=approved_on, by=by, today=approved_on)
        elif item.outcome == CleanupOutcome.KEEP and item.document.dependency_flag:  # evaluated: stays in force
            NormativeDocument.objects.filter(pk=item.document_id).update(dependency_flag=False)
            document_items_close(
                document=item.document, kinds=(DEPENDENCY,), by=by, note=f"清理结果继续有效（{c.name}）：{item.reason}"
            )
    c.approved_on = approved_on
    c.save(update_fields=["approved_on", "updated_at"])
    record_event(
        actor=by, action=DocumentEvent.CLEANUP_APPROVED, obj=c, summary={"approved_on": approved_on.isoformat()}
    )
    return c
