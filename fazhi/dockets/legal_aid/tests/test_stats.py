"""法律援助 figures on a known set: exact numbers from `fazhi stats legal_aid`, every metric equal to the recount."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.cases.stats import stats_get
from fazhi.dockets.legal_aid import services as s
from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
D = dt.date


def _stats(*args):
    out = io.StringIO()
    call_command("stats", "legal_aid", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def known(apply, head, staff, aid_person):
    a = s.case_grant(case=apply(D(2025, 3, 3)), by=head, on=D(2025, 3, 5), pledge=True)  # on time
    s.case_assign(case=a, by=staff, on=D(2025, 3, 6), person=aid_person())
    s.case_refuse(case=apply(D(2025, 4, 1)), by=head, on=D(2025, 4, 10), reasons="不符合条件")  # late (due 4/8)
    b = apply(D(2025, 5, 6))
    s.case_advance(case=b, by=head, on=D(2025, 5, 6), ground="preservation", person=aid_person(kind="volunteer"))
    apply(D(2024, 12, 30))  # last year, still waiting


def test_the_year_on_a_known_set(known):
    f = _stats("--year", "2025")
    got = {
        k: f[k]
        for k in (
            "received",
            "decided",
            "granted",
            "refused",
            "on_time",
            "on_time_rate",
            "grant_rate",
            "advance_aid",
            "assigned",
            "objections",
            "closed",
        )
    }
    assert got == {
        "received": 3,
        "decided": 2,
        "granted": 1,
        "refused": 1,
        "on_time": 1,
        "on_time_rate": 50.0,
        "grant_rate": 50.0,
        "advance_aid": 1,
        "assigned": 1,
        "objections": 0,
        "closed": 1,
    }
    assert [(o["code"], o["count"]) for o in f["outcomes"]] == [
        ("concluded", 0),
        ("refused", 1),
        ("terminated", 0),
        ("withdrawn", 0),
    ]
    assert (f["year"], f["unit"]) == (2025, "")


def test_every_metric_equals_the_recount(known):
    keys = [m.key for m in metrics_all() if m.key.startswith("legal_aid.")]
    for period in (Period(2025), Period(2025, "Q2"), Period(2024)):
        plain = stats_get("legal_aid").fn("compute")(year=period)
        for key in keys:
            assert metric_value(key, period=period)["value"] == plain[key.split(".")[1]], (key, period)


def test_an_empty_city_exits_0(city):
    f = _stats("--year", "2025")
    assert (f["received"], f["on_time_rate"]) == (0, None)
