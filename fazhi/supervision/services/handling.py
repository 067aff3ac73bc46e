"""Working an item: reports with evidence (one or many at once), 销号 / 退回, 催办 (one or many at once)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError

from .. import clocks
from ..channels import Message, deliver
from ..errors import SupervisionErrorCode
from ..events import SupervisionEvent
from ..models import Evidence, Item, Report, Review
from ..sources import source_kind
from ..states import EndKind, ItemState, ReportKind, ReviewDecision
from ._common import board_changed, check, event, item_lock, liaisons, refuse_if_closed
from .raising import _end

URGE_DEFAULT = "请抓紧办理，按时报送办理情况。"


def report_add(
    item: Item,
    *,
    kind: str,
    text: str,
    by: Any,
    files: Sequence[Any] = (),
    percent: int | None = None,
    submit_token: uuid.UUID | None = None,
    unit: Any = None,
) -> Report:
    """Save one report and its files (no checks: callers have checked and locked). Used by plans for its shares."""
    if not (text or "").strip():
        raise DomainError(SupervisionErrorCode.TEXT_REQUIRED, "请填写报送内容。", field="text")
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError(SupervisionErrorCode.INVALID, "完成进度应在0到100之间。", field="percent")
    report = Report.objects.create(
        item=item,
        kind=kind,
        text=text.strip(),
        percent=percent,
        created_by=by if getattr(by, "pk", None) else None,
        unit=unit if unit is not None else getattr(by, "unit", None),
        submit_token=submit_token,
    )
    for f in files:
        Evidence.objects.create(report=report, file=f, name=(f.name or "附件")[:200], size=f.size or 0)
    return report


def report_replayed(submit_token: uuid.UUID | None) -> Report | None:
    return Report.objects.filter(submit_token=submit_token).first() if submit_token else None


@transaction.atomic
def item_report(
    *,
    item: Item,
    by: Any,
    text: str,
    files: Sequence[Any] = (),
    percent: int | None = None,
    complete: bool = False,
    submit_token: uuid.UUID | None = None,
) -> Report:
    """A progress report, or (complete=True) the completion report that asks for 销号. A retried submit (same
    token) returns the first report."""
    if (done := report_replayed(submit_token)) is not None:
        return done
    item = item_lock(item)
    check(by, "report", item)
    refuse_if_closed(item)
    spec = source_kind(item.kind)
    if not (spec.closes_here or spec.end == "source"):
        raise DomainError(SupervisionErrorCode.INVALID, f"“{spec.label}”请在来源页面报送办理情况。", field="items")
    kind = ReportKind.COMPLETION if complete else ReportKind.PROGRESS
    report = report_add(
        item, kind=kind, text=text, by=by, files=files, percent=100 if complete else percent, submit_token=submit_token
    )
    if complete and spec.end == "person":
        item.state = ItemState.SUBMITTED
        item.version += 1
        item.save(update_fields=["state", "version", "updated_at"])
        board_changed()
    event(
        item,
        SupervisionEvent.ITEM_SUBMITTED if complete else SupervisionEvent.ITEM_REPORTED,
        by,
        report=report.pk,
        text=report.text,
        percent=report.percent,
        attachments=len(files),
    )
    return report


@transaction.atomic
def items_report(*, items: Sequence[Item], by: Any, text: str, percent: int | None = None) -> int:
    """One progress report on many items at once (a liaison's bulk report). All or nothing."""
    if not items:
        raise DomainError(SupervisionErrorCode.INVALID, "请至少选择一项督办事项。", field="items")
    for item in items:
        item_report(item=item, by=by, text=text, percent=percent)
    return len(items)


def has_evidence(item: Item) -> bool:
    return Evidence.objects.filter(report__item=item).exists()


@transaction.atomic
def item_accept(*, item: Item, by: Any, note: str = "", policy: bool = True) -> Item:
    """销号 by a person, where the source requires it; with evidence where its rule says so. Settles every pending
    extension request (refused, with the reason recorded). `policy=False`: the source's own door has checked
    (plans' 审核销号)."""
    item = item_lock(item)
    if policy:
        check(by, "accept", item)
    refuse_if_closed(item)
    spec = source_kind(item.kind)
    if spec.end != "person":
        raise DomainError(
            SupervisionErrorCode.CLOSED_BY_SOURCE, "该督办事项在来源业务办结后自动关闭，不能人工销号。", field="state"
        )
    if spec.evidence_required and not has_evidence(item):
        raise DomainError(
            SupervisionErrorCode.EVIDENCE_REQUIRED,
            "销号须有佐证材料：请责任单位先报送附有材料的办理情况。",
            field="evidence",
        )
    Review.objects.create(
        item=item, decision=ReviewDecision.ACCEPTED, reason=note.strip(), by=by if getattr(by, "pk", None) else None
    )
    _end(item, by=by, kind=EndKind.PERSON, note=note.strip() or "销号")
    event(item, SupervisionEvent.ITEM_ACCEPTED, by, note=note.strip())
    recipients = [u.pk for u in liaisons(unit_ids=[item.unit_id])]
    transaction.on_commit(
        lambda: deliver(
            Message(
                recipients,
                f"督办事项已销号：{item.title}",
                f"supervision.accepted.{item.pk}",
                link=item.get_absolute_url(),
            )
        )
    )
    return item


@transaction.atomic
def item_return(*, item: Item, by: Any, reason: str, policy: bool = True) -> Item:
    """退回: the completion report is not enough; the unit works on (state back to 办理中)."""
    if not (reason or "").strip():
        raise DomainError(SupervisionErrorCode.REASON_REQUIRED, "退回必须填写理由。", field="reason")
    item = item_lock(item)
    if policy:
        check(by, "return", item)
    refuse_if_closed(item)
    Review.objects.create(
        item=item, decision=ReviewDecision.RETURNED, reason=reason.strip(), by=by if getattr(by, "pk", None) else None
    )
    item.state = ItemState.OPEN
    item.version += 1
    item.save(update_fields=["state", "version", "updated_at"])
    board_changed()
    event(item, SupervisionEvent.ITEM_RETURNED, by, reason=reason.strip())
    recipients = [u.pk for u in liaisons(unit_ids=[item.unit_id])]
    transaction.on_commit(
        lambda: deliver(
            Message(
                recipients,
                f"督办事项被退回：{item.title}",
                f"supervision.returned.{item.pk}.{item.version}",
                body=reason.strip(),
                link=item.get_absolute_url(),
                level="yellow",
            )
        )
    )
    return item


@transaction.atomic
def item_urge(*, item: Item, by: Any, message: str = "", policy: bool = True) -> int:
    """催办: a notice to the unit's liaisons, at most once per item per day; always on the item's timeline with
    the text that was sent (the default wording when none was typed)."""
    item = item_lock(item)
    if policy:
        check(by, "urge", item, "您无权催办该督办事项。")
    if item.state == ItemState.CLOSED:
        raise DomainError(SupervisionErrorCode.ITEM_CLOSED, "督办事项已办结，无需催办。", field="state")
    text = (message or "").strip() or URGE_DEFAULT
    event(item, SupervisionEvent.ITEM_URGED, by, message=text)
    recipients = [u.pk for u in liaisons(unit_ids=[item.unit_id])]
    day = clocks.today().isoformat()
    msg = Message(
        recipients,
        f"催办：{item.title}",
        f"supervision.urge.{item.pk}.{day}",
        body=text,
        link=item.get_absolute_url(),
        level="yellow",
    )
    return deliver(msg)  # inside the transaction: a refused write sends nothing


@transaction.atomic
def items_urge(*, items: Sequence[Item], by: Any, message: str = "") -> int:
    """催办 in bulk from the office board: every selected open item, all or nothing."""
    if not items:
        raise DomainError(SupervisionErrorCode.INVALID, "请至少选择一项督办事项。", field="items")
    n = 0
    for item in items:
        if item.state != ItemState.CLOSED:
            item_urge(item=item, by=by, message=message)
            n += 1
    return n


@transaction.atomic
def item_state_follow(*, item: Item, submitted: bool) -> Item:
    """For a source with its own workflow (plans: 报送完成情况 → 待审核): the item follows, 待销号 or 办理中."""
    item = item_lock(item)
    refuse_if_closed(item)
    state = ItemState.SUBMITTED if submitted else ItemState.OPEN
    if item.state != state:
        item.state = state
        item.version += 1
        item.save(update_fields=["state", "version", "updated_at"])
        board_changed()
    return item
