"""行政裁决 figures on a known set: exact numbers from `fazhi stats admin_ruling`, every metric equal to the recount,
exit 0 on an empty city."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.cases.stats import stats_get
from fazhi.dockets.admin_ruling import services as s
from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_value

from .conftest import RULING

pytestmark = pytest.mark.django_db
D = dt.date
KEYS = ("received", "accepted", "ruled", "on_time", "on_time_rate", "withdrawn", "closed")


def _stats(*args):
    out = io.StringIO()
    call_command("stats", "admin_ruling", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def known(apply, heard, handler, head):
    s.case_rule(case=heard(), by=head, on=D(2025, 4, 1), **RULING)  # received 3 Mar, due 4 Sep: on time
    b = s.case_accept(case=apply(D(2025, 3, 10)), by=handler, on=D(2025, 3, 11))  # due Thu 11 Sep
    b = s.case_send_copy(case=b, by=handler, on=D(2025, 3, 12))
    b = s.case_record_reply(case=b, by=handler, on=D(2025, 3, 20), received=True, summary="不同意")
    b = s.case_record_hearing(
        case=b, by=handler, on=D(2025, 3, 25), form="hearing", place="听证室", participants="双方"
    )
    s.case_rule(case=b, by=head, on=D(2025, 9, 12), **RULING)  # one day late
    s.case_withdraw(case=apply(D(2025, 5, 6)), by=handler, on=D(2025, 5, 8))
    s.case_reject(case=apply(D(2025, 6, 2)), by=head, on=D(2025, 6, 3), ground="not_civil", reasons="合同纠纷")
    s.case_accept(case=apply(D(2024, 12, 30)), by=handler, on=D(2025, 1, 2))  # received last year, still open


def test_the_year_on_a_known_set(known):
    f = _stats("--year", "2025")
    assert {k: f[k] for k in KEYS} == {
        "received": 4,
        "accepted": 3,
        "ruled": 2,
        "on_time": 1,
        "on_time_rate": 50.0,
        "withdrawn": 1,
        "closed": 4,
    }
    assert [(o["code"], o["count"]) for o in f["outcomes"]] == [
        ("ruled", 2),
        ("mediated", 0),
        ("rejected", 1),
        ("withdrawn", 1),
    ]
    assert (f["year"], f["unit"], "period" in f) == (2025, "", False)


def test_a_quarter_and_a_unit(known):
    q = _stats("--year", "2025", "--period", "Q2")
    assert ({k: q[k] for k in KEYS}, q["period"]) == (
        {"received": 2, "accepted": 0, "ruled": 1, "on_time": 1, "on_time_rate": 100.0, "withdrawn": 1, "closed": 3},
        "Q2",
    )
    assert (
        _stats("--year", "2025", "--unit", "C011")["received"],
        _stats("--year", "2025", "--unit", "C011")["unit"],
    ) == (
        4,
        "C011",
    )
    assert _stats("--year", "2025", "--unit", "C002")["received"] == 0


def test_every_metric_equals_the_recount(known):
    keys = [m.key for m in metrics_all() if m.key.startswith("admin_ruling.")]
    assert sorted(k.split(".")[1] for k in keys) == sorted(KEYS)
    for period in (Period(2025), Period(2025, "Q2"), Period(2024)):
        plain = stats_get("admin_ruling").fn("compute")(year=period)
        for key in keys:
            assert metric_value(key, period=period)["value"] == plain[key.split(".")[1]], (key, period)


def test_an_empty_city_exits_0(city):
    f = _stats("--year", "2025")
    assert (f["received"], f["ruled"], f["on_time_rate"], f["unit"]) == (0, 0, None, "")
