"""Shared by the 建议提案 services: input checks and the engine clocks of one unit's share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.cases.services import today_local
from fazhi.core.errors import DomainError

DOCKET = "proposals"
INVALID = "invalid"


def cn(d: dt.date | str | None) -> str:
    if not d:
        return ""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return f"{d.year}年{d.month}月{d.day}日"


def required(value: Any, field: str, label: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return value.strip() if isinstance(value, str) else value


def past(on: dt.date | None, field: str, label: str) -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}{cn(on)}不能晚于今天（{cn(today_local())}）。", field=field)
    return on


def not_before_assignment(case: Any, on: dt.date, field: str, label: str) -> None:
    if on < case.received_on:
        raise DomainError("date_order", f"{label}{cn(on)}不能早于交办日期{cn(case.received_on)}。", field=field)


def share_clock_start(*, share: Any, key: str, rule_id: str, trigger: dt.date, by: Any) -> Any:
    from fazhi.deadlines.services import clock_start

    return clock_start(obj=share, rule_id=rule_id, trigger_date=trigger, by=by, unit=share.unit, key=key)


def share_clock_complete(*, share: Any, key: str, on: dt.date, by: Any) -> None:
    from fazhi.deadlines.selectors import clock_for
    from fazhi.deadlines.services import clock_complete

    clock = clock_for(share, key)
    if clock is not None and clock.completed_on is None:
        clock_complete(clock=clock, on=max(on, clock.trigger_date), by=by)


def share_clock(share: Any, key: str) -> Any:
    from fazhi.deadlines.selectors import clock_for

    return clock_for(share, key)
