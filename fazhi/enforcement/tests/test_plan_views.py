"""The plan pages: a liaison makes its body's plan, adds an item and records the approval; an inspection outside it
shows the flag; the office sets a quiet period."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.enforcement.models import InspectionPlan, QuietPeriod
from fazhi.enforcement.services import matter_save

from .factories import body_with_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(city):
    b = body_with_staff(city["market"])["body"]
    matter_save(by="t", body=b, code="JC-001", name="食品经营检查", kind="inspection", basis="x")
    return b


def test_a_liaison_makes_and_approves_its_plan(body, persona, login_client):
    c = login_client(persona("dept_liaison", unit="market"))
    today = dt.date.today()
    r = c.post("/enforcement/plans/", {"body": body.pk, "year": today.year, "special_quota": 2})
    plan = InspectionPlan.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/enforcement/plans/{plan.pk}/"
    refused = c.post(
        f"/enforcement/plans/{plan.pk}/",
        {"act": "item", "item-matter_code": "CF-001", "item-subjects": "x", "item-frequency": 1},
    )
    assert refused.status_code == 400 and "不是行政检查事项" in refused.content.decode()
    c.post(
        f"/enforcement/plans/{plan.pk}/",
        {"act": "item", "item-matter_code": "JC-001", "item-subjects": "食品经营者", "item-frequency": 1},
    )
    r = c.post(
        f"/enforcement/plans/{plan.pk}/",
        {
            "act": "approve",
            "approve-version": 1,
            "approve-approved_by": "示范市人民政府",
            "approve-approved_on": today.isoformat(),
            "approve-filed_on": today.isoformat(),
        },
    )
    plan.refresh_from_db()
    assert r.status_code == 302 and plan.approved_on == today and plan.items.count() == 1
    page = c.get(f"/enforcement/plans/{plan.pk}/").content.decode()
    assert "示范市人民政府" in page and 'id="do-item"' not in page
    assert c.get("/enforcement/plans/quiet/new/").status_code in (403, 404)  # the office sets quiet periods


def test_the_office_sets_a_quiet_period(body, persona, login_client):
    c = login_client(persona("office_staff"))
    r = c.post(
        "/enforcement/plans/quiet/new/",
        {
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-31",
            "reason": "新开办企业无事不扰",
            "enterprise_codes": "913501",
        },
    )
    assert r.status_code == 400 and "913501：" in r.content.decode() and QuietPeriod.objects.count() == 0
    r = c.post(
        "/enforcement/plans/quiet/new/",
        {"starts_on": "2026-05-01", "ends_on": "2026-05-31", "reason": "新开办企业无事不扰", "enterprise_codes": ""},
    )
    assert r.status_code == 302
    assert "新开办企业无事不扰" in c.get("/enforcement/plans/").content.decode()
