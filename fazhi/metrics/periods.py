"""统计期间: a calendar year or a part of it — a quarter (Q1–Q4), a half (H1, H2) or a month (M01–M12) — or an
arbitrary date range (起止日期). Every metric counts the events whose date falls inside the period.

Functions that took a year accept a Period too (`as_period`), so a year keeps meaning the whole year everywhere.
(Moved here from fazhi/cases/periods.py, which re-exports it: the registry sits below every feature module.)
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from fazhi.core.errors import DomainError

QUARTERS = {"Q1": (1, 3, "第一季度"), "Q2": (4, 6, "第二季度"), "Q3": (7, 9, "第三季度"), "Q4": (10, 12, "第四季度")}
HALVES = {"H1": (1, 6, "上半年"), "H2": (7, 12, "下半年")}
MONTHS = {f"M{m:02d}": (m, m, f"{m}月") for m in range(1, 13)}
PARTS: dict[str, tuple[int, int, str]] = {**QUARTERS, **HALVES, **MONTHS}
CHOICES: list[tuple[str, str]] = [("", "全年"), *((k, v[2]) for k, v in PARTS.items())]
RANGE_SEP = ".."


@dataclass(frozen=True)
class Period:
    year: int
    part: str = ""  # "" = the whole year, else a key of PARTS

    @property
    def months(self) -> tuple[int, int]:
        return (1, 12) if not self.part else PARTS[self.part][:2]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.months[0], 1)

    @property
    def end(self) -> dt.date:
        last = self.months[1]
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    @property
    def label(self) -> str:
        return f"{self.year}年" + (PARTS[self.part][2] if self.part else "")

    @property
    def code(self) -> str:
        """The period as `--period` takes it ("" for the whole year)."""
        return self.part

    def contains(self, value: Any) -> bool:
        """Whether a date (or an ISO date string, as stored in a case's data) falls inside the period."""
        if not value:
            return False
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        return self.start.isoformat() <= text[:10] <= self.end.isoformat()


@dataclass(frozen=True)
class DateRange(Period):
    """An arbitrary period from `first` to `last` (both included); `year` is the first day's year."""

    first: dt.date = dt.date.min
    last: dt.date = dt.date.min

    @property
    def start(self) -> dt.date:
        return self.first

    @property
    def end(self) -> dt.date:
        return self.last

    @property
    def label(self) -> str:
        return f"{self.first:%Y年%m月%d日}至{self.last:%Y年%m月%d日}"

    @property
    def code(self) -> str:
        return f"{self.first.isoformat()}{RANGE_SEP}{self.last.isoformat()}"


def as_period(value: int | Period) -> Period:
    return value if isinstance(value, Period) else Period(int(value))


def date_range(first: dt.date, last: dt.date) -> DateRange:
    if last < first:
        raise DomainError("bad_period", "统计期间的结束日期早于开始日期。", field="period")
    return DateRange(first.year, "", first, last)


def period_check(year: int, part: str | None) -> Period:
    """The period for a checked year and a part code ("" or None = the whole year); an unknown part is refused."""
    code = (part or "").strip().upper()
    if code and code not in PARTS:
        raise DomainError(
            "bad_period",
            f"统计期间“{part}”无效，可选：全年、Q1–Q4（季度）、H1/H2（半年）、M01–M12（月份）。",
            field="period",
        )
    return Period(year, code)


def period_parse(year: int, text: str | None) -> Period:
    """`period_check`, or a date range `YYYY-MM-DD..YYYY-MM-DD` (the year is then the first day's)."""
    raw = (text or "").strip()
    if RANGE_SEP not in raw:
        return period_check(year, raw)
    a, _, b = raw.partition(RANGE_SEP)
    try:
        first, last = dt.date.fromisoformat(a.strip()), dt.date.fromisoformat(b.strip())
    except ValueError:
        raise DomainError(
            "bad_period", f"统计期间“{text}”无效：起止日期应写作 YYYY-MM-DD..YYYY-MM-DD。", field="period"
        ) from None
    return date_range(first, last)
