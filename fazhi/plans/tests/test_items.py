"""Plan shares as supervisable items: raised with the share, following its clock, on the unit's board, reported and
closed through the plan's own doors, extended up to the end of the plan period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.plans.models import TaskAssignment
from fazhi.plans.services import assignment_sign, assignment_urge, extension_request
from fazhi.supervision.models import Item


def _lead(plan):
    return TaskAssignment.objects.select_related("item").get(task__plan=plan, task__number=1, role="lead")


def test_every_share_is_an_item_following_its_clock(small_plan, city):
    shares = TaskAssignment.objects.filter(task__plan=small_plan).select_related("item", "unit")
    assert Item.objects.count() == shares.count() == 4
    lead = _lead(small_plan)
    assert (lead.item.kind, lead.item.source_label, lead.item.unit, lead.item.title) == (
        "plans.share",
        "规划任务",
        city["market"],
        "清理涉企收费",
    )
    assert lead.item.clock.rule_id == "plan.task" and lead.item.due_date == dt.date(2026, 9, 30)
    assert lead.item.source_url == f"/plans/tasks/{lead.task_id}/#a{lead.pk}"
    assert sorted(lead.item.co_units.values_list("code", flat=True)) == ["C003", "D100"]


def test_a_plan_share_is_reported_on_its_task_page_not_in_bulk(small_plan, persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    page = client.get(reverse("supervision:unit_board"))
    item = next(i for i in page.context["items"] if i.kind == "plans.share")
    assert (item.bulk_ok, item.next_step) == (False, "在来源页面办理")
    client.post(reverse("supervision:bulk_report"), {"items": [item.pk], "text": "x"})
    assert item.reports.count() == 0


def test_a_co_unit_may_now_ask_for_an_extension_up_to_the_end_of_the_plan_period(small_plan, city, persona):
    finance = persona("dept_liaison", "finance")
    co = TaskAssignment.objects.get(task__plan=small_plan, task__number=1, unit=city["finance"])
    assignment_sign(assignment=co, by=finance)
    with pytest.raises(DomainError) as exc:
        extension_request(assignment=co, by=finance, reason="需协调", new_date=dt.date(2099, 12, 31))
    assert (exc.value.field, exc.value.message) == ("new_date", "申请延至的日期不能晚于2026-12-31（最长延期期限）。")
    ext = extension_request(assignment=co, by=finance, reason="需协调", new_date=dt.date(2026, 12, 31))
    assert (ext.item_id, ext.unit) == (co.item_id, city["finance"])


def test_an_urge_on_a_share_is_on_the_task_timeline_with_its_text(small_plan, persona):
    from fazhi.plans.selectors import task_timeline

    lead = _lead(small_plan)
    assignment_urge(assignment=lead, by=persona("office_staff", "gov"), message="")
    urged = [e for e in task_timeline(lead.task) if e.action.endswith("urged")]
    assert [(e.action, e.summary["message"]) for e in urged] == [
        ("plans.task.urged", "请抓紧推进并按时报送。"),
        ("supervision.item.urged", "请抓紧推进并按时报送。"),
    ]
