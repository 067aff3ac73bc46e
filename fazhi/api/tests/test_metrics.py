"""Metrics through the API: the list with each metric's 口径, and a value counted within the caller's data scope —
a district key counts its district's cases only, a city-wide key all of them; an unknown metric is a 404, a bad
year or period a 400 naming the field."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput

VIEW = ["cases.case.view", "litigation.case.view", "metrics.definitions.view"]


@pytest.fixture
def lawsuits(city, persona):
    from fazhi.dockets.litigation.services import litigation_register

    handler = persona("reconsideration_handler", "justice")
    for n, unit in enumerate(["justice", "justice", "district_market"], start=1):
        litigation_register(
            by=handler,
            handling_unit=city[unit],
            court="示范市东城区人民法院",
            court_case_number=f"（2025）示0101行初{n}号",
            plaintiff=PartyInput(role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X"),
            cause="不服行政处罚决定",
            instance="first",
            served_on=dt.date(2025, 3, n),
            defendant_unit=city["market"],
        )


def _key(city, unit, scope):
    return bearer(key_for(account_with(VIEW, unit=city[unit], scope=scope))[1])


@pytest.mark.django_db
def test_the_list_gives_every_metric_with_its_definition(city, builtin_roles):
    items = Client().get("/api/v1/metrics/", **_key(city, "justice", "all")).json()["items"]
    by_key = {m["key"]: m for m in items}
    assert by_key["litigation.lost_rate"]["unit"] == "%" and by_key["litigation.lost_rate"]["definition"]
    assert by_key["reconsideration.closed"]["breakdown"] == "结案结果"


@pytest.mark.django_db
def test_a_value_counts_only_what_the_caller_may_see(city, lawsuits):
    c = Client()
    everything = c.get("/api/v1/metrics/litigation.received/", {"year": 2025}, **_key(city, "justice", "all")).json()
    district = c.get("/api/v1/metrics/litigation.received/", {"year": 2025}, **_key(city, "district", "unit_and_below"))
    assert (everything["value"], district.json()["value"]) == (3, 1)
    assert everything["year"] == 2025 and everything["period"] == ""
    q1 = c.get(
        "/api/v1/metrics/litigation.received/", {"year": 2025, "period": "Q2"}, **_key(city, "justice", "all")
    ).json()
    assert q1["value"] == 0


@pytest.mark.django_db
def test_unknown_metric_and_bad_input(city, builtin_roles):
    key = _key(city, "justice", "all")
    c = Client()
    assert c.get("/api/v1/metrics/nope.nothing/", {"year": 2025}, **key).status_code == 404
    bad_year = c.get("/api/v1/metrics/litigation.received/", {"year": 1800}, **key).json()["error"]
    assert (bad_year["code"], bad_year["field"]) == ("bad_year", "year")
    bad_period = c.get("/api/v1/metrics/litigation.received/", {"year": 2025, "period": "Q9"}, **key).json()["error"]
    assert bad_period["field"] == "period"
    assert (
        c.get("/api/v1/metrics/litigation.received/", {"year": 2025, "unit": "ZZZ"}, **key).json()["error"]["field"]
        == "unit"
    )


@pytest.mark.django_db
def test_without_the_definitions_action_the_metrics_answer_404(city, builtin_roles):
    key = bearer(key_for(account_with(["cases.case.view"], unit=city["justice"], scope="all"))[1])
    c = Client()
    assert c.get("/api/v1/metrics/", **key).status_code == 404
    assert c.get("/api/v1/metrics/litigation.received/", {"year": 2025}, **key).status_code == 404
