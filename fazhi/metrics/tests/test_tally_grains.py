"""A period's sum is read at the coarsest grain that fits it (fazhi/metrics/tallies.py: _pieces): whole years from
year rows, whole months from month rows, the rest from day rows — every day of the period exactly once."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.metrics.tallies import _pieces, grain_day

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "runs"),
    [
        (D(2025, 1, 1), D(2025, 12, 31), [("y", D(2025, 1, 1), D(2025, 1, 1))]),
        (D(2025, 4, 1), D(2025, 6, 30), [("m", D(2025, 4, 1), D(2025, 6, 1))]),
        (D(2024, 2, 1), D(2024, 2, 29), [("m", D(2024, 2, 1), D(2024, 2, 1))]),  # a leap February is whole
        (D(2025, 2, 1), D(2025, 2, 27), [("d", D(2025, 2, 1), D(2025, 2, 27))]),  # one day short of whole
        (D(2025, 1, 15), D(2025, 2, 10), [("d", D(2025, 1, 15), D(2025, 2, 10))]),  # across a month: one day run
        (D(2025, 3, 5), D(2025, 3, 5), [("d", D(2025, 3, 5), D(2025, 3, 5))]),
        (D(2024, 1, 1), D(2025, 12, 31), [("y", D(2024, 1, 1), D(2025, 1, 1))]),  # two years: one run
        (
            D(2024, 1, 15),
            D(2026, 3, 10),
            [
                ("d", D(2024, 1, 15), D(2024, 1, 31)),
                ("m", D(2024, 2, 1), D(2024, 12, 1)),
                ("y", D(2025, 1, 1), D(2025, 1, 1)),
                ("m", D(2026, 1, 1), D(2026, 2, 1)),
                ("d", D(2026, 3, 1), D(2026, 3, 10)),
            ],
        ),
    ],
)
def test_runs(start, end, runs):
    assert _pieces(start, end) == runs


def _days(runs):
    out = []
    for grain, first, last in runs:
        d = first
        while d <= last:
            if grain == "d":
                out.append(d)
                d += dt.timedelta(days=1)
            else:
                nxt = D(d.year + 1, 1, 1) if grain == "y" else (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                while d < nxt:
                    out.append(d)
                    d += dt.timedelta(days=1)
    return out


def test_every_day_once_for_every_range_of_two_years():
    first = D(2023, 12, 1)
    for a in range(0, 800, 7):
        for length in (0, 1, 27, 30, 31, 59, 89, 364, 365, 366, 400):
            start = first + dt.timedelta(days=a)
            end = start + dt.timedelta(days=length)
            days = _days(_pieces(start, end))
            assert days == [start + dt.timedelta(days=i) for i in range(length + 1)], (start, end)


def test_row_days():
    assert grain_day("d", D(2026, 3, 17)) == D(2026, 3, 17)
    assert grain_day("m", D(2026, 3, 17)) == D(2026, 3, 1)
    assert grain_day("y", D(2026, 3, 17)) == D(2026, 1, 1)
