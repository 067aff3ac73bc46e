"""Case clocks: thin adapter over fazhi/deadlines keyed by the docket spec's ClockSpec (key → rule id).

Dockets never add days to dates; they call these, which call the clock engine. While fazhi/deadlines is not
installed the functions return None (the case still works; no clocks are shown).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import Case
from .registry import docket_get


def _engine() -> Any:
    try:
        from fazhi.deadlines import services
    except ImportError:
        return None
    return services if hasattr(services, "clock_start") else None


def _selectors() -> Any:
    try:
        from fazhi.deadlines import selectors
    except ImportError:
        return None
    return selectors


def case_clock_start(
    *, case: Case, key: str, trigger_date: dt.date, by: Any, assignee: Any = None, due_override: dt.date | None = None
) -> Any:
    engine = _engine()
    if engine is None:
        return None
    spec = docket_get(case.docket).clock(key)
    return engine.clock_start(
        obj=case,
        rule_id=spec.rule_id,
        trigger_date=trigger_date,
        by=by,
        unit=case.handling_unit,
        assignee=assignee or case.handler,
        key=key,
        due_override=due_override,
    )


def case_clock(case: Case, key: str) -> Any:
    sel = _selectors()
    return sel.clock_for(case, key) if sel is not None else None


def case_clocks(case: Case) -> list[Any]:
    sel = _selectors()
    return sel.clocks_of(case) if sel is not None else []


def case_clock_light(clock: Any, today: dt.date | None = None) -> Any:
    sel = _selectors()
    return sel.clock_light(clock, today=today) if sel is not None else None


def _call(name: str, key: str, case: Case, **kwargs: Any) -> Any:
    engine = _engine()
    clock = case_clock(case, key)
    if engine is None or clock is None:
        return None
    return getattr(engine, name)(clock=clock, **kwargs)


def case_clock_pause(*, case: Case, key: str, on: dt.date, reason: str, by: Any) -> Any:
    """Pause from `on`. A pause on the trigger day itself is not recorded (no day has been counted yet)."""
    clock = case_clock(case, key)
    if clock is None or clock.completed_on is not None or on <= clock.trigger_date:
        return clock
    return _call("clock_pause", key, case, on=on, reason=reason, by=by)


def case_clock_resume(*, case: Case, key: str, on: dt.date, by: Any) -> Any:
    clock = case_clock(case, key)
    if clock is None or clock.completed_on is not None or not clock.pauses.filter(end=None).exists():
        return clock
    return _call("clock_resume", key, case, on=on, by=by)


def case_clock_extend(*, case: Case, key: str, units: int, approver: Any, reason: str, by: Any) -> Any:
    return _call("clock_extend", key, case, units=units, approver=approver, reason=reason, by=by)


def case_clock_set_due(*, case: Case, key: str, due_date: dt.date, reason: str, by: Any) -> Any:
    """A later due date fixed by a decision where the rule's statute allows it (ClockRule.due_set_basis)."""
    return _call("clock_set_due", key, case, due_date=due_date, reason=reason, by=by)


def case_clock_restart(*, case: Case, key: str, trigger_date: dt.date, by: Any) -> Any:
    return _call("clock_restart", key, case, trigger_date=trigger_date, by=by)


def case_clock_complete(*, case: Case, key: str, on: dt.date, by: Any) -> Any:
    return _call("clock_complete", key, case, on=on, by=by)


def due_preview(rule_id: str, start: dt.date) -> Any:
    """compute_due without a clock (e.g. the earliest hearing date 5 working days after the notice)."""
    try:
        from fazhi.deadlines.engine import compute_due
    except ImportError:
        return None
    return compute_due(rule_id, start)


def transition_clocks_apply(*, case: Case, transition: Any, on: dt.date, by: Any, closing: bool) -> None:
    """Apply a transition's declared clock steps (ClockStep, in the spec beside the transition); entering a closed
    state then completes every clock still open except those the docket declares `after_outcome`. Called by
    `case_transition_apply` inside the transition's transaction."""
    for step in transition.clocks:
        if not step.applies(case):
            continue
        trigger = step.trigger(case, on) if step.trigger else on
        if step.op == "start":
            case_clock_start(case=case, key=step.key, trigger_date=trigger, by=by)
        elif step.op == "complete":
            case_clock_complete(case=case, key=step.key, on=on, by=by)
        elif step.op == "pause":
            case_clock_pause(case=case, key=step.key, on=on, reason=step.reason or transition.label, by=by)
        elif step.op == "resume":
            case_clock_resume(case=case, key=step.key, on=on, by=by)
        elif step.op == "restart":
            case_clock_restart(case=case, key=step.key, trigger_date=trigger, by=by)
    if closing:
        case_clocks_close(case=case, on=on, by=by)


def case_clocks_close(*, case: Case, on: dt.date, by: Any) -> int:
    """Complete every open clock of a closed case that the law ends with the outcome; returns how many."""
    engine = _engine()
    if engine is None:
        return 0
    spec = docket_get(case.docket)
    after = {c.key for c in spec.clocks if c.after_outcome}
    done = 0
    for clock in case_clocks(case):
        if clock.completed_on is None and clock.key not in after:
            engine.clock_complete(clock=clock, on=max(on, clock.trigger_date), by=by)
            done += 1
    return done
