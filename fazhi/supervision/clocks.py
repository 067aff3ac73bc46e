"""Supervision's only door to the clock engine (fazhi/deadlines): an item with a stated due date gets a fixed-date
clock (rule `supervision.item`); its light and days overdue come from the engine. This module adds no days to dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.deadlines import selectors as dsel
from fazhi.deadlines import services as dsvc
from fazhi.deadlines.models import Clock
from fazhi.deadlines.rules import ClockRule, PeriodUnit, rule_register

CLOCK_RULE = "supervision.item"
CLOCK_KEY = "supervision.item"

rule_register(
    ClockRule(
        CLOCK_RULE,
        "督办事项完成时限",
        0,
        PeriodUnit.NATURAL_DAY,
        "交办文件或督办规则确定的完成时限（非法定期限）",
        trigger="督办事项生成之日",
        fixed_date=True,
        warn_days=5,
        notify=False,
        note="完成时限由交办方确定，经批准可延期。",
    )
)


def today() -> dt.date:
    return dsel.today_local()


def clock_start_for(item: Any, *, due: dt.date, by: Any) -> Clock:
    return dsvc.clock_start(
        obj=item,
        rule_id=CLOCK_RULE,
        trigger_date=min(item.raised_on, due),
        by=by,
        unit=item.unit,
        key=CLOCK_KEY,
        due_override=due,
    )


def clock_reschedule(clock: Clock, *, due: dt.date, reason: str, by: Any) -> None:
    dsvc.clock_reschedule(clock=clock, due_date=due, reason=reason, by=by)


def clock_complete(clock: Clock, *, on: dt.date, by: Any) -> None:
    dsvc.clock_complete(clock=clock, on=on, by=by)


def is_own(clock: Clock | None) -> bool:
    return clock is not None and clock.key == CLOCK_KEY and clock.rule_id == CLOCK_RULE


def status(clock: Clock | None, due: dt.date | None, *, on: dt.date) -> tuple[str, int]:
    """(light, natural days overdue). Without a clock only the comparison the due date allows (no thresholds)."""
    if clock is not None:
        light = dsel.clock_light(clock, today=on)
        return light, (dsel.clock_days_overdue(clock, today=on) if light == "overdue" else 0)
    if due is None:
        return "none", 0
    return ("overdue" if due < on else "running"), 0


def working_days_overdue(clock: Clock, *, on: dt.date) -> int:
    return dsel.clock_working_days_overdue(clock, today=on)
