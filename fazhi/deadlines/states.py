"""Clock states (进行中 / 临期 / 超期 / 暂停 / 已完成) and the one pure function that derives them."""

from __future__ import annotations

import datetime as dt

from .calendar import LegalCalendar
from .models import ClockState

ONE = dt.timedelta(days=1)


def state_for(
    *, due: dt.date, today: dt.date, warn_days: int, cal: LegalCalendar, paused: bool = False, done: bool = False
) -> str:
    """done > paused > overdue (today after the due day, red) > due_soon (≤ warn_days working days left, yellow)."""
    if done:
        return ClockState.DONE
    if paused:
        return ClockState.PAUSED
    if today > due:
        return ClockState.OVERDUE
    if cal.working_days_between(today + ONE, due) <= warn_days:
        return ClockState.DUE_SOON
    return ClockState.RUNNING
