"""Every 建议提案 metric equals the plain recount on a known set (exact numbers), and `fazhi stats proposals`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.cases.stats import stats_drill, stats_figures
from fazhi.dockets.proposals import services as s
from fazhi.dockets.proposals.stats import KEYS, proposals_case_sets, proposals_statistics
from fazhi.metrics.periods import Period

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def known(ready, item, handler, head, office, city, persona):
    """Five items handed over on 2 March 2026 (four to 市市场监管局, one to 市财政局)."""
    c1 = s.case_send(case=ready(number="1"), by=handler, on=D(2026, 4, 1))  # A, on time
    c1 = s.case_rate(case=c1, by=handler, on=D(2026, 4, 10), rating="satisfied")
    c1 = s.case_close(case=c1, by=office, on=D(2026, 4, 12))
    c2 = s.case_send(case=ready(number="2", result_class="C"), by=handler, on=D(2026, 6, 3))  # C, late (due 6/2)
    c2 = s.case_rate(case=c2, by=handler, on=D(2026, 6, 10), rating="unsatisfied")
    c2 = s.case_contact(case=c2, by=handler, on=D(2026, 6, 12), form="meeting")
    c2 = s.case_draft(case=c2, by=handler, result_class="A", text="重新办理")
    c2 = s.case_sign_off(case=c2, by=head, on=D(2026, 6, 15))
    c2 = s.case_send(case=c2, by=handler, on=D(2026, 6, 20))
    c2 = s.case_rate(case=c2, by=handler, on=D(2026, 6, 25), rating="basic")
    c3 = ready(number="3", result_class="B", commitments=[("建停车场", D(2027, 3, 31))])
    c3 = s.case_send(case=c3, by=handler, on=D(2026, 4, 1))  # B, on time, one open commitment
    c3 = s.case_rate(case=c3, by=handler, on=D(2026, 4, 10), rating="satisfied")
    ready(number="4")  # signed and drafted, not sent
    fin, fin_head = persona("dept_liaison", "finance"), persona("proposal_head", "finance")
    c5 = s.case_sign(case=item(number="5", lead_unit=city["finance"]), by=fin, on=D(2026, 3, 3))
    c5 = s.case_contact(case=c5, by=fin, on=D(2026, 3, 10), form="phone")
    c5 = s.case_draft(case=c5, by=fin, result_class="A", text="已解决")
    c5 = s.case_sign_off(case=c5, by=fin_head, on=D(2026, 3, 20))
    s.case_send(case=c5, by=fin, on=D(2026, 4, 1))
    return {"c1": c1, "c2": c2, "c3": c3}


YEAR = {
    "received": 5,
    "answered": 4,
    "on_time": 3,
    "on_time_rate": 75.0,
    "class_a": 2,
    "class_b": 1,
    "class_c": 1,
    "class_d": 0,
    "closed": 1,
    "rated": 3,
    "satisfied": 3,
    "satisfaction_rate": 100.0,
    "rehandled": 1,
    "open_commitments": 1,
}


def _registry(period, unit=None):
    f = stats_figures(docket="proposals", year=period, unit_code=unit)
    return {k: f[k] for k in YEAR}


def test_every_metric_equals_the_recount_on_a_known_set(known):
    recount = proposals_statistics(year=2026)
    assert {k: recount[k] for k in YEAR} == YEAR
    assert _registry(2026) == YEAR
    assert recount["outcomes"] == stats_figures(docket="proposals", year=2026)["outcomes"]
    assert recount["outcomes"][0] == {"code": "A", "label": "A类", "count": 1}


def test_the_unit_filter_and_a_quarter(known):
    market = _registry(2026, "C002")
    assert market["received"] == 4
    assert (market["answered"], market["on_time"], market["on_time_rate"]) == (3, 2, 66.67)
    recount = proposals_statistics(year=2026, unit_code="C002")
    assert {k: recount[k] for k in YEAR} == market
    q2 = _registry(Period(2026, "Q2"))
    assert (q2["received"], q2["answered"], q2["rated"], q2["rehandled"], q2["closed"]) == (0, 4, 3, 1, 1)
    q1 = _registry(Period(2026, "Q1"))
    assert (q1["received"], q1["answered"], q1["open_commitments"]) == (5, 0, 0)


def test_the_records_behind_each_number_are_the_recounts_sets(known):
    sets = proposals_case_sets(year=2026)
    for key in KEYS:
        assert sorted(stats_drill(docket="proposals", key=key, year=2026).values_list("pk", flat=True)) == sets[key]
    assert sets["rehandled"] == [known["c2"].pk]
    assert sets["open_commitments"] == [known["c3"].pk]


def test_the_satisfied_set_is_a_setting(known, settings):
    settings.FAZHI_PROPOSALS = {**settings.FAZHI_PROPOSALS, "SATISFIED": ["satisfied"]}
    f = _registry(2026)
    assert (f["satisfied"], f["satisfaction_rate"]) == (2, 66.67)
    assert proposals_statistics(year=2026)["satisfied"] == 2


def _stats(*args):
    out = io.StringIO()
    call_command("stats", "proposals", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_command_json(known):
    data = _stats("--year", "2026")
    assert (data["docket"], data["year"], data["unit"]) == ("proposals", 2026, "")
    assert "period" not in data
    assert {k: data[k] for k in YEAR} == YEAR
    q2 = _stats("--year", "2026", "--unit", "C002", "--period", "Q2")
    assert (q2["year"], q2["unit"], q2["period"], q2["answered"]) == (2026, "C002", "Q2", 3)


def test_the_command_answers_on_an_empty_city(city):
    data = _stats("--year", "2026")
    assert (data["received"], data["on_time_rate"], data["unit"]) == (0, None, "")
