"""The supervision workflow on one assignment: assign, sign, report, contribute, complete, accept, send back, urge."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.notifications.services import notify
from fazhi.orgs.models import Unit, UnitGroup

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import (
    AssignmentRole,
    PlanTask,
    ReportKind,
    ReviewDecision,
    TaskAssignment,
    TaskAttachment,
    TaskReport,
    TaskReview,
)
from ..policies import TaskAssignmentPolicy
from ..states import OPEN_STATES
from ._common import S, _apply, _event, _liaisons, _office_users, _task_assign


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
) -> TaskReport:
    if not text.strip():
        raise DomainError(PlansErrorCode.TEXT_REQUIRED, "请填写报送内容。", field="text")
    report = TaskReport.objects.create(
        assignment=a, kind=kind, text=text.strip(), percent=percent, created_by=by, submit_token=submit_token
    )
    for f in files:
        TaskAttachment.objects.create(report=report, file=f, name=(f.name or "附件")[:200], size=f.size or 0)
    return report


def _replayed(submit_token: uuid.UUID | None) -> TaskReport | None:
    return TaskReport.objects.filter(submit_token=submit_token).first() if submit_token else None


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
) -> TaskReport:
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
) -> TaskReport:
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
) -> TaskReport:
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
        TaskReport.objects.filter(assignment__task=a.task, kind=ReportKind.CO_INPUT).values_list("pk", flat=True)
    )
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


@transaction.atomic
def assignment_accept(*, assignment: TaskAssignment, by: Any, reason: str = "") -> TaskAssignment:
    """销号. When every lead share is accepted the task closes, and its co-units' shares with it."""
    a = _apply(assignment, "accept", by)
    now = timezone.now()
    on = timezone.localdate(now)
    a.closed_at = now
    submitted_on = timezone.localdate(a.submitted_at) if a.submitted_at else on
    a.closed_on_time = a.due_date is None or submitted_on <= a.due_date
    a.save(update_fields=["state", "closed_at", "closed_on_time", "updated_at"])
    TaskReview.objects.create(assignment=a, decision=ReviewDecision.ACCEPTED, reason=reason, by=by)
    clocks.clock_complete_for(a, on=submitted_on, by=by)
    _event(a, PlansEvent.TASK_ACCEPTED, by, reason=reason, on_time=a.closed_on_time)
    task = a.task
    if not task.assignments.filter(role=AssignmentRole.LEAD).exclude(state=S.ACCEPTED).exists():
        for co in task.assignments.select_for_update().filter(role=AssignmentRole.CO).exclude(state=S.ACCEPTED):
            co.state, co.closed_at = S.ACCEPTED, now
            co.closed_on_time = co.due_date is None or submitted_on <= co.due_date
            co.save(update_fields=["state", "closed_at", "closed_on_time", "updated_at"])
            clocks.clock_complete_for(co, on=submitted_on, by=by)
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
    review = TaskReview.objects.create(assignment=a, decision=ReviewDecision.RETURNED, reason=reason.strip(), by=by)
    _event(a, PlansEvent.TASK_RETURNED, by, reason=reason.strip())
    recipients = _liaisons(unit_ids=[a.unit_id])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"任务被退回：{a.task.title}",
            body=reason,
            dedupe_key=f"plans.returned.{review.pk}",
            link=a.task.get_absolute_url(),
            level="yellow",
        )
    )
    return a


@transaction.atomic
def assignment_urge(*, assignment: TaskAssignment, by: Any, message: str = "") -> int:
    """催办: a notice to the unit's liaison(s), once per assignment per day."""
    if not TaskAssignmentPolicy.can(by, "urge", assignment):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权催办该任务。")
    if assignment.state not in OPEN_STATES:
        raise DomainError(PlansErrorCode.TRANSITION_NOT_ALLOWED, "任务已销号，无需催办。")
    task = assignment.task
    _event(assignment, PlansEvent.TASK_URGED, by, message=message)
    recipients = _liaisons(unit_ids=[assignment.unit_id])
    day = clocks.today().isoformat()
    sent = notify(
        recipients=recipients,
        title=f"催办：{task.title}",
        body=message or "请抓紧推进并按时报送。",
        dedupe_key=f"plans.urge.{assignment.pk}.{day}",
        link=task.get_absolute_url(),
        level="yellow",
    )
    return sent
