"""The supervision workflow on one assignment: assign, sign, report, contribute, complete, accept, send back, urge."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.retry import atomic_retry
from fazhi.notifications.services import notify
from fazhi.orgs.models import Unit, UnitGroup
from fazhi.supervision.models import Item, Report
from fazhi.supervision.services import (
    item_accept,
    item_return,
    item_state_follow,
    item_urge,
    report_add,
    report_replayed,
)

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import AssignmentRole, PlanTask, ReportKind, TaskAssignment
from ..policies import TaskAssignmentPolicy
from ..states import OPEN_STATES
from ._common import S, _apply, _event, _liaisons, _office_users, _task_assign

URGE_DEFAULT = "请抓紧推进并按时报送。"


@transaction.atomic
def plan_task_assign(*, task: PlanTask, units: Sequence[Unit | UnitGroup], role: str, by: Any) -> list[TaskAssignment]:
    """Add units (or groups, expanded to members) to a task after import."""
    return _task_assign(task=task, shares=[(u, role) for u in units], by=by, trigger=clocks.today())


# ------------------------------------------------------------------------------------------------ workflow


def _save_report(
    a: TaskAssignment,
    *,
    kind: str,
    text: str,
    by: Any,
    files: Sequence[Any],
    percent: int | None,
    submit_token: uuid.UUID | None,
) -> Report:
    """Reports and their evidence live on the share's supervisable item (the shared mechanism)."""
    return report_add(
        a.item, kind=kind, text=text, by=by, files=files, percent=percent, submit_token=submit_token, unit=a.unit
    )


def _replayed(submit_token: uuid.UUID | None) -> Report | None:
    return report_replayed(submit_token)


@transaction.atomic
def assignment_sign(*, assignment: TaskAssignment, by: Any) -> TaskAssignment:
    a = _apply(assignment, "sign", by)
    a.signed_at = timezone.now()
    a.save(update_fields=["state", "signed_at", "updated_at"])
    _event(a, PlansEvent.TASK_SIGNED, by)
    return a


@transaction.atomic
def assignment_report(
    *,
    assignment: TaskAssignment,
    by: Any,
    text: str,
    files: Sequence[Any] = (),
    percent: int | None = None,
    submit_token: uuid.UUID | None = None,
) -> Report:
    """A periodic progress report (with attachments). On a returned task the state stays 已退回 until completed."""
    if (done := _replayed(submit_token)) is not None:
        return done
    a = _apply(assignment, "report", by)
    if (done := _replayed(submit_token)) is not None:
        return done  # a concurrent twin committed while this call waited for the row lock: its report, nothing new
    if assignment.state == S.RETURNED:
        a.state = S.RETURNED
    a.save(update_fields=["state", "updated_at"])
    report = _save_report(
        a, kind=ReportKind.PROGRESS, text=text, by=by, files=files, percent=percent, submit_token=submit_token
    )
    _event(a, PlansEvent.TASK_REPORTED, by, report=report.pk, percent=percent, attachments=len(files))
    return report


@transaction.atomic
def assignment_contribute(
    *, assignment: TaskAssignment, by: Any, text: str, files: Sequence[Any] = (), submit_token: uuid.UUID | None = None
) -> Report:
    """A co-unit hands its input to the lead unit, which consolidates it into the completion report."""
    if (done := _replayed(submit_token)) is not None:
        return done
    a = _apply(assignment, "contribute", by)
    a.save(update_fields=["state", "updated_at"])
    report = _save_report(
        a, kind=ReportKind.CO_INPUT, text=text, by=by, files=files, percent=None, submit_token=submit_token
    )
    _event(a, PlansEvent.TASK_CONTRIBUTED, by, report=report.pk, attachments=len(files))
    leads = a.task.assignments.filter(role=AssignmentRole.LEAD).values_list("unit_id", flat=True)
    recipients = _liaisons(unit_ids=leads)
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"{a.unit.display_name}已报送协办意见：{a.task.title}",
            dedupe_key=f"plans.co_input.{report.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return report


@transaction.atomic
def assignment_complete(
    *, assignment: TaskAssignment, by: Any, text: str, files: Sequence[Any] = (), submit_token: uuid.UUID | None = None
) -> Report:
    """The lead unit's completion report; it consolidates the co-units' input received so far."""
    if (done := _replayed(submit_token)) is not None:
        return done
    a = _apply(assignment, "complete", by)
    a.submitted_at = timezone.now()
    a.save(update_fields=["state", "submitted_at", "updated_at"])
    report = _save_report(
        a, kind=ReportKind.COMPLETION, text=text, by=by, files=files, percent=100, submit_token=submit_token
    )
    co_inputs = list(
        Report.objects.filter(item__plan_share__task=a.task, kind=ReportKind.CO_INPUT).values_list("pk", flat=True)
    )
    item_state_follow(item=a.item, submitted=True)
    _event(a, PlansEvent.TASK_COMPLETED, by, report=report.pk, co_inputs=co_inputs, attachments=len(files))
    recipients = _office_users()
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"任务待审核：{a.task.title}（{a.unit.display_name}）",
            dedupe_key=f"plans.submitted.{report.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return report


@atomic_retry
def assignment_accept(*, assignment: TaskAssignment, by: Any, reason: str = "") -> TaskAssignment:
    """销号. When every lead share is accepted the task closes, and its co-units' shares with it."""
    a = _apply(assignment, "accept", by)
    # Lock order (docs/security.md): every row this may change is locked before the first audit row takes the chain
    # head — the open co shares and their items too (a co unit's own report locks its share, then the head).
    co_shares = list(
        a.task.assignments.select_for_update().filter(role=AssignmentRole.CO).exclude(state=S.ACCEPTED).order_by("pk")
    )
    list(Item.objects.select_for_update().filter(pk__in=[c.item_id for c in co_shares if c.item_id]).order_by("pk"))
    now = timezone.now()
    on = timezone.localdate(now)
    a.closed_at = now
    submitted_on = timezone.localdate(a.submitted_at) if a.submitted_at else on
    a.closed_on_time = a.due_date is None or submitted_on <= a.due_date
    a.save(update_fields=["state", "closed_at", "closed_on_time", "updated_at"])
    clocks.clock_complete_for(a, on=submitted_on, by=by)
    item_accept(item=a.item, by=by, note=reason, policy=False)  # the shared 销号: settles pending extensions
    _event(a, PlansEvent.TASK_ACCEPTED, by, reason=reason, on_time=a.closed_on_time)
    task = a.task
    if not task.assignments.filter(role=AssignmentRole.LEAD).exclude(state=S.ACCEPTED).exists():
        for co in co_shares:
            co.state, co.closed_at = S.ACCEPTED, now
            co.closed_on_time = co.due_date is None or submitted_on <= co.due_date
            co.save(update_fields=["state", "closed_at", "closed_on_time", "updated_at"])
            clocks.clock_complete_for(co, on=submitted_on, by=by)
            if co.item_id is not None:
                item_accept(item=co.item, by=by, note="牵头单位任务已销号，配合任务随之销号", policy=False)
        PlanTask.objects.filter(pk=task.pk).update(closed_at=now)
        record_event(actor=by, action=PlansEvent.TASK_CLOSED, obj=task, summary={"on_time": a.closed_on_time})
    recipients = _liaisons(unit_ids=[a.unit_id])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"任务已销号：{task.title}",
            dedupe_key=f"plans.accepted.{a.pk}",
            link=task.get_absolute_url(),
        )
    )
    return a


@transaction.atomic
def assignment_send_back(*, assignment: TaskAssignment, by: Any, reason: str) -> TaskAssignment:
    if not reason.strip():
        raise DomainError(PlansErrorCode.REASON_REQUIRED, "退回必须填写理由。", field="reason")
    a = _apply(assignment, "send_back", by)
    a.save(update_fields=["state", "updated_at"])
    item = item_return(item=a.item, by=by, reason=reason, policy=False)
    _event(a, PlansEvent.TASK_RETURNED, by, reason=reason.strip())
    recipients = _liaisons(unit_ids=[a.unit_id])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"任务被退回：{a.task.title}",
            body=reason,
            dedupe_key=f"plans.returned.{a.pk}.{item.version}",
            link=a.task.get_absolute_url(),
            level="yellow",
        )
    )
    return a


@transaction.atomic
def assignment_urge(*, assignment: TaskAssignment, by: Any, message: str = "") -> int:
    """催办 through the shared mechanism: a notice to the unit's liaison(s), once per share per day, on the share's
    item timeline and on the task's, with the text that was sent."""
    if not TaskAssignmentPolicy.can(by, "urge", assignment):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权催办该任务。")
    if assignment.state not in OPEN_STATES:
        raise DomainError(PlansErrorCode.TRANSITION_NOT_ALLOWED, "任务已销号，无需催办。")
    text = (message or "").strip() or URGE_DEFAULT
    _event(assignment, PlansEvent.TASK_URGED, by, message=text)
    return item_urge(item=assignment.item, by=by, message=text, policy=False)
