"""#13 working views on the plans side: bulk 签收 / 报送 for the shares a user may act on, the task page grouped by
unit and folded, 我的任务 by light then due date, /plans/extensions/ with its decide buttons, a leader's home."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse

from fazhi.plans.models import TaskAssignment
from fazhi.plans.parsing import parse_plan_text
from fazhi.plans.services import assignments_report, assignments_sign, extension_request, plan_import
from fazhi.supervision.models import Extension, Report


@pytest.fixture
def today(time_machine):
    """A fixed day inside the plan year, so that due dates, lights and the plan-period limit are known."""
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    from fazhi.deadlines.selectors import today_local

    return today_local()


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日前完成。"


def _plan(office, text: str, name="区级任务"):
    return plan_import(by=office, parsed=parse_plan_text(text), name=name, kind="annual", year=2026)


@pytest.fixture
def district_plan(city, persona, today):
    """Two tasks, each for the district government and its market bureau (a district liaison's four shares)."""
    office = persona("office_head", "gov")
    text = f"""示范市2026年区级任务
一、重点任务
1.梳理区级行政执法事项。{_cn(today + dt.timedelta(days=60))}
牵头单位:示范市东城区人民政府;配合单位:示范市东城区市场监督管理局
2.开展执法案卷评查。{_cn(today + dt.timedelta(days=90))}
牵头单位:示范市东城区人民政府;配合单位:示范市东城区市场监督管理局、示范市财政局
"""
    return _plan(office, text)


def _ids(html: str, name="items") -> list[int]:
    return [int(v) for v in re.findall(rf'name="{name}" value="(\d+)"', html)]


def test_bulk_sign_all_then_bulk_report_on_the_selected_shares(district_plan, city, persona, login_client):
    liaison = persona("district_liaison", "district")
    client = login_client(liaison)
    page = client.get(reverse("plans:my_tasks")).content.decode()
    assert "全部签收（4项）" in page  # the finance share is not the district's
    resp = client.post(reverse("plans:bulk_step"), {"step": "sign", "all": "1", "next": "/plans/tasks/mine/"})
    assert resp.status_code == 302 and resp["Location"] == "/plans/tasks/mine/"
    shares = TaskAssignment.objects.filter(task__plan=district_plan).order_by("id")
    assert [(s.unit.code, s.state) for s in shares] == [
        ("D100", "signed"),
        ("D101", "signed"),
        ("D100", "signed"),
        ("D101", "signed"),
        ("C003", "assigned"),
    ]
    page = client.get(reverse("plans:my_tasks")).content.decode()
    assert "全部签收" not in page and "全部 4 项可报送的任务" in page
    chosen = [s.pk for s in shares if s.unit.code == "D101"]
    token = str(uuid.uuid4())
    data = {"step": "report", "items": chosen, "text": "已完成梳理", "percent": "40", "submit_token": token}
    client.post(reverse("plans:bulk_step"), data)
    client.post(reverse("plans:bulk_step"), data)  # a retried submit: no second report
    reports = Report.objects.filter(item__plan_share__task__plan=district_plan).order_by("id")
    assert [(r.item.plan_share.pk, r.text, r.percent, r.unit.code) for r in reports] == [
        (chosen[0], "已完成梳理", 40, "D101"),
        (chosen[1], "已完成梳理", 40, "D101"),
    ]
    assert set(TaskAssignment.objects.filter(pk__in=chosen).values_list("state", flat=True)) == {"in_progress"}


def test_bulk_steps_refused_change_nothing_and_name_the_field(district_plan, city, persona, login_client):
    liaison = persona("district_liaison", "district")
    client = login_client(liaison)
    finance_share = TaskAssignment.objects.get(task__plan=district_plan, unit=city["finance"])
    # a share outside the user's scope is not among those they may act on
    resp = client.post(reverse("plans:bulk_step"), {"step": "sign", "items": [finance_share.pk]}, follow=True)
    assert "所选任务：请至少选择一项可办理的任务。" in resp.content.decode()
    assert TaskAssignment.objects.get(pk=finance_share.pk).state == "assigned"
    client.post(reverse("plans:bulk_step"), {"step": "sign", "all": "1"})
    resp = client.post(reverse("plans:bulk_step"), {"step": "report", "all": "1", "text": "  "}, follow=True)
    assert "进展情况：这个字段是必填项。" in resp.content.decode()
    assert Report.objects.count() == 0
    with pytest.raises(Exception, match="进展情况：不能为空。"):
        assignments_report(assignments=list(TaskAssignment.objects.filter(unit=city["district"])), by=liaison, text="")
    assert assignments_sign(assignments=list(TaskAssignment.objects.filter(unit=city["district"])), by=liaison) == 0


def test_task_page_groups_shares_by_unit_and_folds_them_when_many(city, persona, login_client, today):
    from fazhi.orgs.tests.factories import UnitFactory

    office = persona("office_head", "gov")
    towns = [
        UnitFactory(code=f"D1{i:02d}", name=f"示范市东城区第{i}街道办事处", parent=city["district"])
        for i in range(2, 10)
    ]
    names = "、".join(t.name for t in towns)
    plan = _plan(
        office,
        f"""示范市2026年任务
一、重点任务
1.推进基层法治建设。{_cn(today + dt.timedelta(days=30))}
牵头单位:示范市司法局;配合单位:示范市财政局、{names}
""",
    )
    task = plan.tasks.get()
    client = login_client(office)
    html = client.get(task.get_absolute_url()).content.decode()
    groups = re.findall(r'<details class="share-group" data-group="([^"]+)"( open)?>', html)
    # 10 shares, 3 groups, the lead's first; all folded: nothing waits for the office yet (no report, no extension)
    assert [g for g, _ in groups] == ["市司法局", "市财政局", "东城区政府"]
    assert [bool(o) for _, o in groups] == [False, False, False]
    assert "共 10 个单位，按单位分为 3 组。" in html
    assert "8 项：待签收 8" in html
    # the share just acted on (?a=) unfolds its group
    town_share = TaskAssignment.objects.get(task=task, unit=towns[3])
    html = client.get(f"{task.get_absolute_url()}?a={town_share.pk}").content.decode()
    assert re.findall(r'data-group="([^"]+)" open', html) == ["东城区政府"]
    # a town's liaison sees the group holding a share it must sign unfolded
    town_user = persona("district_liaison", "district")
    html = login_client(town_user).get(task.get_absolute_url()).content.decode()
    assert re.findall(r'data-group="([^"]+)" open', html) == ["东城区政府"]


def test_my_tasks_by_light_then_due_date_overdue_first_no_deadline_last(city, persona, login_client, today):
    office = persona("office_head", "gov")
    plan = _plan(
        office,
        f"""示范市2026年任务
一、重点任务
1.无时限任务。
牵头单位:示范市司法局
2.远期任务。{_cn(today + dt.timedelta(days=80))}
牵头单位:示范市司法局
3.逾期两日任务。{_cn(today - dt.timedelta(days=2))}
牵头单位:示范市司法局
4.逾期四十日任务。{_cn(today - dt.timedelta(days=40))}
牵头单位:示范市司法局
5.临期任务。{_cn(today + dt.timedelta(days=1))}
牵头单位:示范市司法局
""",
    )
    html = login_client(persona("dept_liaison", "justice")).get(reverse("plans:my_tasks")).content.decode()
    titles = re.findall(r">(\d)\. (\S+任务)</a>", html)
    assert [n for n, _ in titles] == ["4", "3", "5", "2", "1"]
    lights = re.findall(r'<tr data-light="(\w+)">', html)
    assert lights == ["overdue", "overdue", "due_soon", "running", "none"]
    assert plan.tasks.count() == 5


def test_plans_extensions_page_lists_requests_with_decide_buttons(district_plan, city, persona, login_client, today):
    liaison = persona("district_liaison", "district")
    share = TaskAssignment.objects.filter(task__plan=district_plan, unit=city["district_market"]).first()
    ext = extension_request(assignment=share, by=liaison, reason="需等待上级部署", new_date=dt.date(2026, 12, 31))
    head = persona("office_head", "gov")
    client = login_client(head)
    html = client.get(reverse("plans:extension_list")).content.decode()
    assert f'action="{reverse("plans:extension_decide", args=[ext.pk])}"' in html
    assert "需等待上级部署" in html and "东城区市场监管局（配合）" in html
    # refusing without a reason is refused, naming the field; nothing changes
    resp = client.post(
        reverse("plans:extension_decide", args=[ext.pk]), {"approve": "0", "note": "", "next": "/plans/extensions/"}
    )
    assert resp["Location"] == "/plans/extensions/"
    assert Extension.objects.get(pk=ext.pk).state == "pending"
    client.post(
        reverse("plans:extension_decide", args=[ext.pk]), {"approve": "1", "note": "同意", "next": "/plans/extensions/"}
    )
    ext.refresh_from_db()
    share.refresh_from_db()
    assert (ext.state, ext.decision_note, share.due_date) == ("approved", "同意", dt.date(2026, 12, 31))
    assert "没有待审批的延期申请。" in client.get(reverse("plans:extension_list")).content.decode()


def test_leader_home_shows_the_units_summary_instead_of_the_deadline_list(district_plan, city, persona, login_client):
    leader = persona("leader", "gov")
    html = login_client(leader).get("/").content.decode()
    assert "所辖单位督办情况" in html and "临期和超期的法定期限" not in html
    rows = re.findall(
        r'<tr data-unit="(\d+)"><td data-label="单位"><a href="/supervision/\?unit=\d+">([^<]+)</a>', html
    )
    # no unit is overdue yet: in unit-tree order
    assert [name for _, name in rows] == ["市财政局", "东城区政府", "东城区市场监管局"]
    assert f'<a href="/supervision/?unit={city["district"].pk}">2</a>' in html
    # a handler still gets the deadline list
    html = login_client(persona("dept_liaison", "justice")).get("/").content.decode()
    assert "临期和超期的法定期限" in html and "所辖单位督办情况" not in html
