"""A draft plan (#13): imported, not yet dispatched. Its tasks are edited — title, text, due date, lead and co
units — added or removed, and then dispatched explicitly, the whole plan or one section at a time; dispatching
assigns each task to its units (groups expanded), starts the shares' clocks and raises their supervisable items.
Before #13 confirming an import dispatched everything at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit, UnitGroup

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import AssignmentRole, DraftUnit, Plan, PlanSection, PlanTask
from ..policies import PlanPolicy
from ._common import _task_assign

Target = Unit | UnitGroup


def draft_units_set(task: PlanTask, shares: Sequence[tuple[Target, str]]) -> None:
    """Replace the units a draft task will be assigned to (a unit named as lead and as co stays lead)."""
    seen: dict[tuple[str, int], str] = {}
    for target, role in shares:
        key = ("g" if isinstance(target, UnitGroup) else "u", target.pk)
        if key not in seen or role == AssignmentRole.LEAD:
            seen[key] = role
    DraftUnit.objects.filter(task=task).delete()
    DraftUnit.objects.bulk_create(
        [
            DraftUnit(
                task=task,
                unit_id=pk if kind == "u" else None,
                group_id=pk if kind == "g" else None,
                role=role,
                order=i,
            )
            for i, ((kind, pk), role) in enumerate(seen.items())
        ]
    )


def _written(shares: Sequence[tuple[Target, str]], role: str) -> list[str]:
    return [t.name for t, r in shares if r == role]


def _refuse_unless_manager(by: Any) -> None:
    if not PlanPolicy.can(by, "manage"):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权编辑计划。")


def _check(
    *, title: str, due_date: dt.date | None, leads: Sequence[Target], cos: Sequence[Target]
) -> list[tuple[Target, str]]:
    if not (title or "").strip():
        raise DomainError(PlansErrorCode.TITLE_REQUIRED, "任务名称：不能为空。", field="title")
    if due_date is not None and due_date < clocks.today():
        raise DomainError(
            PlansErrorCode.DUE_DATE_INVALID,
            f"完成时限：不能早于今天（{clocks.today():%Y-%m-%d}），下达后任务即按此时限计时。",
            field="due_date",
        )
    if not leads:
        raise DomainError(PlansErrorCode.NO_LEAD_UNIT, "牵头单位：请至少选择一个单位。", field="lead_units")
    return [*((t, AssignmentRole.LEAD) for t in leads), *((t, AssignmentRole.CO) for t in cos)]


def _draft_lock(task: PlanTask) -> PlanTask:
    locked = PlanTask.objects.select_for_update(of=("self",)).select_related("plan").get(pk=task.pk)
    if locked.dispatched_at is not None:
        raise DomainError(PlansErrorCode.NOT_DRAFT, "该任务已下达，不能再按草稿编辑。", field="task")
    return locked


@transaction.atomic
def draft_task_save(
    *,
    task: PlanTask,
    by: Any,
    title: str,
    text: str,
    due_date: dt.date | None,
    leads: Sequence[Target],
    cos: Sequence[Target] = (),
    expected_version: int,
) -> PlanTask:
    """Edit a task of a draft plan (version-checked: a concurrent edit is refused, not overwritten). Audited with
    what changed."""
    _refuse_unless_manager(by)
    t = _draft_lock(task)
    shares = _check(title=title, due_date=due_date, leads=leads, cos=cos)
    before = {
        "title": t.title,
        "due_date": t.due_date.isoformat() if t.due_date else None,
        "lead": t.lead_units_written,
        "co": t.co_units_written,
    }
    t.title, t.text, t.due_date = title.strip()[:300], (text or "").strip(), due_date
    t.lead_units_written, t.co_units_written = _written(shares, "lead"), _written(shares, "co")
    t.save_versioned(
        expected_version=expected_version,
        update_fields=["title", "text", "due_date", "lead_units_written", "co_units_written"],
    )
    draft_units_set(t, shares)
    after = {
        "title": t.title,
        "due_date": t.due_date.isoformat() if t.due_date else None,
        "lead": t.lead_units_written,
        "co": t.co_units_written,
    }
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    record_event(actor=by, action=PlansEvent.DRAFT_TASK_SAVED, obj=t, summary={"changed": changed})
    return t


@transaction.atomic
def draft_task_add(
    *,
    plan: Plan,
    by: Any,
    section: PlanSection | None,
    title: str,
    text: str = "",
    due_date: dt.date | None,
    leads: Sequence[Target],
    cos: Sequence[Target] = (),
) -> PlanTask:
    """A task the document did not have, added to a draft plan (numbered after the last one)."""
    _refuse_unless_manager(by)
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    if section is not None and section.plan_id != plan.pk:
        raise DomainError(PlansErrorCode.NOT_DRAFT, "所属章节：不属于该计划。", field="section")
    shares = _check(title=title, due_date=due_date, leads=leads, cos=cos)
    number = (plan.tasks.aggregate(n=Max("number"))["n"] or 0) + 1
    t = PlanTask.objects.create(
        plan=plan,
        section=section,
        number=number,
        title=title.strip()[:300],
        text=(text or "").strip(),
        due_date=due_date,
        lead_units_written=_written(shares, "lead"),
        co_units_written=_written(shares, "co"),
        rhythm=plan.rhythm,
    )
    draft_units_set(t, shares)
    record_event(actor=by, action=PlansEvent.DRAFT_TASK_ADDED, obj=plan, summary={"task": t.pk, "number": number})
    return t


@transaction.atomic
def draft_task_delete(*, task: PlanTask, by: Any) -> None:
    """Remove a task from a draft plan (a dispatched task is never deleted: its shares have a history)."""
    _refuse_unless_manager(by)
    t = _draft_lock(task)
    record_event(
        actor=by,
        action=PlansEvent.DRAFT_TASK_DELETED,
        obj=t.plan,
        summary={"task": t.pk, "number": t.number, "title": t.title},
    )
    t.delete()


def section_subtree(plan: Plan, section: PlanSection) -> set[int]:
    """The section and every section below it."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in plan.sections.values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    out, todo = set(), [section.pk]
    while todo:
        pk = todo.pop()
        out.add(pk)
        todo += children.get(pk, [])
    return out


@transaction.atomic
def plan_dispatch(*, plan: Plan, by: Any, section: PlanSection | None = None) -> int:
    """下达: assign every not yet dispatched task of the plan (or of one section and its sub-sections) to its
    units. Refused, dispatching nothing, if one of them has no lead unit (the message names the task). Returns the
    number of tasks dispatched (0 on a retried submit: they are already out)."""
    _refuse_unless_manager(by)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if section is not None and section.plan_id != plan.pk:
        raise DomainError(PlansErrorCode.NOT_DRAFT, "下达范围：该章节不属于此计划。", field="section")
    qs = plan.tasks.filter(dispatched_at__isnull=True).prefetch_related("draft_units__unit", "draft_units__group")
    if section is not None:
        qs = qs.filter(section_id__in=section_subtree(plan, section))
    tasks = list(qs.select_for_update(of=("self",)).order_by("number", "id"))
    missing = [t for t in tasks if not any(d.role == AssignmentRole.LEAD for d in t.draft_units.all())]
    if missing:
        raise DomainError(
            PlansErrorCode.NO_LEAD_UNIT,
            "牵头单位：以下任务尚未指定牵头单位，请先编辑后再下达："
            + "、".join(f"第{t.number}项“{t.title}”" for t in missing)
            + "。",
            field="lead_units",
        )
    now, trigger = timezone.now(), clocks.today()
    for t in tasks:
        shares = [(d.target, d.role) for d in t.draft_units.all()]
        _task_assign(task=t, shares=shares, by=by, trigger=trigger)
        PlanTask.objects.filter(pk=t.pk).update(dispatched_at=now)
        DraftUnit.objects.filter(task=t).delete()
    if tasks:
        Plan.objects.filter(pk=plan.pk).update(updated_at=now)
        record_event(
            actor=by,
            action=PlansEvent.PLAN_DISPATCHED,
            obj=plan,
            summary={
                "tasks": [t.number for t in tasks],
                "section": section.title if section is not None else "",
                "remaining": plan.tasks.filter(dispatched_at__isnull=True).count(),
            },
        )
    return len(tasks)
