"""信访 figures on a known set, exact: the registry's metrics equal the plain recount, `fazhi stats petitions --json`
carries year, unit and period, 诉访分离 is counted apart, an empty city answers with exit status 0."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.cases.services import PartyInput
from fazhi.cases.stats import stats_get
from fazhi.dockets.petitions import services as s
from fazhi.metrics.models import TallyState
from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_value
from fazhi.metrics.tallies import SOURCES, tally_recount, tally_stored

from .conftest import OTHER_ID

pytestmark = pytest.mark.django_db
D = dt.date
THIRD_ID = "110105198001010032"


@pytest.fixture
def known(petition, handler, city):
    """A: claim, on-time opinion, then 复查 asked; B: claim, late opinion; C: suggestion replied on time; D: routed
    to litigation; E: joint (3) at the 信访部门, transferred to the finance bureau (F); G: not accepted; H: A's
    petitioner again about the same object (repeat); I: received in 2024, accepted in 2025."""
    a = petition(received=D(2025, 3, 3))
    s.case_accept(case=a, by=handler, on=D(2025, 3, 4))
    s.case_decide(case=a, by=handler, on=D(2025, 4, 1), outcome="support", facts="属实", opinion="支持")
    s.case_request_review(case=a, by=handler, on=D(2025, 4, 20))
    b = petition(received=D(2025, 3, 3), name="李四", id_number=OTHER_ID)
    s.case_accept(case=b, by=handler, on=D(2025, 3, 4))
    # 60 days after 3/4 → Sat 5/3, in 劳动节 rest → Tue 5/6; given 5/7: late
    s.case_decide(case=b, by=handler, on=D(2025, 5, 7), outcome="not_support", facts="无据", opinion="不予支持")
    c = petition(received=D(2025, 3, 5), type="suggestion", name="王五", id_number=THIRD_ID)
    s.case_accept(case=c, by=handler, on=D(2025, 3, 6))
    s.case_reply(case=c, by=handler, on=D(2025, 3, 20), content="已采纳")
    d = petition(received=D(2025, 3, 6), name="赵六", id_number="", object_unit=None, object_name="某公司")
    s.case_route(case=d, by=handler, on=D(2025, 3, 7), route="litigation")
    e = petition(
        received=D(2025, 3, 10),
        receiver="office",
        name="钱七",
        id_number="",
        joint_count=3,
        representatives=[PartyInput(role="applicant", name="孙八")],
    )
    s.case_transfer(case=e, by=handler, on=D(2025, 3, 11), to_unit=city["finance"])
    g = petition(received=D(2025, 6, 1), name="周九", id_number="", phone="13900000009")
    s.case_not_accept(case=g, by=handler, on=D(2025, 6, 2), reason="not_petition")
    h = petition(received=D(2025, 7, 1))
    i = petition(received=D(2024, 12, 20), name="吴十", id_number="", phone="13900000010")
    s.case_accept(case=i, by=handler, on=D(2025, 1, 2))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "g": g, "h": h, "i": i}


EXPECTED_2025 = {
    "received": 8,  # A B C D E F G H (F = E's transferred copy at the finance bureau)
    "repeat": 1,  # H
    "joint": 2,  # E and F
    "accepted": 4,  # A B C I
    "routed": 1,
    "transferred": 1,
    "not_accepted": 1,
    "handled": 3,  # A B C
    "on_time": 2,  # A C
    "on_time_rate": 66.67,
    "opinions": 2,
    "reviews": 1,
    "rereviews": 0,
    "closed": 4,  # C D E G
}


def stats(*args):
    out = io.StringIO()
    call_command("stats", "petitions", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_figures_on_the_known_set(known):
    got = stats("--year", "2025")
    assert {k: got[k] for k in EXPECTED_2025} == EXPECTED_2025
    assert (got["year"], got["unit"], "period" in got) == (2025, "", False)
    outcomes = {o["code"]: o["count"] for o in got["outcomes"] if o["count"]}
    assert outcomes == {"replied": 1, "routed.litigation": 1, "transferred": 1, "not_accepted": 1}
    assert metric_value("petitions.received", period=2025)["breakdown"] == [
        {"code": "suggestion", "label": "建议意见类", "value": 1},
        {"code": "accusation", "label": "检举控告类", "value": 0},
        {"code": "claim", "label": "申诉求决类", "value": 7},
    ]


def test_period_and_unit_filters(known):
    q1 = stats("--year", "2025", "--period", "Q1")
    assert q1["period"] == "Q1" and q1["year"] == 2025
    # Q1: received A B C D E F (6); accepted A B C I (4); handled C (3/20); opinions none (A 4/1, B 5/7)
    assert (q1["received"], q1["accepted"], q1["handled"], q1["on_time"], q1["opinions"]) == (6, 4, 1, 1, 0)
    finance = stats("--year", "2025", "--unit", "C003")
    assert (finance["unit"], finance["received"], finance["joint"], finance["closed"]) == ("C003", 1, 1, 0)
    y2024 = stats("--year", "2024")
    assert (y2024["received"], y2024["accepted"]) == (1, 0)


def test_registry_equals_the_plain_recount_and_the_kept_counts(known):
    compute = stats_get("petitions").fn("compute")
    for period in (Period(2025), Period(2025, "Q1"), Period(2025, "H2")):
        plain = compute(year=period)
        for m in metrics_all():
            if m.key.startswith("petitions."):
                assert metric_value(m.key, period=period)["value"] == plain[m.key.split(".", 1)[1]], m.key
    for source in SOURCES.values():
        if source.name == "petitions":
            assert tally_stored(source) == tally_recount(source)
    kept = {k: metric_value(f"petitions.{k}", period=2025)["value"] for k in EXPECTED_2025}
    TallyState.objects.filter(source="petitions").delete()
    live = {k: metric_value(f"petitions.{k}", period=2025)["value"] for k in EXPECTED_2025}
    assert kept == live == EXPECTED_2025


def test_records_behind_the_diverted_figure(known):
    got = metric_value("petitions.routed", period=2025, records=True)
    assert got["records"] == [known["d"].pk]
    assert metric_value("petitions.repeat", period=2025, records=True)["records"] == [known["h"].pk]


def test_an_empty_city_answers_with_zeros_and_exit_status_0(city):
    got = stats("--year", "2025")
    assert got["received"] == 0 and got["on_time_rate"] is None and got["unit"] == ""
