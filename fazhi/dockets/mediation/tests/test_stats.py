"""人民调解 figures on a known set built through the services: exact numbers from `fazhi stats mediation`, the
registry's metrics equal to the plain recount (kept counts and live alike), the records behind each, the viewer's
scope, a quarter, a unit, and exit status 0 on an empty city."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from fazhi.cases.stats import stats_by_unit, stats_figures, stats_get
from fazhi.dockets.mediation import services as s
from fazhi.metrics.models import TallyState
from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_value

from .conftest import AGREEMENT, mediator_ids, party_ids

pytestmark = pytest.mark.django_db
D = dt.date


def _session(case: Any, user: Any, on: D) -> Any:
    return s.case_record_session(
        case=case, by=user, on=on, place="调解室", mediators=mediator_ids(case), participants="双方"
    )


@pytest.fixture
def known(register, mediator_user, persona):
    u, u2 = mediator_user, persona("mediator", "village2")
    other = persona("mediator", "other_village")
    # c1 (东华社区): written agreement on time, confirmed valid, performed, closed
    c1 = s.case_accept(case=register(received_on=D(2025, 3, 3)), by=u, on=D(2025, 3, 4))
    c1 = _session(c1, u, D(2025, 3, 6))
    c1 = s.case_agree(case=c1, by=u, on=D(2025, 3, 10), **AGREEMENT, parties_signed=party_ids(c1))
    c1 = s.case_apply_confirmation(case=c1, by=u, on=D(2025, 3, 20), court="东城区人民法院")
    c1 = s.case_record_confirmation(case=c1, by=u, on=D(2025, 3, 28), result="valid")
    c1 = s.case_follow_up(case=c1, by=u, on=D(2025, 4, 2), performance="performed")
    c1 = s.case_close(case=c1, by=u, on=D(2025, 4, 3))
    # c2 (东华社区, 群体性): accepted 5 March (target 5 April, 清明 → 7 April), terminated late on 20 April
    c2 = s.case_accept(case=register(received_on=D(2025, 3, 5), mass=True), by=u, on=D(2025, 3, 5))
    c2 = _session(c2, u, D(2025, 3, 6))
    c2 = s.case_terminate(case=c2, by=u, on=D(2025, 4, 20), ground="failed", reason="分歧过大")
    # c3 (东兴社区): oral agreement on time, not performed, closed in June
    c3 = s.case_accept(
        case=register("village2", received_on=D(2025, 6, 2), dispute_type="family"), by=u2, on=D(2025, 6, 3)
    )
    c3 = _session(c3, u2, D(2025, 6, 5))
    c3 = s.case_agree(case=c3, by=u2, on=D(2025, 6, 10), **{**AGREEMENT, "form": "oral"}, parties_signed=[])
    c3 = s.case_follow_up(case=c3, by=u2, on=D(2025, 6, 20), performance="none")
    c3 = s.case_close(case=c3, by=u2, on=D(2025, 6, 21))
    # c4 (文昌社区, another town): refused
    c4 = s.case_reject(
        case=register("other", received_on=D(2025, 7, 1)), by=other, on=D(2025, 7, 2), ground="party_refused"
    )
    # c5 (东华社区): registered at the end of the year, still waiting
    c5 = register(received_on=D(2025, 12, 30))
    # c6 (东华社区): registered and accepted in December 2024, written agreement in January 2025
    c6 = s.case_accept(case=register(received_on=D(2024, 12, 20)), by=u, on=D(2024, 12, 23))
    c6 = _session(c6, u, D(2025, 1, 6))
    c6 = s.case_agree(case=c6, by=u, on=D(2025, 1, 10), **AGREEMENT, parties_signed=party_ids(c6))
    return {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6}


def _stats(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("stats", "mediation", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_year_on_a_known_set(known):
    f = _stats("--year", "2025")
    assert {
        k: f[k]
        for k in (
            "received",
            "urgent",
            "accepted",
            "mediated",
            "successful",
            "written_agreements",
            "success_rate",
            "confirmation_applied",
            "confirmed",
            "performed",
            "closed",
            "on_time_base",
            "on_time",
            "on_time_rate",
        )
    } == {
        "received": 5,  # c1–c5 (c6 came in 2024)
        "urgent": 1,  # c2
        "accepted": 3,  # c1, c2, c3
        "mediated": 4,  # c1, c2, c3, c6 concluded in 2025
        "successful": 3,  # c1, c3, c6
        "written_agreements": 2,  # c1, c6
        "success_rate": 75.0,
        "confirmation_applied": 1,
        "confirmed": 1,
        "performed": 1,  # c1
        "closed": 4,  # c1, c2, c3, c4
        "on_time_base": 4,
        "on_time": 3,  # c2 ended after its target
        "on_time_rate": 75.0,
    }
    assert (f["docket"], f["year"], f["unit"]) == ("mediation", 2025, "")
    assert "period" not in f
    assert [(o["code"], o["count"]) for o in f["outcomes"]] == [
        ("performed", 1),
        ("unperformed", 1),
        ("invalid", 0),
        ("failed", 1),
        ("party_ended", 0),
        ("rejected", 1),
    ]
    assert f["formula"] == {"success_numerator": "successful", "success_denominator": "mediated"}


def test_a_quarter_and_a_unit(known):
    q2 = _stats("--year", "2025", "--period", "Q2")
    assert (q2["period"], q2["received"], q2["mediated"], q2["successful"], q2["success_rate"], q2["closed"]) == (
        "Q2",
        1,
        2,
        1,
        50.0,
        3,
    )
    village = _stats("--year", "2025", "--unit", "D1T1V1")
    assert (village["unit"], village["received"], village["mediated"], village["successful"]) == ("D1T1V1", 3, 3, 2)
    rows = {r["unit"]: (r["received"], r["successful"]) for r in stats_by_unit(docket="mediation", year=2025)}
    assert rows == {"D1T1V1": (3, 2), "D1T1V2": (1, 1), "D1T2V1": (1, 0)}


def test_every_metric_equals_the_plain_recount_kept_or_live(known):
    keys = [m for m in metrics_all() if m.key.startswith("mediation.")]
    assert {m.key.split(".")[1] for m in keys} >= {f.key for f in stats_get("mediation").figures}
    for period in (Period(2025), Period(2025, "Q1"), Period(2025, "H2"), Period(2024)):
        for unit in (None, "D1T1V1"):
            plain = stats_get("mediation").fn("compute")(year=period, unit_code=unit)
            for m in keys:
                assert metric_value(m.key, period=period, unit=unit)["value"] == plain[m.key.split(".")[1]], (
                    m.key,
                    period,
                    unit,
                )
    kept = {m.key: metric_value(m.key, period=2025)["value"] for m in keys}
    TallyState.objects.filter(source="mediation").delete()
    assert {m.key: metric_value(m.key, period=2025)["value"] for m in keys} == kept


def test_the_records_behind_a_figure_are_the_cases_counted(known):
    ids = metric_value("mediation.successful", period=2025, records=True)["records"]
    assert ids == sorted([known["c1"].pk, known["c3"].pk, known["c6"].pk])
    received = metric_value("mediation.received", period=2025)
    assert [(b["code"], b["value"]) for b in received["breakdown"] if b["value"]] == [("family", 1), ("neighbour", 4)]


def test_a_committee_counts_only_its_own_cases(known, persona, mediator_user):
    neighbour = persona("mediator", "village2")
    office = persona("justice_office", "town")
    assert metric_value("mediation.received", period=2025, viewer=mediator_user)["value"] == 3
    assert metric_value("mediation.received", period=2025, viewer=neighbour)["value"] == 1
    assert metric_value("mediation.received", period=2025, viewer=office)["value"] == 4  # not 文昌 (another town)
    f = stats_figures(docket="mediation", year=2025, user=neighbour)
    assert (f["successful"], f["success_rate"]) == (1, 100.0)


def test_an_empty_city_answers_with_zeros_and_exit_status_0(city):
    f = _stats("--year", "2025")
    assert (f["received"], f["mediated"], f["success_rate"], f["on_time_rate"], f["unit"]) == (0, 0, None, None, "")
