"""The #13 demo step: a draft plan awaiting dispatch, a pending extension, a 督办单 — dated from today, once."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.orgs.demo import demo_city_build
from fazhi.plans.demo import demo_import_sample_plan
from fazhi.plans.demo_supervision import DRAFT_NAME, demo_plan_supervision
from fazhi.plans.models import Plan, TaskAssignment
from fazhi.supervision.models import Extension, Notice


@pytest.mark.django_db
def test_the_demo_step_builds_once_from_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    today = dt.date(2026, 11, 2)
    demo_city_build(lambda s: None)
    demo_import_sample_plan(lambda s: None)
    out: list[str] = []
    demo_plan_supervision(out.append)
    demo_plan_supervision(out.append)
    draft = Plan.objects.get(name=DRAFT_NAME)
    assert [(t.number, t.due_date, t.dispatched_at) for t in draft.tasks.order_by("number")] == [
        (1, today + dt.timedelta(days=30), None),
        (2, today + dt.timedelta(days=60), None),
        (3, today + dt.timedelta(days=90), None),
    ]
    assert TaskAssignment.objects.filter(task__plan=draft).count() == 0
    ext = Extension.objects.get(state="pending")
    assert ext.requested_by.unit_id == ext.item.unit_id and ext.new_date > today
    notice = Notice.objects.get()
    assert (notice.number, notice.issued_on, notice.issued_by.username) == ("〔2026〕1号", today, "fazhiban_head")
    assert notice.items.get().light == "overdue"
    assert out[-3:] == [
        "  草稿计划“示范市行政执法突出问题整改清单（草稿）”已存在，跳过。",
        "  延期申请：已有待审批的申请，跳过。",
        "  督办单：已签发 1 份，跳过。",
    ]
