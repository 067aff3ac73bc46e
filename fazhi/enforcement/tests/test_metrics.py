"""The figures of 行政执法 on a known data set: `fazhi stats enforcement` (the dockets' JSON envelope), the
registry's values, the records behind them and the viewer's scope."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.metrics.selectors import metric_value

from .factories import body_with_staff, case_made

D = dt.date
pytestmark = pytest.mark.django_db

EMPTY = {
    "amount": 0.0,
    "cases": 0,
    "check_findings_open": 0,
    "checks": 0,
    "complaints": 0,
    "complaints_closed": 0,
    "complaints_late": 0,
    "decided": 0,
    "decided_late": 0,
    "inspections": 0,
    "inspections_outside_plan": 0,
    "inspections_over_cap": 0,
    "inspections_over_quota": 0,
    "inspections_special": 0,
    "plans_filed": 0,
    "publication_due": 0,
    "publication_rate": None,
    "published_on_time": 0,
    "review_defects": 0,
    "review_defects_open": 0,
    "review_graded": 0,
    "review_pass_rate": None,
    "review_passed": 0,
    "review_rate": None,
    "review_required": 0,
    "reviewed": 0,
    "tier_defects": 0,
    "unit": "",
    "year": 2026,
}


def _stats(*args):
    out = io.StringIO()
    call_command("stats", "enforcement", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def known(city):
    market = body_with_staff(city["market"])["body"]
    finance = body_with_staff(city["finance"], prefix="CZ")["body"]
    cases = {
        # decided 1 Apr, published 3 Apr (due: 7 working days → 13 Apr … on time); 5,000 yuan
        "a": case_made(
            market,
            number="A",
            decided_on=D(2026, 4, 1),
            decision="fine",
            amount=5000,
            published_on=D(2026, 4, 3),
        ),
        # in the 法制审核目录, reviewed the day before; decided 10 Apr, published 20 May (due 21 Apr: late)
        "b": case_made(
            market,
            number="B",
            matter_code="CF-002",
            reviewer="刘审核",
            reviewer_qualified=True,
            reviewed_on=D(2026, 4, 9),
            decided_on=D(2026, 4, 10),
            decision="licence",
            published_on=D(2026, 5, 20),
        ),
        # filed Mon 5 Jan: day 90 = Sun 5 Apr (清明 4–6 Apr) → due Tue 7 Apr; decided 30 Jun (late), no review, not
        # published; 2,000 yuan
        "c": case_made(
            market,
            number="C",
            matter_code="CF-002",
            filed_on=D(2026, 1, 5),
            decided_on=D(2026, 6, 30),
            decision="fine",
            amount=2000,
        ),
        "d": case_made(market, number="D", filed_on=D(2026, 11, 2)),
        # the finance bureau's: filed in 2025, decided 20 Jan 2026, published 22 Jan; 1,000 yuan
        "e": case_made(
            finance,
            number="E",
            filed_on=D(2025, 12, 15),
            decided_on=D(2026, 1, 20),
            decision="fine",
            amount=1000,
            published_on=D(2026, 1, 22),
            officer_numbers=["CZ-A"],
        ),
    }
    return cases


def test_an_empty_city_answers_zeros_with_exit_status_0(db):
    assert _stats("--year", "2026") == EMPTY


def test_the_known_data_set_for_the_year(known):
    assert _stats("--year", "2026") == {
        **EMPTY,
        "amount": 8000.0,
        "cases": 4,
        "decided": 4,
        "decided_late": 1,
        "publication_due": 4,
        "publication_rate": 50.0,
        "published_on_time": 2,
        "review_defects": 1,
        "review_rate": 50.0,
        "review_required": 2,
        "reviewed": 1,
    }


def test_a_unit_and_a_period(known):
    finance = _stats("--year", "2026", "--unit", "C003")
    assert finance == {
        **EMPTY,
        "unit": "C003",
        "amount": 1000.0,
        "decided": 1,
        "publication_due": 1,
        "publication_rate": 100.0,
        "published_on_time": 1,
    }
    q1 = _stats("--year", "2026", "--period", "Q1")
    assert (q1["period"], q1["cases"], q1["decided"], q1["publication_rate"]) == ("Q1", 3, 1, 100.0)
    q2 = _stats("--year", "2026", "--period", "Q2")
    assert (q2["decided"], q2["review_required"], q2["review_rate"], q2["publication_rate"]) == (3, 2, 50.0, 33.33)


def test_bad_input_exits_2(db):
    with pytest.raises(SystemExit) as exc:
        call_command("stats", "enforcement", "--year", "26", "--json")
    assert exc.value.code == 2


def test_the_records_behind_the_rates_and_the_viewers_scope(known, persona):
    v = metric_value("enforcement.review_rate", period=2026, records=True)
    assert v["records"] == {"numerator": [known["b"].pk], "denominator": sorted([known["b"].pk, known["c"].pk])}
    p = metric_value("enforcement.publication_rate", period=2026, records=True)
    assert p["records"]["numerator"] == sorted([known["a"].pk, known["e"].pk])
    liaison = persona("dept_liaison", unit="finance")
    assert metric_value("enforcement.decided", period=2026, viewer=liaison)["value"] == 1
    office = persona("office_staff")
    assert metric_value("enforcement.decided", period=2026, viewer=office)["value"] == 4
