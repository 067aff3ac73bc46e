"""行政调解 figures on a known set: exact numbers from `fazhi stats admin_mediation`, every metric equal to the
recount, a unit filter, exit 0 on an empty city."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.cases.stats import stats_get
from fazhi.dockets.admin_mediation import services as s
from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_value

from .conftest import AGREEMENT, signed

pytestmark = pytest.mark.django_db
D = dt.date
KEYS = (
    "received",
    "accepted",
    "concluded",
    "agreed",
    "success_rate",
    "on_time",
    "on_time_rate",
    "confirmation_applied",
    "closed",
)


def _stats(*args):
    out = io.StringIO()
    call_command("stats", "admin_mediation", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def _session(case, mediator, on):
    return s.case_record_session(case=case, by=mediator, on=on, place="调解室", mediators="陈科长", participants="双方")


@pytest.fixture
def known(apply, mediated, mediator):
    # A: received 3 Mar, accepted 4 Mar (target 3 Apr), agreed 10 Mar (on time), 司法确认 applied 12 Mar, closed 15 Apr
    a = mediated()
    a = s.case_agree(case=a, by=mediator, on=D(2025, 3, 10), parties_signed=signed(a), **AGREEMENT)
    a = s.case_apply_confirmation(case=a, by=mediator, on=D(2025, 3, 12), court="东城区人民法院")
    a = s.case_record_confirmation(case=a, by=mediator, on=D(2025, 3, 19), result="valid")
    a = s.case_follow_up(case=a, by=mediator, on=D(2025, 3, 20), performance="performed")
    s.case_close(case=a, by=mediator, on=D(2025, 4, 15))
    # B: received 10 Mar, accepted 11 Mar (target Thu 10 Apr), terminated 14 Apr (late)
    b = s.case_accept(case=apply(D(2025, 3, 10)), by=mediator, on=D(2025, 3, 11))
    b = _session(b, mediator, D(2025, 3, 12))
    s.case_terminate(case=b, by=mediator, on=D(2025, 4, 14), ground="failed", reason="分歧大", routes=["litigation"])
    # C: received 6 May, rejected 8 May
    s.case_reject(case=apply(D(2025, 5, 6)), by=mediator, on=D(2025, 5, 8), ground="not_competent", reasons="属商务局")
    # D: received 2 Jun, accepted 3 Jun (target Thu 3 Jul), agreed 1 Jul (on time), still open
    d = s.case_accept(case=apply(D(2025, 6, 2)), by=mediator, on=D(2025, 6, 3))
    d = _session(d, mediator, D(2025, 6, 5))
    s.case_agree(case=d, by=mediator, on=D(2025, 7, 1), parties_signed=signed(d), **AGREEMENT)
    # E: received 30 Dec 2024, accepted 2 Jan 2025, still in mediation
    s.case_accept(case=apply(D(2024, 12, 30)), by=mediator, on=D(2025, 1, 2))


def test_the_year_on_a_known_set(known):
    f = _stats("--year", "2025")
    assert {k: f[k] for k in KEYS} == {
        "received": 4,
        "accepted": 4,
        "concluded": 3,
        "agreed": 2,
        "success_rate": 66.67,
        "on_time": 2,
        "on_time_rate": 66.67,
        "confirmation_applied": 1,
        "closed": 3,
    }
    assert [(o["code"], o["count"]) for o in f["outcomes"]] == [
        ("performed", 1),
        ("unperformed", 0),
        ("invalid", 0),
        ("failed", 1),
        ("party_ended", 0),
        ("rejected", 1),
    ]
    assert (f["year"], f["unit"], "period" in f) == (2025, "", False)


def test_a_quarter_and_a_unit(known):
    q2 = _stats("--year", "2025", "--period", "Q2")
    assert ({k: q2[k] for k in KEYS}, q2["period"]) == (
        {
            "received": 2,
            "accepted": 1,
            "concluded": 1,
            "agreed": 0,
            "success_rate": 0.0,
            "on_time": 0,
            "on_time_rate": 0.0,
            "confirmation_applied": 0,
            "closed": 3,
        },
        "Q2",
    )
    q3 = _stats("--year", "2025", "--period", "Q3")
    assert (q3["concluded"], q3["agreed"], q3["success_rate"], q3["on_time_rate"]) == (1, 1, 100.0, 100.0)
    market = _stats("--year", "2025", "--unit", "C002")
    assert (market["received"], market["unit"]) == (4, "C002")
    assert _stats("--year", "2025", "--unit", "C003")["received"] == 0
    assert _stats("--year", "2024")["received"] == 1


def test_every_metric_equals_the_recount(known):
    keys = [m.key for m in metrics_all() if m.key.startswith("admin_mediation.")]
    assert sorted(k.split(".")[1] for k in keys) == sorted(KEYS)
    for period in (Period(2025), Period(2025, "Q2"), Period(2025, "Q3"), Period(2024)):
        plain = stats_get("admin_mediation").fn("compute")(year=period)
        for key in keys:
            assert metric_value(key, period=period)["value"] == plain[key.split(".")[1]], (key, period)


def test_an_empty_city_exits_0(city):
    f = _stats("--year", "2025")
    assert (f["received"], f["concluded"], f["success_rate"], f["on_time_rate"], f["unit"]) == (0, 0, None, None, "")


def test_the_statistics_page_and_its_drill_down(known, login_client, mediator, persona):
    client = login_client(mediator)
    page = client.get("/cases/stats/admin_mediation/", {"year": "2025"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "调解成功率" in html and "66.67" in html
    drill = client.get("/cases/stats/admin_mediation/cases/", {"year": "2025", "key": "agreed"})
    assert drill.status_code == 200 and len(drill.context["rows"]) == 2
    # the department's figures only: another department's mediator counts nothing of the market's
    other = login_client(persona("admin_mediator", "finance")).get("/cases/stats/admin_mediation/", {"year": "2025"})
    assert other.status_code == 200 and "66.67" not in other.content.decode()
