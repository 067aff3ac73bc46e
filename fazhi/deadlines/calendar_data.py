"""Where the legal calendar's data comes from: our tables (seeded from `chinesecalendar`), cached per process.

`calendar_current()` is what the engine uses by default. The cache is dropped when an administrator loads a year
(`calendar_invalidate()`, called on commit) and otherwise refreshed every CACHE_SECONDS so other processes notice.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict

from django.conf import settings

from .calendar import CalendarOptions, LegalCalendar, YearData

CACHE_SECONDS = 300

# chinesecalendar names its holidays in English; the platform shows the Chinese names.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def calendar_options() -> CalendarOptions:
    """The two ⚠ readings of legal-rules.md §1.2, from settings.FAZHI_DEADLINES (both default ON)."""
    conf = getattr(settings, "FAZHI_DEADLINES", {}) or {}
    return CalendarOptions(
        weekend_is_rest_day=bool(conf.get("WEEKEND_IS_REST_DAY", True)),
        makeup_is_working_day=bool(conf.get("MAKEUP_IS_WORKING_DAY", True)),
    )


def package_years() -> list[YearData]:
    """Every year the bundled chinesecalendar package covers, with Chinese holiday names."""
    from chinese_calendar import constants

    hol: dict[int, dict[dt.date, str]] = defaultdict(dict)
    mk: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for d, name in constants.holidays.items():
        hol[d.year][d] = HOLIDAY_NAMES_ZH.get(str(name), str(name))
    for d, name in constants.workdays.items():
        mk[d.year][d] = HOLIDAY_NAMES_ZH.get(str(name), str(name))
    years = sorted(set(hol) | set(mk))
    return [YearData(y, hol[y], mk[y]) for y in years]


def calendar_from_package(options: CalendarOptions | None = None) -> LegalCalendar:
    return LegalCalendar.from_years(package_years(), options or calendar_options(), "chinesecalendar")


def db_years() -> list[YearData]:
    from .models import CalendarDay, CalendarYear

    years = {
        y: (dict[dt.date, str](), dict[dt.date, str]()) for y in CalendarYear.objects.values_list("year", flat=True)
    }
    for year, d, kind, name in CalendarDay.objects.values_list("year__year", "date", "kind", "name"):
        years[year][0 if kind == CalendarDay.Kind.HOLIDAY else 1][d] = name
    return [YearData(y, h, m) for y, (h, m) in sorted(years.items())]


_lock = threading.Lock()
_cache: dict[str, object] = {}


def calendar_current() -> LegalCalendar:
    """The calendar from our tables (cached). If no year is loaded at all, the bundled package data is used."""
    with _lock:
        cal = _cache.get("cal")
        if isinstance(cal, LegalCalendar) and time.monotonic() - float(_cache.get("at", 0.0)) < CACHE_SECONDS:  # type: ignore[arg-type]
            return cal
    years = db_years()
    cal = LegalCalendar.from_years(years, calendar_options(), "database") if years else calendar_from_package()
    with _lock:
        _cache["cal"], _cache["at"] = cal, time.monotonic()
    return cal


def calendar_invalidate() -> None:
    with _lock:
        _cache.clear()
