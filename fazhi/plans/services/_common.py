"""Helpers shared by the plans services: assigning a task to units, finding whom to notify, and the locked,
policy-checked move of an assignment along the state table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.notifications.services import notify
from fazhi.orgs.models import Unit, UnitGroup, User
from fazhi.supervision.services import item_raise, liaisons, office_users

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import AssignmentRole, PlanTask, TaskAssignment
from ..policies import TaskAssignmentPolicy
from ..sources import KIND
from ..states import TRANSITIONS, AssignmentState

S = AssignmentState


def _task_assign(
    *, task: PlanTask, shares: Sequence[tuple[Unit | UnitGroup, str]], by: Any, trigger: dt.date
) -> list[TaskAssignment]:
    """Expand groups to their members; a unit named as lead and as co is lead; each unit gets one assignment."""
    roles: dict[int, tuple[Unit, str, UnitGroup | None]] = {}
    for target, role in shares:
        if isinstance(target, UnitGroup):
            task.groups.add(target)
            members = list(target.members.filter(is_active=True).order_by("path"))
            for u in members:
                if u.pk not in roles:
                    roles[u.pk] = (u, role, target)
        elif target.pk not in roles or (role == AssignmentRole.LEAD and roles[target.pk][1] != AssignmentRole.LEAD):
            roles[target.pk] = (target, role, None)
    existing = set(task.assignments.values_list("unit_id", flat=True))
    created = []
    for unit, role, group in roles.values():
        if unit.pk in existing:
            continue
        a = TaskAssignment.objects.create(task=task, unit=unit, role=role, via_group=group, due_date=task.due_date)
        clock = clocks.clock_start_for(a, trigger_date=trigger, by=by)
        a.item = item_raise(
            source=a,
            kind=KIND,
            unit=unit,
            reason=task.title,
            text=task.text,
            clock=clock,
            by=by,
            dedupe_key=f"plans.share.{a.pk}",
            url=f"{task.get_absolute_url()}#a{a.pk}",
        )
        a.save(update_fields=["item"])
        created.append(a)
    _co_units_set(task)
    record_event(
        actor=by,
        action=PlansEvent.TASK_ASSIGNED,
        obj=task,
        summary={"units": [{"unit": a.unit.display_name, "role": a.role} for a in created]},
    )
    recipients = _liaisons(unit_ids=[a.unit_id for a in created])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"新任务待签收：{task.title}",
            dedupe_key=f"plans.assigned.{task.pk}",
            link=task.get_absolute_url(),
        )
    )
    return created


def _co_units_set(task: PlanTask) -> None:
    """A lead share's item lists the task's co-units (配合单位), so the lead's board shows whom to consolidate."""
    shares = list(task.assignments.select_related("item").only("id", "role", "unit_id", "item"))
    co = [s.unit_id for s in shares if s.role == AssignmentRole.CO]
    for s in shares:
        if s.role == AssignmentRole.LEAD and s.item is not None:
            s.item.co_units.set(co)


def _liaisons(*, unit_ids: Iterable[int]) -> list[User]:
    return liaisons(unit_ids=unit_ids, action="plans.task.view")  # the messages link the task page


def _lock(assignment: TaskAssignment) -> TaskAssignment:
    return (
        TaskAssignment.objects.select_for_update(of=("self",))
        .select_related("task", "unit", "item")
        .get(pk=assignment.pk)
    )


def _apply(assignment: TaskAssignment, transition: str, by: Any) -> TaskAssignment:
    """Lock, check the policy and the state table, then move to the transition's target state."""
    t = TRANSITIONS[transition]
    a = _lock(assignment)
    if not TaskAssignmentPolicy.can(by, transition, a):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权对该任务执行此操作。")
    if a.role not in t.roles:
        raise DomainError(
            PlansErrorCode.NOT_LEAD, f"“{t.label}”只能由{'牵头' if 'lead' in t.roles else '配合'}单位办理。"
        )
    if a.state not in t.sources:
        raise DomainError(
            PlansErrorCode.TRANSITION_NOT_ALLOWED,
            f"任务当前状态为“{a.get_state_display()}”，不能{t.label}。",
            field="state",
        )
    if t.target is not None:
        a.state = t.target
    return a


def _event(a: TaskAssignment, action: str, by: Any, **summary: Any) -> None:
    record_event(
        actor=by,
        action=action,
        obj=a.task,
        summary={"assignment": a.pk, "unit": a.unit.display_name, "role": a.role, "state": a.state, **summary},
    )


def _office_users(action: str = "plans.supervise") -> list[User]:
    return office_users(action)
