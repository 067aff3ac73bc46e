"""Pages of 法治督察: the plan's list and page with its steps, the finding's page as the unit and as the team; a
refused form keeps what the user typed and names the field; the unit's board lists the finding."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.inspections.models import Finding
from fazhi.supervision.states import ItemState

from .factories import days, finding, pdf, plan_underway

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(persona):
    return persona("office_staff")


@pytest.fixture
def liaison(persona):
    return persona("dept_liaison", unit="market")


def test_plan_pages_for_the_office(city, leader, login_client):
    p = plan_underway(city, leader)
    c = login_client(leader)
    r = c.get(reverse("inspections:plan_list"))
    assert r.status_code == 200 and "行政执法专项督察" in r.content.decode()
    r = c.get(reverse("inspections:plan", args=[p.pk]))
    html = r.content.decode()
    assert r.status_code == 200
    assert 'id="act-fieldwork"' in html and 'id="act-finding"' in html and 'id="act-complete"' in html
    assert "组长：" in html


def test_new_plan_form_creates_one_plan(city, leader, login_client):
    c = login_client(leader)
    data = {
        "year": days(0).year,
        "kind": "special",
        "title": "执法专项督察",
        "organizer": city["justice"].pk,
        "start_on": days(0).isoformat(),
        "end_on": days(10).isoformat(),
    }
    r = c.post(reverse("inspections:plan_new"), data)
    assert r.status_code == 302
    r = c.post(reverse("inspections:plan_new"), {**data, "kind": "revisit"})
    html = r.content.decode()
    assert r.status_code == 200 and "督察回头看须选择所回头看的督察。" in html and 'value="执法专项督察"' in html


def test_a_finding_without_a_unit_is_refused_on_the_page_keeping_the_input(city, leader, login_client):
    p = plan_underway(city, leader)
    c = login_client(leader)
    r = c.post(
        reverse("inspections:plan_act", args=[p.pk, "finding"]),
        {
            "text": "执法公示栏未更新",
            "basis": "处罚法第三十九条",
            "severity": "minor",
            "found_on": days(0).isoformat(),
            "due_on": days(10).isoformat(),
        },
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "责任单位：请选择问题的责任单位。" in html and "执法公示栏未更新" in html
    assert Finding.objects.count() == 0
    r = c.post(
        reverse("inspections:plan_act", args=[p.pk, "finding"]),
        {
            "responsible_unit": city["market"].pk,
            "text": "执法公示栏未更新",
            "basis": "处罚法第三十九条",
            "severity": "minor",
            "found_on": days(0).isoformat(),
            "due_on": days(-1).isoformat(),
        },
    )
    assert r.status_code == 400 and "整改期限：整改期限" in r.content.decode()
    assert Finding.objects.count() == 0


def test_the_unit_rectifies_on_the_finding_page_and_sees_it_on_its_board(city, leader, liaison, login_client):
    p = plan_underway(city, leader)
    f = finding(p, leader, city["market"])
    c = login_client(liaison)
    r = c.get(reverse("supervision:unit_board"))
    assert "法治督察整改：行政执法专项督察问题1" in r.content.decode()
    assert c.get(reverse("inspections:plan", args=[p.pk])).status_code == 404  # a unit sees findings, not plans
    r = c.get(reverse("inspections:finding", args=[f.pk]))
    assert r.status_code == 200 and 'id="act-measures"' in r.content.decode()
    assert c.post(reverse("inspections:finding_act", args=[f.pk, "measures"]), {"text": "专人更新"}).status_code == 302
    r = c.post(
        reverse("inspections:finding_act", args=[f.pk, "report"]),
        {"text": "已全部更新", "complete": "on", "files": [pdf()]},
    )
    assert r.status_code == 302
    f.refresh_from_db()
    assert f.item.state == ItemState.SUBMITTED
    assert c.post(reverse("inspections:finding_act", args=[f.pk, "accept"]), {}).status_code == 404
    t = login_client(leader)
    r = t.get(reverse("inspections:finding", args=[f.pk]))
    assert 'id="act-accept"' in r.content.decode() and 'id="act-return"' in r.content.decode()
    assert t.post(reverse("inspections:finding_act", args=[f.pk, "accept"]), {"note": "到位"}).status_code == 302
    f.refresh_from_db()
    assert f.item.state == ItemState.CLOSED and f.closed_on == days(0)


def test_a_close_without_evidence_is_refused_on_the_page(city, leader, liaison, login_client):
    from fazhi.inspections import services as s

    p = plan_underway(city, leader)
    f = finding(p, leader, city["market"])
    s.finding_measures(finding=f, by=liaison, text="方案")
    s.finding_report(finding=f, by=liaison, text="完成", complete=True)
    r = login_client(leader).post(reverse("inspections:finding_act", args=[f.pk, "accept"]), {"note": "同意"})
    assert r.status_code == 400 and "销号须有佐证材料" in r.content.decode()
    f.refresh_from_db()
    assert f.item.state == ItemState.SUBMITTED


def test_finding_list_is_scoped(city, leader, liaison, persona, login_client):
    p = plan_underway(city, leader)
    finding(p, leader, city["market"], text="市场监管局的问题")
    finding(p, leader, city["district"], text="东城区的问题")
    html = login_client(liaison).get(reverse("inspections:finding_list")).content.decode()
    assert "市场监管局的问题" in html and "东城区的问题" not in html
    html = login_client(leader).get(reverse("inspections:finding_list")).content.decode()
    assert "市场监管局的问题" in html and "东城区的问题" in html


def test_fieldwork_is_recorded_on_the_plan_page(city, leader, login_client):
    p = plan_underway(city, leader)
    c = login_client(leader)
    r = c.post(
        reverse("inspections:plan_act", args=[p.pk, "fieldwork"]),
        {
            "target": p.targets.get(unit=city["market"]).pk,
            "checklist_item": p.checklist.get(number=1).pk,
            "method": "documents",
            "on": days(0).isoformat(),
            "has_finding": "on",
            "note": "公示栏信息未更新。",
        },
    )
    assert r.status_code == 302, r.content.decode()[-3000:]
    html = c.get(reverse("inspections:plan", args=[p.pk])).content.decode()
    assert "查阅资料" in html and "公示栏信息未更新。" in html
