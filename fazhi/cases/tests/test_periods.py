"""统计期间: a year, a quarter, a half or a month — bounds, labels, membership and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.periods import CHOICES, Period, as_period, period_check
from fazhi.core.errors import DomainError


@pytest.mark.parametrize(
    ("part", "start", "end", "label"),
    [
        ("", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2024年"),
        ("Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "2024年第一季度"),
        ("Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), "2024年第四季度"),
        ("H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30), "2024年上半年"),
        ("H2", dt.date(2024, 7, 1), dt.date(2024, 12, 31), "2024年下半年"),
        ("M02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024年2月"),  # leap year
        ("M11", dt.date(2024, 11, 1), dt.date(2024, 11, 30), "2024年11月"),
    ],
)
def test_bounds_and_labels(part, start, end, label):
    p = Period(2024, part)
    assert (p.start, p.end, p.label) == (start, end, label)


def test_membership_takes_dates_and_iso_strings_and_the_bounds_belong():
    q2 = Period(2025, "Q2")
    assert [q2.contains(v) for v in (dt.date(2025, 4, 1), "2025-06-30", "2025-07-01", dt.date(2025, 3, 31))] == [
        True,
        True,
        False,
        False,
    ]
    assert not q2.contains(None) and not q2.contains("")
    assert Period(2025, "M02").contains("2025-02-28") and not Period(2025, "M02").contains("2025-02-29x"[:10])


def test_checking_and_defaults():
    assert period_check(2025, "q3") == Period(2025, "Q3") and period_check(2025, None) == Period(2025)
    assert as_period(2025) == Period(2025) and as_period(Period(2025, "H1")) == Period(2025, "H1")
    with pytest.raises(DomainError) as exc:
        period_check(2025, "Q5")
    assert exc.value.field == "period" and "统计期间“Q5”无效" in exc.value.message
    assert len(CHOICES) == 1 + 4 + 2 + 12 and CHOICES[0] == ("", "全年")
