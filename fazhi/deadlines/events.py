"""Audit actions of the deadlines module (<entity>.<verb>)."""

from __future__ import annotations

from enum import StrEnum


class DeadlineEvent(StrEnum):
    CLOCK_STARTED = "deadlines.clock.started"
    CLOCK_PAUSED = "deadlines.clock.paused"
    CLOCK_RESUMED = "deadlines.clock.resumed"
    CLOCK_EXTENDED = "deadlines.clock.extended"
    CLOCK_RESTARTED = "deadlines.clock.restarted"
    CLOCK_RESCHEDULED = "deadlines.clock.rescheduled"
    CLOCK_COMPLETED = "deadlines.clock.completed"
    CLOCK_RECOMPUTED = "deadlines.clock.recomputed"  # due date moved by a calendar change
    CALENDAR_LOADED = "deadlines.calendar.loaded"
    CALENDAR_SEEDED = "deadlines.calendar.seeded"
