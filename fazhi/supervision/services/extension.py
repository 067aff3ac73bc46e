"""Extension requests: who may ask is declared per source; the longest extension is a setting; the office decides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.core.retry import atomic_retry
from fazhi.deadlines.engine import add_months
from fazhi.orgs.scopes import unit_in_scope

from ..channels import Message, deliver
from ..errors import SupervisionErrorCode
from ..events import SupervisionEvent
from ..models import Extension, Item
from ..policies import CoUnitItemPolicy, ItemPolicy
from ..sources import source_kind
from ..states import ExtensionState
from ._common import event, item_lock, liaisons, office_users, refuse_if_closed
from .raising import item_due_set


def extension_limit(item: Item) -> dt.date | None:
    """The latest date an extension of this item may reach: the source's limit (plans: the end of the plan
    period), else the end of the due date's year; `FAZHI_SUPERVISION["MAX_EXTENSION_MONTHS"]`, when set, caps it
    at that many months after the current due date."""
    spec = source_kind(item.kind)
    limit = spec.extension_limit(item) if spec.extension_limit is not None else None
    if limit is None and item.due_date is not None:
        limit = dt.date(item.due_date.year, 12, 31)
    months = getattr(settings, "FAZHI_SUPERVISION", {}).get("MAX_EXTENSION_MONTHS")
    if months and item.due_date is not None:
        cap = add_months(item.due_date, int(months))
        limit = cap if limit is None else min(limit, cap)
    return limit


def may_request(by: Any, item: Item) -> bool:
    """Who may ask, as the source declares: "unit" (the responsible unit), "co" (a co-unit)."""
    who = source_kind(item.kind).extension_by
    if "unit" in who and ItemPolicy.can(by, "extend_request", item):
        return True
    if "co" in who and CoUnitItemPolicy.can(by, "extend_request", item):
        return True
    return False


@transaction.atomic
def extension_request(*, item: Item, by: Any, reason: str, new_date: dt.date | None, policy: bool = True) -> Extension:
    """Ask for a later due date. Refused with the field named: no reason, a date not after the current one, a date
    beyond the longest extension (`extension_limit`), a request already pending."""
    item = item_lock(item)
    if not source_kind(item.kind).extension_by:
        raise DomainError(SupervisionErrorCode.EXTENSION_NOT_ALLOWED, "该类督办事项不能申请延期。", field="new_date")
    if policy and not may_request(by, item):
        raise DomainError(SupervisionErrorCode.FORBIDDEN, "您无权为该督办事项申请延期。")
    refuse_if_closed(item)
    if not (reason or "").strip():
        raise DomainError(SupervisionErrorCode.REASON_REQUIRED, "请填写延期理由。", field="reason")
    if new_date is None:
        raise DomainError(SupervisionErrorCode.EXTENSION_DATE, "请填写申请延至的日期。", field="new_date")
    if item.due_date is not None and new_date <= item.due_date:
        raise DomainError(
            SupervisionErrorCode.EXTENSION_DATE,
            f"申请延至的日期须晚于现完成时限（{item.due_date:%Y-%m-%d}）。",
            field="new_date",
        )
    limit = extension_limit(item)
    if limit is not None and new_date > limit:
        raise DomainError(
            SupervisionErrorCode.EXTENSION_LIMIT,
            f"申请延至的日期不能晚于{limit:%Y-%m-%d}（最长延期期限）。",
            field="new_date",
        )
    if Extension.objects.filter(item=item, state=ExtensionState.PENDING).exists():
        raise DomainError(SupervisionErrorCode.EXTENSION_PENDING, "已有待审批的延期申请。", field="new_date")
    unit = getattr(by, "unit", None)
    try:
        with transaction.atomic():
            ext = Extension.objects.create(
                item=item,
                reason=reason.strip(),
                old_date=item.due_date,
                new_date=new_date,
                unit=unit if unit is not None and unit_in_scope(by, unit.pk) else item.unit,
                requested_by=by if getattr(by, "pk", None) else None,
            )
    except IntegrityError:
        raise DomainError(SupervisionErrorCode.EXTENSION_PENDING, "已有待审批的延期申请。", field="new_date") from None
    event(item, SupervisionEvent.EXTENSION_REQUESTED, by, extension=ext.pk, new_date=str(new_date), reason=ext.reason)
    recipients = [u.pk for u in office_users("supervision.extension.decide")]
    transaction.on_commit(
        lambda: deliver(
            Message(
                recipients,
                f"延期申请待审批：{item.title}",
                f"supervision.extension.{ext.pk}",
                link=item.get_absolute_url(),
            )
        )
    )
    return ext


@atomic_retry  # several row locks (extension, item, the source's share or case, clocks): rerun on a deadlock
def extension_decide(*, extension: Extension, by: Any, approve: bool, note: str = "", policy: bool = True) -> Extension:
    ext = Extension.objects.select_for_update().get(pk=extension.pk)
    item = item_lock(ext.item_id)
    if policy and not ItemPolicy.can(by, "extend_approve", item):
        raise DomainError(SupervisionErrorCode.FORBIDDEN, "您无权审批该延期申请。")
    if ext.state != ExtensionState.PENDING:
        raise DomainError(SupervisionErrorCode.EXTENSION_DECIDED, "该延期申请已审批。")
    if not approve and not (note or "").strip():
        raise DomainError(SupervisionErrorCode.REASON_REQUIRED, "不同意延期须填写理由。", field="note")
    ext.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    ext.decided_by = by if getattr(by, "pk", None) else None
    ext.decided_at, ext.decision_note = timezone.now(), (note or "").strip()
    ext.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "updated_at"])
    event(
        item,
        SupervisionEvent.EXTENSION_APPROVED if approve else SupervisionEvent.EXTENSION_REFUSED,
        by,
        extension=ext.pk,
        new_date=str(ext.new_date),
        note=ext.decision_note,
    )
    if approve:
        spec = source_kind(item.kind)
        if spec.on_extended is not None:
            spec.on_extended(item, ext.new_date, by)  # the source moves its own date (and clock) first
        item_due_set(item=item, due=ext.new_date, by=by, reason=f"延期申请#{ext.pk}：{ext.reason}")
    recipients = [u.pk for u in liaisons(unit_ids=[item.unit_id])]
    transaction.on_commit(
        lambda: deliver(
            Message(
                recipients,
                f"延期申请{'已同意' if approve else '未同意'}：{item.title}",
                f"supervision.extension_decided.{ext.pk}",
                body=ext.decision_note,
                link=item.get_absolute_url(),
            )
        )
    )
    return ext
