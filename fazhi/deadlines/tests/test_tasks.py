"""The daily recompute is a registered periodic job; the demo step seeds the calendar idempotently; actions exist."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.actions import ACTIONS, DEMO_STEPS, ROLE_GRANTS
from fazhi.deadlines.models import Clock
from fazhi.deadlines.services import clock_start
from fazhi.jobs.periodic import PERIODIC
from fazhi.jobs.services import job_enqueue, jobs_run_pending

pytestmark = pytest.mark.django_db


def test_daily_recompute_job_runs_the_service(city, persona):
    clerk = persona("reconsideration_handler", "justice")
    clock = clock_start(
        obj=city["justice"],
        rule_id="reconsideration.acceptance",
        trigger_date=dt.date(2025, 9, 30),
        by=clerk,
        unit=city["justice"],
    )
    assert any(p.kind == "deadlines.recompute" for p in PERIODIC)
    job = job_enqueue(kind="deadlines.recompute", params={"date": "2025-10-15"})
    jobs_run_pending()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.result["examined"] == 1
    assert Clock.objects.get(pk=clock.pk).state == "overdue"  # due 2025-10-14


def test_demo_step_is_idempotent():
    step = next(fn for _, label, fn in DEMO_STEPS if label == "法定节假日日历")
    lines: list[str] = []
    step(lines.append)
    step(lines.append)
    assert lines == ["法定节假日日历：新载入 0 个年度（已存在的年度不变）"] * 2


def test_actions_and_grants():
    assert {"deadlines.clock.view", "deadlines.calendar.manage"} <= set(ACTIONS)
    assert "deadlines.calendar.manage" in ROLE_GRANTS["sys_admin"]
    for role in (
        "office_staff",
        "office_head",
        "dept_liaison",
        "district_liaison",
        "reconsideration_handler",
        "reconsideration_head",
        "leader",
    ):
        assert "deadlines.clock.view" in ROLE_GRANTS[role]
