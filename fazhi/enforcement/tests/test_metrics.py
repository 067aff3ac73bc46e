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


# ------------------------------------------------------------------------------------------------ kept counts

CASE_KEYS = [
    "enforcement.cases",
    "enforcement.decided",
    "enforcement.decided_late",
    "enforcement.review_required",
    "enforcement.reviewed",
    "enforcement.review_rate",
    "enforcement.review_defects",
    "enforcement.publication_due",
    "enforcement.published_on_time",
    "enforcement.publication_rate",
    "enforcement.amount",
    "enforcement.tier_defects",
]


def _case_values(**kw):
    from fazhi.metrics.selectors import metric_values

    return {k[len("enforcement.") :]: v["value"] for k, v in metric_values(CASE_KEYS, period=2026, **kw).items()}


def _edit(case, **kw):
    from fazhi.enforcement.services import case_update

    from .factories import BY, case_input

    case.refresh_from_db()
    values = {
        "number": case.number,
        "matter_code": case.matter.code,
        "filed_on": case.filed_on,
        "decided_on": case.decided_on,
        "decision": case.decision,
        "amount": case.amount,
        "published_on": case.published_on,
        "reviewer": case.reviewer,
        "reviewer_qualified": case.reviewer_qualified,
        "reviewed_on": case.reviewed_on,
        "officer_numbers": list(case.officers.values_list("certificate_number", flat=True)),
        **kw,
    }
    return case_update(by=BY, case=case, data=case_input(**values), version=case.version)


def test_the_case_figures_read_kept_counts_equal_to_a_live_recount(known):
    from decimal import Decimal

    from fazhi.enforcement.metrics import SOURCE
    from fazhi.metrics.models import TallyState
    from fazhi.metrics.tallies import tally_ready, tally_recount, tally_stored

    assert tally_ready("enforcement")  # built at migrate: the figures below are the kept counts
    # edits move the counts in the same transaction: A's amount, C published late, D decided (a 法制审核 defect: CF-002
    # is in the 目录 and D has no review) and published on time
    _edit(known["a"], amount=Decimal("12345.67"))
    _edit(known["c"], published_on=D(2026, 7, 31))
    _edit(known["d"], matter_code="CF-002", decided_on=D(2026, 11, 20), decision="fine", published_on=D(2026, 11, 23))
    assert tally_stored(SOURCE) == tally_recount(SOURCE)
    expected = {
        "amount": 15345.67,
        "cases": 4,
        "decided": 5,
        "decided_late": 1,
        "publication_due": 5,
        "publication_rate": 60.0,
        "published_on_time": 3,
        "review_defects": 2,
        "review_rate": 33.33,
        "review_required": 3,
        "reviewed": 1,
        "tier_defects": 0,
    }
    assert _case_values() == expected
    market = {**expected, "amount": 14345.67, "cases": 4, "decided": 4, "publication_due": 4}
    market.update(published_on_time=2, publication_rate=50.0)
    assert _case_values(unit="C002") == market
    TallyState.objects.filter(source="enforcement").delete()  # not built: the same figures counted live
    assert not tally_ready("enforcement")
    assert _case_values() == expected
    assert _case_values(unit="C002") == market


def test_bulk_sql_is_followed_by_a_rebuild(known):
    from fazhi.enforcement.metrics import SOURCE
    from fazhi.enforcement.models import Case
    from fazhi.metrics.tallies import tally_recount, tally_stored

    Case.objects.filter(pk=known["d"].pk).update(filed_on=D(2025, 6, 1))  # no signal: the kept count is stale
    assert _case_values()["cases"] == 4
    call_command("metrics", "rebuild", "enforcement", stdout=io.StringIO())
    assert tally_stored(SOURCE) == tally_recount(SOURCE)
    assert _case_values()["cases"] == 3


def test_an_amount_is_kept_as_counts_of_its_digits():
    from decimal import Decimal

    from fazhi.enforcement.metrics import amount_digits, case_flags, figures_of

    assert list(amount_digits(Decimal("12345.67"))) == [(0, 7), (1, 6), (2, 5), (3, 4), (4, 3), (5, 2), (6, 1)]
    assert list(amount_digits(Decimal("5000.00"))) == [(5, 5)]
    assert list(amount_digits(None)) == []
    row = {"decision_late": True, "review_required": False, "review_defect": True, "published_on_time": True}
    assert case_flags({**row, "tier_defect": False}) == "lp"  # a defect counts only where review is required
    sums = {"enforcement.amount": {"0": 7, "1": 6, "2": 5, "3": 4, "4": 3, "5": 7, "6": 1}}
    assert figures_of(sums)["amount"] == 17345.67
