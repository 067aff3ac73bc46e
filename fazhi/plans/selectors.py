"""Reads, already scoped by the policies: plans, tasks, a unit's to-do list, the overview and the ranking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When
from django.http import Http404

from fazhi.audit.models import AuditEvent
from fazhi.metrics.registry import rate
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import scope_q
from fazhi.supervision.models import Extension
from fazhi.supervision.states import ExtensionState

from . import clocks
from .models import AssignmentRole, Plan, PlanTask, TaskAssignment
from .policies import PlanPolicy, PlanTaskPolicy, TaskAssignmentPolicy
from .states import OPEN_STATES, UNIT_TODO_STATES, AssignmentState

S = AssignmentState


def plans_visible_to(user: Any, action: str = "view") -> QuerySet[Plan]:
    return PlanPolicy.visible(user, action).order_by("-year", "-id")


def plan_get_for(user: Any, pk: int, action: str = "view", *, annotate: dict[str, Any] | None = None) -> Plan:
    qs = plans_visible_to(user, action)
    if annotate:
        qs = qs.annotate(**annotate)
    plan = qs.filter(pk=pk).first()
    if plan is None:
        raise Http404("计划不存在")
    return plan


def plan_can(user: Any, action: str, plan: Plan) -> bool:
    """Object check for plans: the plan is reachable through an in-scope assignment (a to-many path).

    With 全部数据 scope the scope part of every plan rule is a no-op, so only the action grant is checked, in memory
    (the overview page asks three times per request)."""
    qs = plans_visible_to(user, action).filter(pk=plan.pk)
    if scope_q(user, "unit") is None:
        # a denied action restricts to .none() without touching the database; the plan itself is already loaded
        return not qs.query.is_empty()
    return qs.exists()


def tasks_visible_to(user: Any, action: str = "view") -> QuerySet[PlanTask]:
    return PlanTaskPolicy.visible(user, action)


def task_get_for(user: Any, pk: int, action: str = "view") -> PlanTask:
    task = tasks_visible_to(user, action).select_related("plan", "section__parent__parent").filter(pk=pk).first()
    if task is None:
        raise Http404("任务不存在")
    return task


def assignment_get_for(user: Any, pk: int, action: str) -> TaskAssignment:
    a = TaskAssignmentPolicy.visible(user, action).select_related("task__plan", "unit").filter(pk=pk).first()
    if a is None:
        raise Http404("任务不存在")
    return a


def extension_get_for(user: Any, pk: int) -> Extension:
    """A plan share's extension request the user may decide (404 otherwise)."""
    ext = Extension.objects.select_related("item__plan_share__task", "item__plan_share__unit").filter(pk=pk).first()
    share = getattr(ext.item, "plan_share", None) if ext is not None else None
    if share is None or not TaskAssignmentPolicy.can(user, "extend_approve", share):
        raise Http404("延期申请不存在")
    return ext


def extensions_pending(user: Any) -> QuerySet[Extension]:
    """Pending extension requests on the plan shares the user may decide."""
    visible = TaskAssignmentPolicy.visible(user, "extend_approve")
    return (
        Extension.objects.filter(state=ExtensionState.PENDING, item__plan_share__in=visible)
        .select_related("item__plan_share__task__plan", "item__plan_share__unit", "requested_by")
        .order_by("id")
    )


def my_assignments(user: Any, *, state: str = "") -> QuerySet[TaskAssignment]:
    """The assignments of the units in the user's scope: open shares first, then by due date (earliest — the most
    overdue — first; shares without a deadline last). The page then orders by light (`board_order`)."""
    open_first = Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
    qs = TaskAssignmentPolicy.visible(user, "view").select_related("task__plan", "unit", "item")
    if state == "todo":
        qs = qs.filter(state__in=UNIT_TODO_STATES)
    elif state:
        qs = qs.filter(state=state)
    return qs.annotate(open_first=open_first).order_by(
        "open_first", F("due_date").asc(nulls_last=True), "task__plan_id", "task__number", "id"
    )


LIGHT_ORDER = {"overdue": 0, "due_soon": 1, "running": 2, "paused": 3, "none": 4, "done": 5}


def board_order(shares: list[TaskAssignment], lights: dict[int, str]) -> list[TaskAssignment]:
    """Board order, as the supervision boards: by light (逾期 — red before yellow, the most days overdue first — then
    临期, 正常, 暂停, 无时限, 已完成), then by due date (none last)."""
    far = dt.date.max
    return sorted(
        shares,
        key=lambda a: (LIGHT_ORDER.get(lights.get(a.pk, "none"), 4), a.due_date or far, a.task.plan_id, a.task.number),
    )


def shares_actionable(user: Any, step: str, *, ids: list[int] | None = None) -> list[TaskAssignment]:
    """The shares the user may take `step` (sign / report) on now: in scope, allowed, in a state the step starts
    from (the state table). `ids`: only these (a bulk form's selection); None: all of them."""
    from .states import TRANSITIONS

    t = TRANSITIONS[step]
    qs = TaskAssignmentPolicy.visible(user, step).filter(state__in=t.sources, role__in=t.roles)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return list(qs.select_related("task", "unit").order_by("id"))


def plan_draft_sections(plan: Plan) -> tuple[list[dict[str, Any]], int, int]:
    """A draft plan's tasks waiting to be dispatched, by top-level section (sub-sections' tasks with theirs):
    ([{"section": s | None, "tasks": [...]}, …], waiting, dispatched)."""
    from .models import DraftUnit

    sections = {s.pk: s for s in plan.sections.all()}

    def top(s: Any) -> Any:
        while s is not None and s.parent_id is not None:
            s = sections.get(s.parent_id)
        return s

    waiting = list(
        plan.tasks.filter(dispatched_at__isnull=True)
        .prefetch_related(Prefetch("draft_units", queryset=DraftUnit.objects.select_related("unit", "group")))
        .order_by("number", "id")
    )
    groups: dict[int | None, dict[str, Any]] = {}
    for t in waiting:
        drafts = list(t.draft_units.all())
        t.leads = [d.label for d in drafts if d.role == AssignmentRole.LEAD]  # type: ignore[attr-defined]
        t.cos = [d.label for d in drafts if d.role == AssignmentRole.CO]  # type: ignore[attr-defined]
        s = top(sections.get(t.section_id)) if t.section_id else None
        g = groups.setdefault(s.pk if s else None, {"section": s, "tasks": []})
        g["tasks"].append(t)
    ordered = sorted(groups.values(), key=lambda g: (g["section"] is None, g["section"].order if g["section"] else 0))
    dispatched = plan.tasks.filter(dispatched_at__isnull=False).count()
    return ordered, len(waiting), dispatched


def task_assignments(task: PlanTask) -> list[TaskAssignment]:
    return list(
        task.assignments.select_related("unit", "via_group", "item")
        .prefetch_related("item__reports__evidence", "item__reviews", "item__extensions")
        .order_by("-role", "unit__path")
    )


def task_timeline(task: PlanTask) -> QuerySet[AuditEvent]:
    """The task's own events, and its shares' items' (催办 with its text, reports, extensions, 销号)."""
    from django.db.models import Q

    items = [str(i) for i in task.assignments.exclude(item=None).values_list("item_id", flat=True)]
    return (
        AuditEvent.objects.filter(
            Q(object_type="plans.plantask", object_id=str(task.pk))
            | Q(object_type="supervision.item", object_id__in=items)
        )
        .for_timeline()
        .order_by("id")
    )


# ------------------------------------------------------------------------------------------------ overview


@dataclass
class Row:
    key: int | None
    label: str
    total: int
    done: int
    on_time: int
    overdue: int

    # the registry's rates (fazhi/plans/metrics.py): 2 decimals, None when the denominator is 0
    @property
    def completion(self) -> float | None:
        return rate(self.done, self.total)  # plans.closed_rate

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.on_time, self.done)  # plans.on_time_rate

    @property
    def on_time_completion(self) -> float | None:
        return rate(self.on_time, self.total)  # plans.on_time_completion_rate


FIGURES = ("plans.shares", "plans.closed", "plans.on_time", "plans.overdue")


def _rows(user: Any, plan: Plan | None, **filters: Any) -> list[Row]:
    """One Row per breakdown category of the plan figures in the metric registry (one grouped query)."""
    from fazhi.metrics.selectors import metric_values

    year = plan.year if plan is not None and plan.year else clocks.today().year
    values = metric_values(FIGURES, period=year, viewer=user, plan=plan, **filters)
    by_key = {k: {b["code"]: b for b in values[k]["breakdown"]} for k in FIGURES}
    return [
        Row(b["code"], b["label"], *(by_key[k][b["code"]]["value"] for k in FIGURES))
        for b in values["plans.shares"]["breakdown"]
    ]


def _scoped_assignments(user: Any, plan: Plan) -> QuerySet[TaskAssignment]:
    """The plan's shares in the viewer's scope, as the registry's plan figures count them (plans/metrics.py)."""
    from fazhi.metrics.selectors import query

    from .metrics import shares

    return shares(query(period=plan.year or clocks.today().year, viewer=user, plan=plan))


def plan_overview_by_section(user: Any, plan: Plan) -> list[Row]:
    """Per top-level section (and its sub-sections), over the lead shares: a task counts once per lead unit."""
    return _rows(user, plan, role=AssignmentRole.LEAD, by="section")


def plan_overview_by_unit(user: Any, plan: Plan | None) -> list[Row]:
    return _rows(user, plan)


def plan_totals(rows: list[Row]) -> Row:
    return Row(
        None,
        "合计",
        sum(r.total for r in rows),
        sum(r.done for r in rows),
        sum(r.on_time for r in rows),
        sum(r.overdue for r in rows),
    )


def units_ranking(user: Any, plan: Plan | None = None) -> list[Row]:
    """Units by 按期完成率 (plans.on_time_completion_rate: on-time closed shares over all shares), then fewer
    overdue. Without a plan: every plan of this year."""
    rows = plan_overview_by_unit(user, plan)
    rows.sort(key=lambda r: (-(r.on_time / r.total if r.total else 0), r.overdue, r.label))
    return rows


def assignments_drilldown(
    user: Any, plan: Plan, *, section: str = "", unit: str = "", status: str = "", role: str = ""
) -> QuerySet[TaskAssignment]:
    """The shares behind an overview number: same filters as the counts in _counts()."""
    # only the columns the list shows: a task's full text and a unit's other fields can be long and are not needed
    qs = (
        _scoped_assignments(user, plan)
        .select_related("task__section", "unit")
        .defer("task__text", "task__targets", "task__lead_units_written", "task__co_units_written")
    )
    if section == "none":
        qs = qs.filter(task__section__isnull=True)
    elif section:
        qs = qs.filter(task__section_id=int(section))
    if unit:
        qs = qs.filter(unit_id=int(unit))
    if role:
        qs = qs.filter(role=role)
    if status == "done":
        qs = qs.filter(state=S.ACCEPTED)
    elif status == "on_time":
        qs = qs.filter(state=S.ACCEPTED, closed_on_time=True)
    elif status == "overdue":
        qs = qs.filter(state__in=OPEN_STATES, due_date__lt=clocks.today())
    elif status == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    return qs.order_by("task__number", "-role", "unit__path")


def late_assignments(user: Any, unit: Unit) -> list[TaskAssignment]:
    """A unit's open shares that are overdue (for the 督办单)."""
    qs = (
        TaskAssignmentPolicy.visible(user, "urge")
        .filter(unit=unit, state__in=OPEN_STATES, due_date__isnull=False)
        .select_related("task__plan", "unit")
        .order_by("due_date", "task__number")
    )
    items = list(qs)
    lights = clocks.lights_for(items)
    return [a for a in items if lights.get(a.pk) == "overdue"]


def assignments_for_export(user: Any, plan: Plan) -> QuerySet[TaskAssignment]:
    visible = TaskAssignmentPolicy.visible(user, "view").filter(task__plan=plan)
    q = scope_q(user, "unit")
    if q is not None:
        visible = visible.filter(q)
    return (
        visible.select_related("task__section", "unit", "item")
        .prefetch_related("item__reports")
        .order_by("task__number", "-role", "unit__path")
    )


def plan_figures_stamp(user: Any, plan: Plan) -> str:
    """What the overview figures depend on, as a cache key: the plan, the viewer's data scope, today's date (lights
    turn overdue with the date), and the plan's shares — their count and latest change (every service that changes a
    share saves it, which bumps `updated_at`), so any write makes a new key and nothing stale is ever served."""
    from django.db.models import Count, Max

    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.scopes import grants_for

    g = grants_for(user)
    agg = TaskAssignment.objects.filter(task__plan=plan).aggregate(n=Count("id"), last=Max("updated_at"))
    scope = "all" if g.all_units else ("self" if g.self_only else ",".join(map(str, sorted(g.unit_ids))))
    raw = f"{plan.pk}|{plan.updated_at.isoformat() if plan.updated_at else ''}|{scope}|{today_local()}|{agg['n']}|{agg['last']}"
    import hashlib

    return hashlib.sha256(raw.encode()).hexdigest()[:32]
