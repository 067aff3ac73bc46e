"""The plans module's only door to the statutory clock engine (fazhi/deadlines).

One clock per assignment (rule "plan.task", key "plan.task"): each unit's share has its own due date once an extension
is granted to it, and its own light. This module never adds days to dates: lights and thresholds come from the engine.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

CLOCK_RULE = "plan.task"
CLOCK_KEY = "plan.task"

LIGHT_LABELS = {
    "running": "正常",
    "due_soon": "临期",
    "overdue": "逾期",
    "paused": "暂停",
    "done": "已完成",
    "none": "无时限",
}


def _engine() -> Any:
    try:
        from fazhi.deadlines import selectors, services  # noqa: F401
    except ImportError:
        return None
    if not hasattr(services, "clock_start"):
        return None
    return services, selectors


def today() -> dt.date:
    eng = _engine()
    if eng is not None and hasattr(eng[1], "today_local"):
        return eng[1].today_local()
    from django.utils import timezone

    return timezone.localdate()


def clock_start_for(assignment: Any, *, trigger_date: dt.date, by: Any) -> Any:
    eng = _engine()
    if eng is None or assignment.due_date is None:
        return None
    # A plan imported after one of its dates: the clock starts on the due day itself (the engine refuses a due date
    # before the trigger), and shows overdue from the next day.
    trigger_date = min(trigger_date, assignment.due_date)
    return eng[0].clock_start(
        obj=assignment,
        rule_id=CLOCK_RULE,
        trigger_date=trigger_date,
        by=by,
        unit=assignment.unit,
        key=CLOCK_KEY,
        due_override=assignment.due_date,
    )


def clock_of(assignment: Any) -> Any:
    eng = _engine()
    if eng is None:
        return None
    return eng[1].clock_for(assignment, CLOCK_KEY)


def clock_reschedule_for(assignment: Any, *, due_date: dt.date, reason: str, by: Any, trigger_date: dt.date) -> None:
    eng = _engine()
    if eng is None:
        return
    clock = eng[1].clock_for(assignment, CLOCK_KEY)
    if clock is None:
        clock_start_for(assignment, trigger_date=trigger_date, by=by)
    else:
        eng[0].clock_reschedule(clock=clock, due_date=due_date, reason=reason, by=by)


def clock_complete_for(assignment: Any, *, on: dt.date, by: Any) -> None:
    eng = _engine()
    if eng is None:
        return
    clock = eng[1].clock_for(assignment, CLOCK_KEY)
    if clock is not None:
        eng[0].clock_complete(clock=clock, on=on, by=by)


def lights_for(assignments: list[Any], *, on: dt.date | None = None) -> dict[int, str]:
    """Lights of many assignments with one query for their clocks."""
    return {pk: light for pk, (light, _days) in statuses_for(assignments, on=on).items()}


def statuses_for(assignments: list[Any], *, on: dt.date | None = None) -> dict[int, tuple[str, int]]:
    """(light, natural days overdue) of many assignments with one query for their clocks. Days overdue come from the
    engine (`clock_days_overdue`); a share without a clock counts 0."""
    eng = _engine()
    by_id: dict[str, Any] = {}
    if eng is not None and assignments:
        from django.contrib.contenttypes.models import ContentType

        from fazhi.deadlines.models import Clock

        ct = ContentType.objects.get_for_model(assignments[0])
        # only what clock_light / clock_days_overdue read (not the explanation JSON)
        for c in (
            Clock.objects.filter(content_type=ct, key=CLOCK_KEY, object_id__in=[str(a.pk) for a in assignments])
            .only("id", "object_id", "rule_id", "due_date", "state", "completed_on")
            .order_by("id")
        ):
            by_id[c.object_id] = c
    out = {}
    for a in assignments:
        clock = by_id.get(str(a.pk))
        light = light_of(a, clock=clock, on=on, lookup=False)
        days = (
            eng[1].clock_days_overdue(clock, today=on)
            if (eng is not None and clock is not None and light == "overdue")
            else 0
        )
        out[a.pk] = (light, days)
    return out


def light_of(assignment: Any, *, clock: Any = None, on: dt.date | None = None, lookup: bool = True) -> str:
    """running | due_soon | overdue | paused | done | none (no due date)."""
    from .states import AssignmentState

    if assignment.state == AssignmentState.ACCEPTED:
        return "done"
    if assignment.due_date is None:
        return "none"
    eng = _engine()
    if eng is not None:
        if clock is None and lookup:
            clock = eng[1].clock_for(assignment, CLOCK_KEY)
        if clock is not None:
            return eng[1].clock_light(clock, today=on)
    # Engine not available: only the comparison the due date itself allows (no thresholds, no arithmetic).
    return "overdue" if assignment.due_date < (on or today()) else "running"
