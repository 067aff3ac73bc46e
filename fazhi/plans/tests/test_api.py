"""Plans and tasks through the API: tasks and shares limited to the caller's units; a unit reports progress on its
own share (idempotent), never on another unit's (404 as for a missing share)."""

import json

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.plans.models import AssignmentRole, TaskAssignment
from fazhi.supervision.models import Report as TaskReport

READ = ["plans.plan.view", "plans.task.view"]


def _key(city, unit, actions=READ, **kw):
    return bearer(key_for(account_with(actions, unit=city[unit], **kw))[1])


@pytest.mark.django_db
def test_tasks_and_shares_are_limited_to_the_callers_units(city, small_plan):
    market = _key(city, "market", scope="unit")
    c = Client()
    tasks = c.get("/api/v1/tasks/", {"fields": "number,title"}, **market).json()["items"]
    assert [(t["number"], t["title"]) for t in tasks] == [(1, "清理涉企收费")]
    shares = c.get("/api/v1/assignments/", **market).json()["items"]
    assert [(s["unit"], s["role"]) for s in shares] == [("市市场监管局", AssignmentRole.LEAD)]
    detail = c.get(f"/api/v1/tasks/{tasks[0]['id']}/", **market).json()
    assert [s["unit"] for s in detail["shares"]] == ["市市场监管局"]  # the other units' shares are not in scope
    other_task = TaskAssignment.objects.exclude(unit=city["market"]).exclude(task_id=tasks[0]["id"]).first().task_id
    assert c.get(f"/api/v1/tasks/{other_task}/", **market).status_code == 404
    plans = c.get("/api/v1/plans/", **market).json()["items"]
    assert [p["name"] for p in plans] == ["测试计划"]


@pytest.mark.django_db
def test_a_unit_reports_progress_on_its_share_once_per_key(city, small_plan):
    key = _key(city, "market", [*READ, "plans.task.report"], scope="unit")
    share = TaskAssignment.objects.get(unit=city["market"])
    share.state = "signed"
    share.save(update_fields=["state"])
    url = f"/api/v1/assignments/{share.pk}/reports/"
    body = json.dumps({"text": "已建立问题台账，清理收费项目12项。", "percent": 40})
    c = Client()
    first = c.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="oa-88", **key)
    again = c.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="oa-88", **key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["assignment_state"] == "in_progress" and again.json()["id"] == first.json()["id"]
    assert TaskReport.objects.count() == 1 and TaskReport.objects.get().percent == 40


@pytest.mark.django_db
def test_another_units_share_answers_404_and_bad_input_names_the_field(city, small_plan):
    key = _key(city, "market", [*READ, "plans.task.report"], scope="unit")
    foreign = TaskAssignment.objects.exclude(unit=city["market"]).first()
    own = TaskAssignment.objects.get(unit=city["market"])
    c = Client()
    body = json.dumps({"text": "越权报送"})
    assert (
        c.post(f"/api/v1/assignments/{foreign.pk}/reports/", body, content_type="application/json", **key).status_code
        == 404
    )
    bad = c.post(
        f"/api/v1/assignments/{own.pk}/reports/",
        json.dumps({"text": "x", "percent": 120}),
        content_type="application/json",
        **key,
    )
    assert bad.json()["error"] == {"code": "invalid", "message": "percent：应不大于 100。", "field": "percent"}
    long = c.post(
        f"/api/v1/assignments/{own.pk}/reports/",
        json.dumps({"text": "进" * 5001}),
        content_type="application/json",
        **key,
    )  # the page's limit (issue #11 point 7)
    assert (long.status_code, long.json()["error"]) == (
        400,
        {"code": "invalid", "message": "text：不得超过 5000 个字符。", "field": "text"},
    )
    not_yet = c.post(f"/api/v1/assignments/{own.pk}/reports/", body, content_type="application/json", **key)
    assert not_yet.status_code == 400 and not_yet.json()["error"]["field"] == "state"  # 待签收: sign first
    assert TaskReport.objects.count() == 0
