"""The recompute job: who is alerted when a clock has no assignee, and the audit of due dates a calendar change moves."""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.deadlines.calendar_data import calendar_invalidate
from fazhi.deadlines.calendar_services import calendar_parse, calendar_warning, calendar_year_load
from fazhi.deadlines.models import Clock
from fazhi.deadlines.recompute import clocks_recompute
from fazhi.deadlines.services import clock_start
from fazhi.jobs.models import Job
from fazhi.jobs.services import jobs_run_pending
from fazhi.notifications.models import Notification

D = dt.date
pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _fresh_calendar(monkeypatch):
    from fazhi.deadlines import selectors, services

    # clocks start on 2025-10-01 (so they start 进行中); the calendar is cached per process: a year loaded (then
    # rolled back) here must not leak into other tests
    monkeypatch.setattr(selectors, "today_local", lambda: D(2025, 10, 1))
    monkeypatch.setattr(services, "today_local", lambda: D(2025, 10, 1))
    calendar_invalidate()
    yield
    calendar_invalidate()


def _acceptance(city, by, unit="justice", **kw):
    # received Tue 2025-09-30: due Tue 2025-10-14 (国庆 skipped, make-up Sat 10/11 counted); 临期 from 10/13
    return clock_start(
        obj=city[unit],
        rule_id="reconsideration.acceptance",
        trigger_date=D(2025, 9, 30),
        by=by,
        unit=city[unit] if unit else None,
        **kw,
    )


def _liaison(persona, role, unit):
    user = persona(role, unit)
    user.is_liaison = True
    user.save()
    return user


# -- recipients -----------------------------------------------------------------------------------------------------


def test_a_clock_without_assignee_alerts_the_units_liaisons(city, persona):
    # given a justice-bureau clock with no assignee, a liaison and a handler in that unit
    handler = persona("reconsideration_handler", "justice")
    liaison = _liaison(persona, "dept_liaison", "justice")
    clock = _acceptance(city, handler)
    # when it turns overdue
    stats = clocks_recompute(today=D(2025, 10, 15))
    # then the liaison (only) is told, once
    assert stats["notified"] == 1
    note = Notification.objects.get()
    assert (note.recipient, note.level, note.title) == (
        liaison,
        "red",
        "期限超期：复议申请受理审查期限（届满2025-10-14）",
    )
    assert note.link == f"/deadlines/clocks/{clock.pk}/"


def test_without_liaisons_the_units_handlers_are_alerted(city, persona):
    # given no liaison: two handlers of the justice bureau, an office clerk there without the handling action,
    # and a handler of another unit
    handler_a = persona("reconsideration_handler", "justice")
    handler_b = persona("reconsideration_head", "justice")
    persona("office_staff", "justice")
    persona("reconsideration_handler", "market")
    _acceptance(city, handler_a)
    # when it turns 临期, then overdue
    clocks_recompute(today=D(2025, 10, 13))
    clocks_recompute(today=D(2025, 10, 15))
    # then each of the unit's users holding reconsideration.case.decide got one yellow and one red notice
    got = sorted(Notification.objects.values_list("recipient__username", "level"))
    assert got == sorted(
        [
            (handler_a.username, "yellow"),
            (handler_a.username, "red"),
            (handler_b.username, "yellow"),
            (handler_b.username, "red"),
        ]
    )


def test_alerts_are_idempotent_across_reruns(city, persona):
    liaison = _liaison(persona, "dept_liaison", "justice")
    clock = _acceptance(city, liaison)
    clocks_recompute(today=D(2025, 10, 15))
    # a re-run (same state) and a replayed state change (same clock, state, due date) send nothing more
    assert clocks_recompute(today=D(2025, 10, 15))["notified"] == 0
    Clock.objects.filter(pk=clock.pk).update(state="running")
    assert clocks_recompute(today=D(2025, 10, 15))["notified"] == 0
    assert Notification.objects.filter(recipient=liaison).count() == 1


def test_the_assignee_alone_is_alerted_when_there_is_one(city, persona):
    handler = persona("reconsideration_handler", "justice")
    _liaison(persona, "dept_liaison", "justice")
    _acceptance(city, handler, assignee=handler)
    clocks_recompute(today=D(2025, 10, 15))
    assert list(Notification.objects.values_list("recipient", flat=True)) == [handler.pk]


def test_a_clock_without_unit_or_assignee_alerts_nobody(city, persona):
    handler = persona("reconsideration_handler", "justice")
    clock_start(obj=city["justice"], rule_id="reconsideration.acceptance", trigger_date=D(2025, 9, 30), by=handler)
    assert clocks_recompute(today=D(2025, 10, 15))["notified"] == 0
    assert Notification.objects.count() == 0


def test_plan_task_clocks_are_left_to_the_plans_ladder(city, persona):
    # plan.task (notify=False): the 三色督办 ladder in fazhi/plans sends those notices, not the recompute
    _liaison(persona, "dept_liaison", "justice")
    clock_start(
        obj=city["justice"],
        rule_id="plan.task",
        trigger_date=D(2025, 3, 1),
        by="system",
        unit=city["justice"],
        key="plan.task",
        due_override=D(2025, 6, 30),
    )
    assert clocks_recompute(today=D(2025, 7, 1))["notified"] == 0


# -- a calendar change recomputes and audits each moved due date (legal-rules.md §16.3) --------------------------


def test_loading_a_year_audits_each_clock_whose_due_date_moves(
    city, persona, django_capture_on_commit_callbacks, monkeypatch
):
    from fazhi.deadlines import selectors, services

    monkeypatch.setattr(selectors, "today_local", lambda: D(2026, 11, 22))
    monkeypatch.setattr(services, "today_local", lambda: D(2026, 11, 22))
    admin = persona("sys_admin", "justice")
    handler = persona("reconsideration_handler", "justice")
    # given a 60-day decision clock from Thu 2026-12-10: provisional due Mon 2027-02-08 (2027 not loaded),
    # and a clock that 2027 cannot move
    moved = clock_start(
        obj=city["justice"],
        rule_id="reconsideration.decision",
        trigger_date=D(2026, 12, 10),
        by=handler,
        unit=city["justice"],
    )
    still = _acceptance(city, handler)
    assert (moved.due_date, moved.provisional) == (D(2027, 2, 8), True)
    # when the administrator loads 2027 (春节 2/6–2/12, make-up Sunday 2/14) and the queued job runs
    holidays, makeups = calendar_parse("2027-01-01,放假,元旦\n2027-02-06~2027-02-12,放假,春节\n2027-02-14,上班,春节\n")
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_load(year=2027, holidays=holidays, makeup_workdays=makeups, source="国办通知", by=admin)
    job = Job.objects.get(kind="deadlines.recompute")
    assert job.created_by == admin
    jobs_run_pending()
    job.refresh_from_db()
    assert job.status == "done", job.error
    # then the moved clock is final, due Sunday 2027-02-14 (the make-up working day after 春节) ...
    moved.refresh_from_db()
    assert (moved.due_date, moved.provisional) == (D(2027, 2, 14), False)
    # ... and has exactly one audit row naming the administrator, before and after; the other clock has none
    loaded = AuditEvent.objects.get(action="deadlines.calendar.loaded")
    rows = list(AuditEvent.objects.filter(action="deadlines.clock.recomputed"))
    assert [(r.object_type, r.object_id) for r in rows] == [("deadlines.clock", str(moved.pk))]
    assert rows[0].actor == admin
    assert rows[0].object_repr == "行政复议决定期限（届满2027-02-14）"
    assert rows[0].summary == {
        "reason": "calendar_loaded",
        "year": 2027,
        "calendar_event": loaded.pk,
        "rule": "reconsideration.decision",
        "due_before": "2027-02-08",
        "due_after": "2027-02-14",
        "state_before": "running",
        "state_after": "running",
    }
    assert Clock.objects.get(pk=still.pk).due_date == D(2025, 10, 14)
    assert job.result["audited"] == 1


def test_the_daily_run_does_not_audit_due_dates(city, persona):
    handler = persona("reconsideration_handler", "justice")
    _acceptance(city, handler)
    Clock.objects.update(due_date=D(2025, 10, 1))  # as if computed by an older calendar
    assert clocks_recompute(today=D(2025, 10, 2))["audited"] == 0
    assert not AuditEvent.objects.filter(action="deadlines.clock.recomputed").exists()


# -- settings --------------------------------------------------------------------------------------------------------


def test_settings_block_reads_the_environment(monkeypatch):
    base = ROOT / "config" / "settings" / "base.py"
    assert runpy.run_path(str(base))["FAZHI_DEADLINES"] == {
        "WEEKEND_IS_REST_DAY": True,
        "MAKEUP_IS_WORKING_DAY": True,
        "CALENDAR_WARN_DAYS": 60,
    }
    monkeypatch.setenv("FAZHI_DEADLINES_WEEKEND_IS_REST_DAY", "false")
    monkeypatch.setenv("FAZHI_DEADLINES_MAKEUP_IS_WORKING_DAY", "0")
    monkeypatch.setenv("FAZHI_DEADLINES_CALENDAR_WARN_DAYS", "90")
    assert runpy.run_path(str(base))["FAZHI_DEADLINES"] == {
        "WEEKEND_IS_REST_DAY": False,
        "MAKEUP_IS_WORKING_DAY": False,
        "CALENDAR_WARN_DAYS": 90,
    }


def test_calendar_warning_days_come_from_settings(settings):
    # 2026 is the last loaded year: on 2026-10-01 there are 91 days left
    settings.FAZHI_DEADLINES = {**settings.FAZHI_DEADLINES, "CALENDAR_WARN_DAYS": 60}
    assert calendar_warning(D(2026, 10, 1)) is None
    settings.FAZHI_DEADLINES = {**settings.FAZHI_DEADLINES, "CALENDAR_WARN_DAYS": 91}
    assert calendar_warning(D(2026, 10, 1)) == (
        "已载入的节假日安排截至2026年12月31日，仅剩91天。跨入2027年的期限为暂定，"
        "请在国务院办公厅发布通知后及时载入2027年节假日安排。"
    )
