"""Role × action × data scope for the plans and deadlines pages (STYLE principle 4).

Subject: task 1 of a small plan — lead 市场监管局, co-units 财政局 and 东城区政府 (through the 各区人民政府 group).
司法局 leads task 2 only, so for task 1 it is an unrelated unit. A denied page or POST answers with the same 404 as a
task that does not exist, and changes nothing: audit rows, task/assignment versions and notifications are counted
before and after.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.notifications.models import Notification
from fazhi.orgs.tests.factories import UnitGroupFactory

SMALL_PLAN = """示范市2026年法治政府建设工作要点
一、重点任务
(一)依法行政
1.清理涉企收费。建立问题台账。2026年9月底前完成。
牵头单位:市市场监管局;配合单位:市财政局、各区人民政府
2.推行合法性审查。审查时间不少于7个工作日。
相关单位:市司法局
"""

# (persona key, role, unit)
PERSONAS = {
    "office_staff": ("office_staff", "gov"),
    "office_head": ("office_head", "gov"),
    "lead_liaison": ("dept_liaison", "market"),
    "co_liaison": ("dept_liaison", "finance"),
    "unrelated_liaison": ("dept_liaison", "justice"),
    "district_liaison": ("district_liaison", "district"),
    "leader": ("leader", "gov"),
    "sys_admin": ("sys_admin", "justice"),
    "sec_admin": ("sec_admin", "justice"),
    "audit_admin": ("audit_admin", "justice"),
}
ALL = set(PERSONAS)
THREE_ADMINS = {"sys_admin", "sec_admin", "audit_admin"}
IN_TASK_1 = {"office_staff", "office_head", "lead_liaison", "co_liaison", "district_liaison", "leader"}

CSRF = re.compile(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+"')


@pytest.fixture
def plan(city, persona):
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import

    group = UnitGroupFactory(name="各区人民政府", code="G-D")
    group.members.set([city["district"]])
    return plan_import(
        by=persona("office_head", "gov"), parsed=parse_plan_text(SMALL_PLAN), name="矩阵计划", kind="annual", year=2026
    )


@pytest.fixture
def who(persona):
    return lambda key: persona(*PERSONAS[key])


def _task(plan, number):
    return plan.tasks.get(number=number)


def _share(plan, number, unit_key, city):
    return _task(plan, number).assignments.get(unit=city[unit_key])


def _snapshot():
    from fazhi.plans.models import PlanTask, TaskAssignment

    return (
        AuditEvent.objects.count(),
        sorted(TaskAssignment.objects.values_list("pk", "version", "state")),
        sorted(PlanTask.objects.values_list("pk", "version")),
        Notification.objects.count(),
    )


def _missing_task(client):
    return client.get(reverse("plans:task_detail", args=[999999]))


def _same_404(resp, client):
    missing = _missing_task(client)
    assert resp.status_code == missing.status_code == 404
    assert CSRF.sub(b"", resp.content) == CSRF.sub(b"", missing.content)


# -- pages ------------------------------------------------------------------------------------------------------------

# who sees task 1's page, the plan overview page and the drill-down
TASK_1_VIEWERS = IN_TASK_1
OVERVIEW_VIEWERS = IN_TASK_1  # the plan is visible through any in-scope share


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ALL))
def test_task_page_is_visible_only_within_scope(plan, who, login_client, key):
    client = login_client(who(key))
    before = _snapshot()
    resp = client.get(_task(plan, 1).get_absolute_url())
    if key in TASK_1_VIEWERS:
        assert resp.status_code == 200
    else:
        _same_404(resp, client)
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ALL))
def test_plan_pages_and_drilldown_are_scoped(plan, who, login_client, city, key):
    client = login_client(who(key))
    before = _snapshot()
    overview = client.get(plan.get_absolute_url())
    drill = client.get(reverse("plans:plan_tasks", args=[plan.pk]))
    if key in OVERVIEW_VIEWERS | {"unrelated_liaison"}:  # 司法局 has task 2 in the plan
        assert (overview.status_code, drill.status_code) == (200, 200)
        html = drill.content.decode()
        # a unit-scoped user sees only its own shares in the drill-down
        expected_units = {
            "lead_liaison": {"市市场监管局"},
            "co_liaison": {"市财政局"},
            "district_liaison": {"东城区政府"},
            "unrelated_liaison": {"市司法局"},
        }.get(key, {"市市场监管局", "市财政局", "东城区政府", "市司法局"})
        shown = {
            u
            for u in ("市市场监管局", "市财政局", "东城区政府", "市司法局")
            if f'<td data-label="单位">{u}</td>' in html
        }
        assert shown == expected_units
    else:
        _same_404(overview, client)
        _same_404(drill, client)
    assert _snapshot() == before


# -- POSTs on the lead share of task 1 ---------------------------------------------------------------------------------

# step → who may take it on the market bureau's (lead) share of task 1, from its first state
STEP_ALLOWED = {
    "sign": {"lead_liaison"},
    "urge": {"office_staff", "office_head"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("step", sorted(STEP_ALLOWED))
@pytest.mark.parametrize("key", sorted(ALL))
def test_steps_on_a_share_are_denied_outside_role_and_scope(plan, who, login_client, city, key, step):
    share = _share(plan, 1, "market", city)
    client = login_client(who(key))
    before = _snapshot()
    resp = client.post(
        reverse("plans:assignment_step", args=[share.pk, step]), {f"{step}-{share.pk}-message": "请抓紧"}
    )
    if key in STEP_ALLOWED[step]:
        assert resp.status_code == 302
        assert _snapshot() != before
    else:
        _same_404(resp, client)
        assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ALL - {"lead_liaison"}))
def test_co_and_district_units_cannot_sign_the_lead_share(plan, who, login_client, city, key):
    # the co-unit's own share is signable by it; the lead share is not, whatever the role
    share = _share(plan, 1, "market", city)
    client = login_client(who(key))
    before = _snapshot()
    _same_404(client.post(reverse("plans:assignment_step", args=[share.pk, "sign"])), client)
    assert _snapshot() == before


@pytest.mark.django_db
def test_each_unit_signs_its_own_share(plan, who, login_client, city):
    for key, unit in (("co_liaison", "finance"), ("district_liaison", "district"), ("lead_liaison", "market")):
        share = _share(plan, 1, unit, city)
        resp = login_client(who(key)).post(reverse("plans:assignment_step", args=[share.pk, "sign"]))
        assert resp.status_code == 302
        share.refresh_from_db()
        assert share.state == "signed"


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ALL))
def test_plan_management_pages_need_the_office(plan, who, login_client, key):
    client = login_client(who(key))
    before = _snapshot()
    codes = {
        name: client.get(reverse(f"plans:{name}")).status_code for name in ("import_upload", "ladder", "extension_list")
    }
    export = client.get(reverse("plans:plan_export", args=[plan.pk]))
    if key in {"office_staff", "office_head"}:
        assert codes["import_upload"] == codes["ladder"] == 200
        assert export.status_code == 200
    else:
        assert codes["import_upload"] in (403, 404) and codes["ladder"] in (403, 404)
        assert export.status_code == 404
    # opening pages records nothing except the office's audited export
    after = _snapshot()
    assert after[1:] == before[1:]
    assert after[0] - before[0] == (1 if key in {"office_staff", "office_head"} else 0)


# -- deadlines -------------------------------------------------------------------------------------------------------


@pytest.fixture
def justice_clock(city, persona):
    from fazhi.deadlines.services import clock_start

    return clock_start(
        obj=city["justice"],
        rule_id="reconsideration.acceptance",
        trigger_date=dt.date(2025, 9, 30),
        by="system",
        unit=city["justice"],
    )


CLOCK_VIEWERS = {"office_staff", "office_head", "unrelated_liaison", "leader"}  # justice bureau + 全部数据 roles


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ALL))
def test_clock_page_and_list_follow_clock_policy(justice_clock, who, login_client, key):
    from fazhi.deadlines.policies import ClockPolicy

    user = who(key)
    client = login_client(user)
    before = _snapshot()
    resp = client.get(justice_clock.get_absolute_url())
    assert ClockPolicy.can(user, "view", justice_clock) is (key in CLOCK_VIEWERS)
    assert ClockPolicy.can(user, "edit", justice_clock) is False  # unlisted: denied
    if key in CLOCK_VIEWERS:
        assert resp.status_code == 200
    else:
        missing = client.get(reverse("deadlines:clock_detail", args=[999999]))
        assert resp.status_code == missing.status_code == 404
        assert CSRF.sub(b"", resp.content) == CSRF.sub(b"", missing.content)
    listed = client.get(reverse("deadlines:clock_list"))
    if listed.status_code == 200:
        assert (f"/deadlines/clocks/{justice_clock.pk}/" in listed.content.decode()) is (key in CLOCK_VIEWERS)
    else:
        assert key in THREE_ADMINS and listed.status_code in (403, 404)
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ALL))
def test_calendar_management_is_the_system_administrators(who, login_client, key):
    client = login_client(who(key))
    before = _snapshot()
    resp = client.post(reverse("deadlines:calendar"), {"year": "2027", "text": "2027-01-01,放假,元旦\n", "source": "x"})
    if key == "sys_admin":
        assert resp.status_code in (200, 302)
    else:
        assert resp.status_code in (403, 404)
        assert _snapshot() == before
