"""Extension requests (延期申请): a unit asks for a later due date; the office approves or refuses it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.notifications.services import notify

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import ExtensionRequest, ExtensionState, TaskAssignment
from ..policies import TaskAssignmentPolicy
from ._common import _apply, _event, _liaisons, _lock, _office_users


@transaction.atomic
def extension_request(*, assignment: TaskAssignment, by: Any, reason: str, new_date: dt.date) -> ExtensionRequest:
    if not reason.strip():
        raise DomainError(PlansErrorCode.REASON_REQUIRED, "请填写延期理由。", field="reason")
    a = _apply(assignment, "extend_request", by)
    if a.due_date is not None and new_date <= a.due_date:
        raise DomainError(
            PlansErrorCode.EXTENSION_DATE, f"申请延至日期应晚于原完成时限{a.due_date:%Y-%m-%d}。", field="new_date"
        )
    if a.extensions.filter(state=ExtensionState.PENDING).exists():
        raise DomainError(PlansErrorCode.EXTENSION_PENDING, "已有待审批的延期申请。", field="new_date")
    ext = ExtensionRequest.objects.create(
        assignment=a, reason=reason.strip(), old_date=a.due_date, new_date=new_date, requested_by=by
    )
    _event(a, PlansEvent.EXTENSION_REQUESTED, by, extension=ext.pk, new_date=new_date.isoformat(), reason=ext.reason)
    recipients = _office_users(action="plans.task.extend_approve")
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"延期申请待审批：{a.task.title}",
            dedupe_key=f"plans.extension.{ext.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return ext


@transaction.atomic
def extension_decide(*, extension: ExtensionRequest, by: Any, approve: bool, note: str = "") -> ExtensionRequest:
    ext = (
        ExtensionRequest.objects.select_for_update()
        .select_related("assignment__task", "assignment__unit")
        .get(pk=extension.pk)
    )
    a = ext.assignment
    if not TaskAssignmentPolicy.can(by, "extend_approve", a):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权审批该延期申请。")
    if ext.state != ExtensionState.PENDING:
        raise DomainError(PlansErrorCode.EXTENSION_DECIDED, "该延期申请已审批。")
    if not approve and not note.strip():
        raise DomainError(PlansErrorCode.REASON_REQUIRED, "不同意延期须填写理由。", field="note")
    ext.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    ext.decided_by, ext.decided_at, ext.decision_note = by, timezone.now(), note.strip()
    ext.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "updated_at"])
    if approve:
        a = _lock(a)
        a.due_date = ext.new_date
        a.save(update_fields=["due_date", "updated_at"])
        clocks.clock_reschedule_for(
            a,
            due_date=ext.new_date,
            reason=f"延期申请#{ext.pk}：{ext.reason}",
            by=by,
            trigger_date=timezone.localdate(a.created_at),
        )
    _event(
        a,
        PlansEvent.EXTENSION_APPROVED if approve else PlansEvent.EXTENSION_REFUSED,
        by,
        extension=ext.pk,
        new_date=ext.new_date.isoformat(),
        note=ext.decision_note,
    )
    recipients = _liaisons(unit_ids=[a.unit_id])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"延期申请{'已同意' if approve else '未同意'}：{a.task.title}",
            body=note,
            dedupe_key=f"plans.extension_decided.{ext.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return ext
