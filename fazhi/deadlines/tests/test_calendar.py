"""The legal calendar: our tables (seeded from chinesecalendar) hold the State Council arrangements; years not
loaded fall back to weekends + the fixed solar-date holidays and are provisional; loading a year is validated."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.deadlines.calendar import CalendarOptions, LegalCalendar, YearData
from fazhi.deadlines.calendar_data import calendar_current, calendar_from_package, calendar_invalidate
from fazhi.deadlines.calendar_services import (
    calendar_parse,
    calendar_seed_from_package,
    calendar_warning,
    calendar_year_load,
)
from fazhi.deadlines.models import CalendarDay, CalendarYear

D = dt.date
ONE = dt.timedelta(days=1)


def _days(a: str, b: str) -> list[dt.date]:
    d, end, out = D.fromisoformat(a), D.fromisoformat(b), []
    while d <= end:
        out.append(d)
        d += ONE
    return out


REST_2025 = (
    ["2025-01-01"]
    + _days("2025-01-28", "2025-02-04")
    + _days("2025-04-04", "2025-04-06")
    + _days("2025-05-01", "2025-05-05")
    + _days("2025-05-31", "2025-06-02")
    + _days("2025-10-01", "2025-10-08")
)
MAKEUP_2025 = [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]
REST_2026 = (
    _days("2026-01-01", "2026-01-03")
    + _days("2026-02-15", "2026-02-23")
    + _days("2026-04-04", "2026-04-06")
    + _days("2026-05-01", "2026-05-05")
    + _days("2026-06-19", "2026-06-21")
    + _days("2026-09-25", "2026-09-27")
    + _days("2026-10-01", "2026-10-07")
)
MAKEUP_2026 = [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]


def _as_dates(xs):
    return {x if isinstance(x, dt.date) else D.fromisoformat(x) for x in xs}


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "rest", "makeup"), [(2025, REST_2025, MAKEUP_2025), (2026, REST_2026, MAKEUP_2026)])
def test_seeded_tables_hold_the_state_council_arrangement(year, rest, makeup):
    holidays = set(CalendarDay.objects.filter(year__year=year, kind="holiday").values_list("date", flat=True))
    makeups = set(CalendarDay.objects.filter(year__year=year, kind="makeup_workday").values_list("date", flat=True))
    assert holidays == _as_dates(rest)
    assert makeups == set(makeup)


@pytest.mark.django_db
def test_calendar_from_tables_answers_the_known_facts():
    calendar_invalidate()
    cal = calendar_current()
    assert cal.label == "database"
    assert not cal.is_working_day(D(2025, 10, 1))
    assert cal.is_working_day(D(2025, 9, 28)) and cal.is_working_day(D(2025, 10, 11))
    assert cal.holiday_name(D(2025, 10, 6)) == "中秋节"
    assert cal.working_days_between(D(2025, 10, 1), D(2025, 10, 31)) == 18
    assert cal.nth_working_day_after(D(2025, 9, 30), 5) == D(2025, 10, 14)


def test_every_day_2004_2026_agrees_with_chinesecalendar():
    import chinese_calendar

    cal = calendar_from_package()
    d = D(2004, 1, 1)
    while d <= D(2026, 12, 31):
        assert cal.is_working_day(d) is chinese_calendar.is_workday(d), d
        d += ONE


def test_unloaded_year_uses_weekends_and_fixed_solar_holidays():
    cal = LegalCalendar.from_years([], CalendarOptions())
    assert not cal.is_loaded(2027)
    assert cal.holiday_name(D(2027, 1, 1)) == "元旦"
    assert [cal.holiday_name(D(2027, 5, d)) for d in (1, 2, 3)] == ["劳动节", "劳动节", None]
    assert [cal.holiday_name(D(2027, 10, d)) for d in (1, 2, 3, 4)] == ["国庆节", "国庆节", "国庆节", None]
    # 2027-02-08 (a Monday; lunar new year cannot be guessed) is a working day in the fallback
    assert cal.is_working_day(D(2027, 2, 8))
    assert not cal.is_working_day(D(2027, 1, 2))  # Saturday


def test_nth_working_day_far_beyond_the_index():
    cal = LegalCalendar.from_years([YearData(2025, {}, {})])
    # 2060-01-05 is a Monday; 5 working days later (no holidays loaded except fixed ones) = Mon 2060-01-12
    assert cal.nth_working_day_after(D(2060, 1, 5), 5) == D(2060, 1, 12)


def test_parse_accepts_ranges_and_both_kinds():
    holidays, makeups = calendar_parse(
        "# 2027\n日期,类型,名称\n2027-01-01,放假,元旦\n2027-02-05~2027-02-07,放假,春节\n2027-02-13，上班，春节\n"
    )
    assert holidays == [
        (D(2027, 1, 1), "元旦"),
        (D(2027, 2, 5), "春节"),
        (D(2027, 2, 6), "春节"),
        (D(2027, 2, 7), "春节"),
    ]
    assert makeups == [(D(2027, 2, 13), "春节")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-01-01,放假,\n", "未填写节日名称"),
        ("2026-12-31,放假,元旦\n", "不在2027年内"),
        ("2027-01-01,放假,元旦\n2027-02-10,上班,春节\n", "本来就是工作日"),  # Wed
        ("2027-13-01,放假,元旦\n", "格式不正确"),
        ("2027-01-01,休假吗,元旦\n", "无法识别"),
        ("2027-01-01,放假,元旦\n2027-01-01,放假,元旦\n", "重复"),
    ],
)
@pytest.mark.django_db
def test_load_refuses_invalid_arrangements(text, message, persona):
    admin = persona("sys_admin", "justice")

    def load():
        holidays, makeups = calendar_parse(text)
        calendar_year_load(year=2027, holidays=holidays, makeup_workdays=makeups, source="通知", by=admin)

    with pytest.raises(DomainError) as exc:
        load()
    assert message in exc.value.message
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db(transaction=True)
def test_loading_2027_makes_it_final_and_is_audited(persona, city):
    # transactional tests flush the tables between tests, seeded rows included: seed 2004–2026 again first
    from fazhi.deadlines.calendar_services import calendar_seed_from_package
    from fazhi.deadlines.engine import compute_due

    calendar_seed_from_package()
    admin = persona("sys_admin", "justice")
    holidays, makeups = calendar_parse("2027-01-01,放假,元旦\n2027-02-06~2027-02-12,放假,春节\n2027-02-14,上班,春节\n")
    calendar_year_load(year=2027, holidays=holidays, makeup_workdays=makeups, source="国办通知", by=admin)
    event = AuditEvent.objects.get(action="deadlines.calendar.loaded")
    assert event.summary["year"] == 2027 and "2027-02-14 makeup_workday 春节" in event.summary["added"]
    # the recompute job was queued after commit
    from fazhi.jobs.models import Job

    assert Job.objects.filter(kind="deadlines.recompute").exists()
    # 20 WD after 2026-12-10 → 2027-01-08 as before, but no longer provisional
    result = compute_due("disclosure.reply", D(2026, 12, 10))
    assert (result.due, result.provisional) == (D(2027, 1, 8), False)
    # 5 WD after Thu 2027-02-04: Fri 2/5 (1), rest 2/6–2/12, Sat 2/13 weekend, Sun 2/14 make-up (2), Mon 2/15 (3),
    # 2/16 (4), 2/17 (5)
    assert compute_due("reconsideration.acceptance", D(2027, 2, 4)).due == D(2027, 2, 17)


@pytest.mark.django_db
def test_seed_is_idempotent():
    assert calendar_seed_from_package() == 0  # the migration already seeded 2004–2026
    assert CalendarYear.objects.filter(year__gte=2004, year__lte=2026).count() == 23


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 10, 31), None),  # 61 days before 2026-12-31
        (D(2026, 11, 1), "仅剩60天"),
        (D(2027, 1, 5), "已过期5天"),
    ],
)
def test_warning_sixty_days_before_the_calendar_runs_out(today, expected):
    warning = calendar_warning(today)
    assert (warning is None) if expected is None else (expected in warning)
