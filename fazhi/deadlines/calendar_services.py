"""Writes on the legal calendar: seeding from chinesecalendar and loading a year's State Council arrangement.

Text/file format (one line each, `#` starts a comment; ranges with `~` or `至`):
    2027-01-01,放假,元旦
    2027-02-05~2027-02-11,放假,春节
    2027-02-13,上班,春节
The type column accepts 放假/休息/holiday and 上班/调休上班/makeup_workday.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from .calendar_data import calendar_invalidate, package_years
from .events import DeadlineEvent
from .models import CalendarDay, CalendarYear
from .rules import DeadlineErrorCode

ONE = dt.timedelta(days=1)
WARN_DAYS = 60  # default of settings.FAZHI_DEADLINES["CALENDAR_WARN_DAYS"]
HOLIDAY_WORDS = {"放假", "休息", "节假日", "holiday"}
MAKEUP_WORDS = {"上班", "调休上班", "补班", "makeup", "makeup_workday"}


def _invalid(message: str, field: str | None = None) -> DomainError:
    return DomainError(DeadlineErrorCode.CALENDAR_INVALID, message, field=field)


def _parse_date(text: str, line_no: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise _invalid(f"第{line_no}行：日期“{text.strip()}”格式不正确，应为YYYY-MM-DD。", "text") from None


def calendar_parse(text: str) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, str]]]:
    """Parse the arrangement text into (holidays, make-up working days), each a list of (date, name)."""
    holidays: list[tuple[dt.date, str]] = []
    makeups: list[tuple[dt.date, str]] = []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip().lstrip("\ufeff")
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[,，\t]", line)]
        if len(parts) < 3:
            raise _invalid(f"第{line_no}行：应为“日期,放假/上班,节日名称”三列。", "text")
        when, kind, name = parts[0], parts[1], parts[2]
        if when in {"日期", "date"}:
            continue  # header row
        bounds = re.split(r"\s*[~至]\s*", when, maxsplit=1)
        a, b = (bounds[0], bounds[1]) if len(bounds) == 2 else (when, "")
        start = _parse_date(a, line_no)
        end = _parse_date(b, line_no) if b else start
        if end < start:
            raise _invalid(f"第{line_no}行：结束日期早于开始日期。", "text")
        if kind in HOLIDAY_WORDS:
            target = holidays
        elif kind in MAKEUP_WORDS:
            target = makeups
        else:
            raise _invalid(f"第{line_no}行：类型“{kind}”无法识别，应为“放假”或“上班”。", "text")
        d = start
        while d <= end:
            target.append((d, name))
            d += ONE
    return holidays, makeups


def calendar_validate(year: int, holidays: list[tuple[dt.date, str]], makeups: list[tuple[dt.date, str]]) -> None:
    """Every holiday named, every date inside the year, no duplicates, no make-up day that is already a working day."""
    if not 2000 <= year <= 2100:
        raise _invalid("年份应在2000年至2100年之间。", "year")
    if not holidays:
        raise _invalid(f"{year}年的安排中没有任何放假日期。", "text")
    seen: dict[dt.date, str] = {}
    for d, name in [*holidays, *makeups]:
        if not name or not name.strip():
            raise _invalid(f"{d.isoformat()}：未填写节日名称。", "text")
        if d.year != year:
            raise _invalid(f"{d.isoformat()}不在{year}年内。", "text")
        if d in seen:
            raise _invalid(f"{d.isoformat()}重复出现。", "text")
        seen[d] = name
    for d, _name in makeups:
        if d.weekday() < 5:
            raise _invalid(
                f"{d.isoformat()}（周{'一二三四五六日'[d.weekday()]}）本来就是工作日，不能作为调休上班日。", "text"
            )


@transaction.atomic
def calendar_year_load(
    *, year: int, holidays: list[tuple[dt.date, str]], makeup_workdays: list[tuple[dt.date, str]], source: str, by: Any
) -> CalendarYear:
    """Load (or replace) one year's arrangement. Audited; clocks are recomputed after commit."""
    calendar_validate(year, holidays, makeup_workdays)
    cy, created = CalendarYear.objects.get_or_create(year=year, defaults={"source": source})
    before = {(d.isoformat(), k, n) for d, k, n in cy.days.values_list("date", "kind", "name")}
    cy.days.all().delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(year=cy, date=d, kind=CalendarDay.Kind.HOLIDAY, name=n.strip()) for d, n in holidays]
        + [
            CalendarDay(year=cy, date=d, kind=CalendarDay.Kind.MAKEUP_WORKDAY, name=n.strip())
            for d, n in makeup_workdays
        ]
    )
    cy.source = source[:300]
    cy.loaded_by = by if getattr(by, "pk", None) else None
    cy.save()
    after = {(d.isoformat(), k, n) for d, k, n in cy.days.values_list("date", "kind", "name")}
    event = record_event(
        actor=by,
        action=DeadlineEvent.CALENDAR_LOADED,
        obj=cy,
        summary={
            "year": year,
            "source": source,
            "created": created,
            "holidays": len(holidays),
            "makeup_workdays": len(makeup_workdays),
            "added": sorted(" ".join(x) for x in after - before)[:100],
            "removed": sorted(" ".join(x) for x in before - after)[:100],
        },
    )
    audit = {"reason": "calendar_loaded", "year": year, "calendar_event": event.pk}
    transaction.on_commit(lambda: _after_calendar_change(by=by, audit=audit))
    return cy


def _after_calendar_change(*, by: Any = None, audit: dict[str, Any] | None = None) -> None:
    calendar_invalidate()
    from fazhi.jobs.services import job_enqueue

    from .tasks import RECOMPUTE_KIND

    # legal-rules.md §16.3: "recompute and audit affected deadlines on change" — the job records one
    # deadlines.clock.recomputed row per clock whose due date moves (params["audit"]).
    job_enqueue(
        kind=RECOMPUTE_KIND,
        label="节假日安排变更后重新计算法定期限",
        params={"audit": audit or {"reason": "calendar_loaded"}},
        by=by if getattr(by, "pk", None) else None,
    )


@transaction.atomic
def calendar_seed_from_package(*, by: Any = None) -> int:
    """Load every year the bundled chinesecalendar covers that is not loaded yet (idempotent). Returns how many."""
    import chinese_calendar

    existing = set(CalendarYear.objects.values_list("year", flat=True))
    source = f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip()
    loaded = 0
    for y in package_years():
        if y.year in existing:
            continue
        cy = CalendarYear.objects.create(year=y.year, source=source)
        CalendarDay.objects.bulk_create(
            [CalendarDay(year=cy, date=d, kind=CalendarDay.Kind.HOLIDAY, name=n) for d, n in sorted(y.holidays.items())]
            + [
                CalendarDay(year=cy, date=d, kind=CalendarDay.Kind.MAKEUP_WORKDAY, name=n)
                for d, n in sorted(y.makeup_workdays.items())
            ]
        )
        loaded += 1
    if loaded:
        record_event(
            actor=by or "system",
            action=DeadlineEvent.CALENDAR_SEEDED,
            object_type="deadlines.calendaryear",
            object_repr="法定节假日日历",
            summary={"years_loaded": loaded, "source": source},
        )
        transaction.on_commit(calendar_invalidate)
    return loaded


def calendar_warning(today: dt.date) -> str | None:
    """A warning for administrators when the loaded calendar runs out within FAZHI_DEADLINES["CALENDAR_WARN_DAYS"]
    days (default 60), or already has."""
    from django.conf import settings

    warn_days = int((getattr(settings, "FAZHI_DEADLINES", {}) or {}).get("CALENDAR_WARN_DAYS", WARN_DAYS))
    last_year = CalendarYear.objects.order_by("-year").values_list("year", flat=True).first()
    if last_year is None:
        return "尚未载入任何年度的节假日安排，期限计算暂按内置数据进行，请载入节假日安排。"
    last_day = dt.date(last_year, 12, 31)
    left = (last_day - today).days
    if left < 0:
        return (
            f"已载入的节假日安排截至{last_year}年12月31日，已过期{-left}天。{today.year}年的期限均为暂定，"
            f"请立即载入{today.year}年节假日安排。"
        )
    if left <= warn_days:
        return (
            f"已载入的节假日安排截至{last_year}年12月31日，仅剩{left}天。跨入{last_year + 1}年的期限为暂定，"
            f"请在国务院办公厅发布通知后及时载入{last_year + 1}年节假日安排。"
        )
    return None
