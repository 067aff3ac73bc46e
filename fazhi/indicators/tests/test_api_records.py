"""The sources through the API: read-only lists within the caller's scope, the pass rate per unit and the year's
figures equal to the registry's; without the action nothing is returned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.indicators.services_records import (
    AbilityRow,
    ability_test_import,
    adviser_engage,
    adviser_register,
    duty_report_record,
    study_session_record,
)
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def made(city, persona):
    office = persona("office_staff", "justice")
    for unit, name in (("market", "张局长"), ("finance", "赵局长")):
        duty_report_record(
            by=office,
            unit=city[unit],
            year=2026,
            reporter=name,
            post="局长",
            heard_on=D(2026, 11, 20),
            heard_by="市委全面依法治市委员会",
            text="述法报告",
        )
    study_session_record(
        by=office, unit=city["market"], kind="court", held_on=D(2026, 5, 1), topic="旁听庭审", attendance=30
    )
    rows = [
        AbilityRow(row=2, unit=city["market"], person="甲", staff_no="", score=Decimal(90)),
        AbilityRow(row=3, unit=city["market"], person="乙", staff_no="", score=Decimal(30)),
        AbilityRow(row=4, unit=city["finance"], person="丙", staff_no="", score=Decimal(61)),
    ]
    ability_test_import(by=office, owner=city["justice"], name="考试", held_on=D(2026, 9, 1), rows=rows)
    firm = adviser_register(by=office, kind="firm", name="示范律师事务所")
    adviser_engage(by=office, adviser=firm, unit=city["market"], starts_on=D(2026, 1, 1), fee=Decimal(5000))


def _key(city, actions, unit="market", scope="unit"):
    return bearer(key_for(account_with(actions, unit=city[unit], scope=scope))[1])


def test_a_unit_scoped_key_reads_its_own_records_only(made, city):
    c = Client()
    key = _key(city, ["indicators.record.view"])
    items = c.get("/api/v1/indicators/duty-reports/?year=2026", **key).json()["items"]
    assert [(i["unit"], i["reporter"], i["heard_on"], i["has_file"]) for i in items] == [
        ("C002", "张局长", "2026-11-20", False)
    ]
    study = c.get("/api/v1/indicators/study-sessions/?kind=court", **key).json()["items"]
    assert [(s["unit"], s["kind"], s["attendance"]) for s in study] == [("C002", "court", 30)]
    rates = c.get("/api/v1/indicators/tests/pass-rates/?year=2026", **key).json()
    assert rates == {"year": 2026, "items": [{"unit": "C002", "takers": 2, "passed": 1, "rate": 50.0}]}
    eng = c.get("/api/v1/indicators/adviser-engagements/", **key).json()["items"]
    assert [(e["adviser"], e["unit"], e["ends_on"], e["fee"]) for e in eng] == [
        ("示范律师事务所", "C002", None, 5000.0)
    ]


def test_the_figures_are_the_registry_values(made, city):
    c = Client()
    key = _key(city, ["indicators.record.view"], unit="justice", scope="all")
    figures = {f["key"]: f for f in c.get("/api/v1/indicators/source-figures/?year=2026", **key).json()["figures"]}
    assert (
        figures["indicators.test_pass_rate"]["value"] == metric_value("indicators.test_pass_rate", period=2026)["value"]
    )
    assert figures["indicators.test_pass_rate"]["value"] == 66.67
    assert (figures["indicators.duty_coverage"]["numerator"], figures["indicators.duty_coverage"]["denominator"]) == (
        2,
        6,
    )


def test_without_the_action_the_lists_are_refused(made, city):
    c = Client()
    key = _key(city, ["indicators.set.view"])
    assert c.get("/api/v1/indicators/duty-reports/", **key).status_code == 404  # as for a missing record
    assert (
        c.get("/api/v1/indicators/study-sessions/?kind=nope", **_key(city, ["indicators.record.view"])).status_code
        == 400
    )
