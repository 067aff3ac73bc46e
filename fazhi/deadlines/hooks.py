"""Listeners told when a clock changes (completed, rescheduled), inside the service's transaction.

The engine stays below the modules that react (e.g. supervision closes the items raised for a completed clock):
they register a function from their AppConfig.ready(); deadlines never imports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ClockListener = Callable[[Any, str], None]  # (clock, change) with change in {"completed", "rescheduled"}

LISTENERS: list[ClockListener] = []


def clock_listener_register(fn: ClockListener) -> None:
    if fn not in LISTENERS:
        LISTENERS.append(fn)


def clock_changed(clock: Any, change: str) -> None:
    for fn in LISTENERS:
        fn(clock, change)
