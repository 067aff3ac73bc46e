"""Cross-docket statistics (fazhi/cases/stats.py): both dockets are registered, each drill-down list holds exactly the
cases behind its number, and the year/unit checks refuse bad input in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput
from fazhi.cases.stats import stats_drill, stats_figures, stats_get, stats_specs, unit_check, year_check
from fazhi.core.errors import DomainError

pytestmark = pytest.mark.django_db
MON = dt.date(2025, 3, 3)


def test_both_dockets_register_their_statistics():
    assert [s.docket for s in stats_specs()][:2] == ["reconsideration", "litigation"]
    assert stats_get("reconsideration").label == "行政复议"


def test_every_reconsideration_figure_drills_to_as_many_cases(persona, city):
    from fazhi.dockets.reconsideration import services as r

    handler, head = persona("reconsideration_handler", "justice"), persona("reconsideration_head", "justice")
    made = []
    for i, outcome in enumerate(["revoke", "uphold"]):
        case = r.reconsideration_intake(
            by=handler,
            handling_unit=city["justice"],
            received_on=MON + dt.timedelta(days=i),
            channel="in_person",
            applicant=PartyInput(
                role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X", phone="13812345678"
            ),
            act="行政处罚决定",
            request="撤销",
            respondent_unit=city["market"],
        )
        case = r.case_accept(
            case=case, by=handler, on=MON + dt.timedelta(days=2 + i), procedure="ordinary", simplified_conditions=[]
        )
        r.case_draft_decision(
            case=case,
            by=handler,
            on=MON + dt.timedelta(days=30),
            outcome=outcome,
            facts="a",
            reasons="b",
            decision_text="c",
        )
        made.append(r.case_approve_decision(case=case, by=head, on=MON + dt.timedelta(days=30)))
    f = stats_figures(docket="reconsideration", year=2025)
    assert (f["received"], f["accepted"], f["closed"], f["corrected"], f["correction_rate"]) == (2, 2, 2, 1, 50.0)
    for key in ("received", "accepted", "closed", "closed_by_decision", "corrected", "on_time", "on_time_base"):
        assert stats_drill(docket="reconsideration", key=key, year=2025).count() == f[key], key
    for o in f["outcomes"]:
        assert stats_drill(docket="reconsideration", key=f"outcome:{o['code']}", year=2025).count() == o["count"]
    assert [c.pk for c in stats_drill(docket="reconsideration", key="corrected", year=2025)] == [made[0].pk]


def test_year_and_unit_checks(city):
    assert year_check(" 2025 ") == 2025
    for bad in ("abc", "1989", "9999"):
        with pytest.raises(DomainError):
            year_check(bad)
    assert unit_check("C002") == city["market"] and unit_check("") is None
    with pytest.raises(DomainError, match="未找到编码为"):
        unit_check("ZZZ")
