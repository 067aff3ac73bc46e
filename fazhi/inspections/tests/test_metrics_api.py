"""Figures (findings, rectified, overdue, rate) on a known set, scoped to the viewer; the read API."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.deadlines.selectors import today_local
from fazhi.inspections import services as s
from fazhi.metrics.selectors import metric_value

from .factories import finding, pdf, plan_underway

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(persona):
    return persona("office_staff")


def known_set(city, leader, liaison):
    """Four findings: market ×2 (one closed today), district ×2 (one due in 3 days)."""
    p = plan_underway(city, leader)
    a = finding(p, leader, city["market"], due=20)
    finding(p, leader, city["market"], due=40)
    finding(p, leader, city["district"], due=3)
    finding(p, leader, city["district"], due=60)
    s.finding_measures(finding=a, by=liaison, text="方案")
    s.finding_report(finding=a, by=liaison, text="完成", files=[pdf()], complete=True)
    s.finding_accept(finding=a, by=leader)
    return p


def value(key, *, viewer=None, unit=None, year=None):
    return metric_value(key, period=year or today_local().year, viewer=viewer, unit=unit)["value"]


def test_figures_on_a_known_set(city, leader, persona):
    liaison = persona("dept_liaison", unit="market")
    known_set(city, leader, liaison)
    assert value("inspections.findings") == 4
    assert value("inspections.rectified") == 1
    assert value("inspections.overdue") == 0
    assert value("inspections.rectification_rate") == 25.0
    assert value("inspections.findings", viewer=liaison) == 2
    assert value("inspections.findings", unit=city["district"]) == 2
    later = dt.datetime.combine(today_local() + dt.timedelta(days=10), dt.time(10), ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(later, tick=False):
        y = today_local().year
        assert value("inspections.overdue", year=y) == (1 if later.year == y else 0)


def test_records_behind_a_figure_are_those_counted(city, leader, persona):
    liaison = persona("dept_liaison", unit="market")
    p = known_set(city, leader, liaison)
    closed = p.findings.get(number=1)
    v = metric_value("inspections.rectified", period=today_local().year, records=True)
    assert v["records"] == [closed.pk]


def test_api_lists_plans_and_findings_in_scope(city, leader, persona):
    from django.test import Client

    from fazhi.api.tests.factories import account_with, bearer, key_for

    liaison = persona("dept_liaison", unit="market")
    p = known_set(city, leader, liaison)
    c = Client()
    office = bearer(
        key_for(account_with(["inspections.plan.view", "inspections.finding.view"], unit=city["justice"], scope="all"))[
            1
        ]
    )
    plans = c.get("/api/v1/inspections/plans/", **office).json()["items"]
    assert [(x["id"], x["kind"], x["state"]) for x in plans] == [(p.pk, "special", "underway")]
    detail = c.get(f"/api/v1/inspections/plans/{p.pk}/", **office).json()
    assert detail["counts"] == {"open": 3, "planned": 0, "submitted": 0, "closed": 1, "total": 4}
    assert [t["unit"] for t in detail["targets"]] == ["示范市市场监督管理局", "示范市东城区人民政府"]
    unit = bearer(key_for(account_with(["inspections.finding.view"], unit=city["market"], scope="unit"))[1])
    items = c.get("/api/v1/inspections/findings/?ordering=id", **unit).json()["items"]
    assert [(x["number"], x["status"]) for x in items] == [(1, "closed"), (2, "open")]
    one = c.get(f"/api/v1/inspections/findings/{items[0]['id']}/", **unit).json()
    assert [(r["kind"], r["attachments"]) for r in one["reports"]] == [("progress", 0), ("completion", 1)]
    assert [r["decision"] for r in one["reviews"]] == ["accepted"]
    district = p.findings.filter(responsible_unit=city["district"]).first()
    assert c.get(f"/api/v1/inspections/findings/{district.pk}/", **unit).status_code == 404
    assert c.get(f"/api/v1/inspections/plans/{p.pk}/", **unit).status_code in (403, 404)
