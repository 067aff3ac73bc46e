"""Extension requests (延期申请) on a share go through the shared mechanism (fazhi.supervision): who may ask, the
longest extension and the decision are supervision's; plans checks its own state table and, once an extension is
approved, moves the share's due date and clock (`share_due_set`, the `plans.share` source's hook)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.supervision import services as supervision
from fazhi.supervision.models import Extension

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import TaskAssignment
from ..policies import TaskAssignmentPolicy
from ._common import _apply, _event, _lock


@transaction.atomic
def extension_request(*, assignment: TaskAssignment, by: Any, reason: str, new_date: dt.date | None) -> Extension:
    if not (reason or "").strip():
        raise DomainError(PlansErrorCode.REASON_REQUIRED, "请填写延期理由。", field="reason")
    a = _apply(assignment, "extend_request", by)
    ext = supervision.extension_request(item=a.item, by=by, reason=reason, new_date=new_date, policy=False)
    _event(a, PlansEvent.EXTENSION_REQUESTED, by, extension=ext.pk, new_date=str(ext.new_date), reason=ext.reason)
    return ext


@transaction.atomic
def extension_decide(*, extension: Extension, by: Any, approve: bool, note: str = "") -> Extension:
    a = TaskAssignment.objects.select_related("task", "unit", "item").get(item_id=extension.item_id)
    if not TaskAssignmentPolicy.can(by, "extend_approve", a):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权审批该延期申请。")
    ext = supervision.extension_decide(extension=extension, by=by, approve=approve, note=note, policy=False)
    a.refresh_from_db()
    _event(
        a,
        PlansEvent.EXTENSION_APPROVED if approve else PlansEvent.EXTENSION_REFUSED,
        by,
        extension=ext.pk,
        new_date=ext.new_date.isoformat(),
        note=ext.decision_note,
    )
    return ext


def share_due_set(*, assignment: TaskAssignment, due_date: dt.date, by: Any, reason: str) -> TaskAssignment:
    """The share's new due date (an approved extension): the assignment and its clock follow."""
    a = _lock(assignment)
    a.due_date = due_date
    a.save(update_fields=["due_date", "updated_at"])
    clocks.clock_reschedule_for(
        a, due_date=due_date, reason=reason, by=by, trigger_date=timezone.localdate(a.created_at)
    )
    if a.item is not None and a.item.clock_id is None:  # a share without a date got one: its item follows the clock
        clock = clocks.clock_of(a)
        if clock is not None:
            type(a.item).objects.filter(pk=a.item_id).update(clock=clock)
    return a
