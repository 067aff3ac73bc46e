"""Clocks through the API: ClockPolicy's scope (the clock's responsible unit), the engine's explanation and the rule's
legal basis with every clock, 404 without deadlines.clock.view."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.deadlines.services import clock_start


@pytest.fixture
def clocks(city, persona):
    office = persona("office_staff", "justice")
    # any record can carry a clock; the units themselves will do
    return {
        unit: clock_start(
            obj=city[unit],
            rule_id="reconsideration.acceptance",
            trigger_date=dt.date(2026, 11, 2),
            by=office,
            unit=city[unit],
        )
        for unit in ("justice", "district_market")
    }


@pytest.mark.django_db
def test_a_district_key_lists_only_its_units_clocks_with_their_explanation(city, clocks):
    key = bearer(key_for(account_with(["deadlines.clock.view"], unit=city["district"], scope="unit_and_below"))[1])
    c = Client()
    items = c.get("/api/v1/clocks/", {"state": "open"}, **key).json()["items"]
    assert [i["id"] for i in items] == [clocks["district_market"].pk]
    clock = items[0]
    assert (clock["trigger_date"], clock["due_date"], clock["rule"]) == (
        "2026-11-02",
        "2026-11-09",
        "复议申请受理审查期限",
    )
    assert clock["basis"] == "《行政复议法》（2023年修订）第三十条、第八十八条"
    assert clock["explanation"][0].startswith("规则：复议申请受理审查期限") and len(clock["explanation"]) >= 3
    assert c.get(f"/api/v1/clocks/{clocks['justice'].pk}/", **key).status_code == 404
    assert c.get(f"/api/v1/clocks/{clocks['district_market'].pk}/", **key).json()["id"] == clocks["district_market"].pk


@pytest.mark.django_db
def test_without_the_clock_action_the_clocks_answer_404(city, clocks):
    key = bearer(key_for(account_with(["orgs.unit.view"], unit=city["justice"], scope="all"))[1])
    assert Client().get("/api/v1/clocks/", **key).status_code == 404
    assert Client().get(f"/api/v1/clocks/{clocks['justice'].pk}/", **key).status_code == 404
