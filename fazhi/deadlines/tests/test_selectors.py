"""Selectors on clocks: natural days overdue (the 三色督办 red rung reads it)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.deadlines.selectors import clock_days_overdue
from fazhi.deadlines.services import clock_complete, clock_pause, clock_start

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(persona):
    return persona("reconsideration_handler", "justice")


def _acceptance_clock(city, by):
    # given an application received on Tuesday 30 September 2025: 5 working days, 国庆 10/1–10/8 skipped,
    # make-up Saturday 10/11 counted → due Tuesday 14 October 2025
    clock = clock_start(
        obj=city["justice"],
        rule_id="reconsideration.acceptance",
        trigger_date=D(2025, 9, 30),
        by=by,
        unit=city["justice"],
    )
    assert clock.due_date == D(2025, 10, 14)
    return clock


@pytest.mark.parametrize(
    ("today", "days"),
    [
        (D(2025, 10, 1), 0),  # long before the due day
        (D(2025, 10, 14), 0),  # the due day itself is not overdue
        (D(2025, 10, 15), 1),  # the day after
        (D(2025, 10, 19), 5),  # natural days: the weekend 10/18–10/19 counts
        (D(2025, 11, 14), 31),
        (D(2026, 1, 1), 79),  # across the year end and 元旦
    ],
)
def test_days_overdue_counts_natural_days_after_the_due_day(city, clerk, today, days):
    clock = _acceptance_clock(city, clerk)
    assert clock_days_overdue(clock, today=today) == days


def test_a_paused_clock_is_not_overdue(city, clerk):
    clock = clock_pause(clock=_acceptance_clock(city, clerk), on=D(2025, 10, 10), reason="补正", by=clerk)
    assert clock_days_overdue(clock, today=D(2025, 12, 1)) == 0


def test_a_completed_clock_is_not_overdue(city, clerk):
    clock = clock_complete(clock=_acceptance_clock(city, clerk), on=D(2025, 10, 20), by=clerk)
    assert clock_days_overdue(clock, today=D(2025, 12, 1)) == 0


def test_days_overdue_defaults_to_today_in_shanghai(city, clerk, monkeypatch):
    # given 2025-10-16 16:30 UTC, which is already 17 October 00:30 in Asia/Shanghai
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 10, 16, 16, 30, tzinfo=dt.UTC))
    assert clock_days_overdue(_acceptance_clock(city, clerk)) == 3
