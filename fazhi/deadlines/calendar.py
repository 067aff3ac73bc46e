"""The legal calendar in memory: per-year holidays and 调休 make-up working days, plus a precomputed working-day index.

Pure computation, no database: `LegalCalendar.from_years(...)` takes plain data. Where the data comes from
(our tables, or the bundled `chinesecalendar` package) is decided in `calendar_data.py`.

Index: for every day in [lo, hi) we keep `work[i]` (is a working day) and `cum[i]` (working days in [lo, lo+i)), so
"the N-th working day after d" is one bisect and "working days between a and b" is one subtraction.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate

WEEKDAY_ZH = "一二三四五六日"

# 全国年节及纪念日放假办法 (2024 revision, in force 2025-01-01), Art. 2: the holidays fixed on solar dates. Lunar holidays
# (春节, 清明 is solar-term based, 端午, 中秋) and each year's 调休 cannot be known before the State Council notice.
FIXED_SOLAR_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)

PROVISIONAL_NOTE = (
    "{year}年的节假日安排尚未载入，按周末及《全国年节及纪念日放假办法》（2024年修订）中固定在公历日期的节日"
    "（元旦1月1日、劳动节5月1日至2日、国庆节10月1日至3日）推算；春节、清明节、端午节、中秋节等农历节日及调休"
    "无法预知，未予考虑，结果为暂定，待国务院办公厅发布当年放假安排后须重新计算。"
)


@dataclass(frozen=True)
class CalendarOptions:
    """The two readings legal-rules.md §1.2 marks unconfirmed (⚠). Both default ON."""

    weekend_is_rest_day: bool = True  # an ordinary weekend counts as 法定休假日 for the end rule
    makeup_is_working_day: bool = True  # a 调休上班日 counts as a 工作日


@dataclass(frozen=True)
class YearData:
    year: int
    holidays: Mapping[dt.date, str]  # rest days by holiday name (incl. 调休 rest days)
    makeup_workdays: Mapping[dt.date, str]  # 调休上班日 -> the holiday it makes up for


def fallback_year(year: int) -> YearData:
    """Provisional data for a year that is not loaded: weekends + the fixed solar-date holidays only."""
    return YearData(year, {dt.date(year, m, d): name for m, d, name in FIXED_SOLAR_HOLIDAYS}, {})


@dataclass
class LegalCalendar:
    years: dict[int, YearData]
    options: CalendarOptions = field(default_factory=CalendarOptions)
    label: str = ""

    def __post_init__(self) -> None:
        self._lo = 0
        self._hi = 0
        self._work = bytearray()
        self._rest_end = bytearray()
        self._cum: list[int] = []
        self._names: dict[dt.date, str] = {}
        self._makeups: dict[dt.date, str] = {}
        loaded = sorted(self.years)
        first = min(loaded[0] if loaded else 2004, 2004)
        last = max(loaded[-1] if loaded else 2026, 2026)
        self._build(first - 1, last + 12)

    # ---- construction -------------------------------------------------------------------------------------------
    @classmethod
    def from_years(
        cls, years: Iterable[YearData], options: CalendarOptions | None = None, label: str = ""
    ) -> LegalCalendar:
        return cls({y.year: y for y in years}, options or CalendarOptions(), label)

    def _year_data(self, year: int) -> YearData:
        return self.years.get(year) or fallback_year(year)

    def _build(self, first_year: int, last_year: int) -> None:
        lo = dt.date(first_year, 1, 1).toordinal()
        hi = dt.date(last_year + 1, 1, 1).toordinal()
        names: dict[dt.date, str] = {}
        makeups: dict[dt.date, str] = {}
        for y in range(first_year, last_year + 1):
            data = self._year_data(y)
            names.update(data.holidays)
            makeups.update(data.makeup_workdays)
        work = bytearray(hi - lo)
        rest_end = bytearray(hi - lo)
        opts = self.options
        for i in range(hi - lo):
            d = dt.date.fromordinal(lo + i)
            if d in names:
                is_work, is_rest = False, True
            elif d in makeups:
                is_work = opts.makeup_is_working_day
                is_rest = not is_work and opts.weekend_is_rest_day
            elif d.weekday() >= 5:
                is_work, is_rest = False, opts.weekend_is_rest_day
            else:
                is_work, is_rest = True, False
            work[i] = is_work
            rest_end[i] = is_rest
        self._lo, self._hi = lo, hi
        self._work, self._rest_end = work, rest_end
        self._cum = [0, *accumulate(work)]
        self._names, self._makeups = names, makeups

    def _ensure(self, ordinal: int) -> None:
        if self._lo <= ordinal < self._hi:
            return
        year = dt.date.fromordinal(ordinal).year
        first = min(year, dt.date.fromordinal(self._lo).year)
        last = max(year + 1, dt.date.fromordinal(self._hi - 1).year)
        self._build(first, last)

    # ---- questions ---------------------------------------------------------------------------------------------
    def is_loaded(self, year: int) -> bool:
        return year in self.years

    @property
    def last_loaded_day(self) -> dt.date | None:
        return dt.date(max(self.years), 12, 31) if self.years else None

    def is_working_day(self, d: dt.date) -> bool:
        o = d.toordinal()
        self._ensure(o)
        return bool(self._work[o - self._lo])

    def is_rest_day_for_end(self, d: dt.date) -> bool:
        """Whether a period ending on `d` rolls over to the next working day (民事诉讼法 Art. 85)."""
        o = d.toordinal()
        self._ensure(o)
        return bool(self._rest_end[o - self._lo])

    def holiday_name(self, d: dt.date) -> str | None:
        self._ensure(d.toordinal())
        return self._names.get(d)

    def makeup_name(self, d: dt.date) -> str | None:
        self._ensure(d.toordinal())
        return self._makeups.get(d)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in the closed interval [a, b] (0 if b < a)."""
        if b < a:
            return 0
        ao, bo = a.toordinal(), b.toordinal()
        self._ensure(ao)
        self._ensure(bo)
        return self._cum[bo - self._lo + 1] - self._cum[ao - self._lo]

    def nth_working_day_after(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day after d (n >= 1), d itself not counted. n <= 0: d if working, else the next one."""
        if n <= 0:
            return self.next_working_day(d, include=True)
        o = d.toordinal()
        span = 2 * n + 40  # always holds n working days (at most ~40 rest days a year besides weekends)
        while True:
            self._ensure(o)
            self._ensure(o + span)
            cum = self._cum
            pos = bisect_left(cum, cum[o - self._lo + 1] + n)  # cum[k] = working days in [lo, lo + k)
            if pos < len(cum):
                return dt.date.fromordinal(self._lo + pos - 1)
            span *= 2

    def next_working_day(self, d: dt.date, *, include: bool = False) -> dt.date:
        if include and self.is_working_day(d):
            return d
        return self.nth_working_day_after(d, 1)

    def end_rule(self, d: dt.date) -> dt.date:
        """Natural-day end rule: a last day that is a rest day moves to the next working day."""
        if self.is_rest_day_for_end(d):
            return self.nth_working_day_after(d, 1)
        return d

    def years_unloaded_in(self, a: dt.date, b: dt.date) -> list[int]:
        return [y for y in range(a.year, b.year + 1) if y not in self.years]
