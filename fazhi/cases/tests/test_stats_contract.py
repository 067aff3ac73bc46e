"""`fazhi stats reconsideration|litigation … --json` is a contract: on the known data set (stats_data.py, clock
frozen at 2026-12-01 10:00 Asia/Shanghai) the output is pinned byte for byte — whole years, a quarter, a half, a
month, a unit filter. The strings below were printed by the command before the figures moved onto the metric
registry (fazhi/metrics); they must never change."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from .stats_data import stats_dataset

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
PINNED = Path(__file__).with_name("stats_contract.txt")
RUNS = [
    ("reconsideration", "2025", "", ""),
    ("reconsideration", "2026", "", ""),
    ("reconsideration", "2025", "Q2", ""),
    ("reconsideration", "2026", "H2", ""),
    ("reconsideration", "2026", "M11", ""),
    ("reconsideration", "2025", "", "C002"),
    ("reconsideration", "2026", "Q1", "D101"),
    ("reconsideration", "2026", "", "D100"),
    ("litigation", "2025", "", ""),
    ("litigation", "2026", "", ""),
    ("litigation", "2025", "Q3", ""),
    ("litigation", "2026", "H2", ""),
    ("litigation", "2026", "M12", ""),
    ("litigation", "2025", "", "C003"),
    ("litigation", "2026", "Q4", "C001"),
]


def stats_json(docket: str, year: str, period: str, unit: str) -> str:
    out = io.StringIO()
    args = [docket, "--year", year, "--json"]
    args += ["--period", period] if period else []
    args += ["--unit", unit] if unit else []
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def pinned() -> dict[str, str]:
    lines = PINNED.read_text(encoding="utf-8").splitlines()
    return {lines[i]: lines[i + 1] for i in range(0, len(lines), 2)}


@pytest.mark.parametrize("run", RUNS, ids=["-".join(x for x in r if x) for r in RUNS])
def test_stats_json_is_byte_for_byte_as_pinned(city, run):
    with time_machine.travel(NOW, tick=False):
        stats_dataset(city)
        got = stats_json(*run)
    assert got == pinned()["|".join(run)] + "\n"
