"""The clocks of a case through the engine (hand-counted on the 2026 calendar): the 90-day decision period (《行政
处罚法》（2021年修订）第六十条), 公示 in 7 working days for 行政处罚 (a setting per matter kind) and 撤回 in 3 working
days (第四十八条第二款); lateness is flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.deadlines.engine import compute_due
from fazhi.enforcement.selectors import case_clocks, case_flags
from fazhi.enforcement.services import case_update

from .factories import body_with_staff, case_input, case_made

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(city):
    return body_with_staff(city["market"])


def test_the_decision_period_is_90_days_from_filing(staff):
    # 立案 Monday 2 March 2026; day 90 is Sunday 31 May (29 + 30 + 31) → the next working day, Monday 1 June
    case = case_made(staff["body"])
    c = case_clocks(case)["decision"]
    assert (c.rule_id, c.trigger_date, c.due_date, c.completed_on) == (
        "penalty.case",
        D(2026, 3, 2),
        D(2026, 6, 1),
        None,
    )
    assert case_flags(case, today=D(2026, 6, 2)) == ["作出决定已超期：期限届满日为2026-06-01"]


def test_a_decision_completes_the_period_and_starts_the_publication_clock(staff):
    # decided Thursday 24 September 2026: 25–27 Sep 中秋 off, 28/29/30 Sep = 1–3, 1–7 Oct 国庆 off, 8/9 Oct = 4–5,
    # Saturday 10 Oct 调休上班 = 6, Monday 12 Oct = 7 → due 12 October
    case = case_made(staff["body"], filed_on=D(2026, 7, 1), decided_on=D(2026, 9, 24), decision="fine")
    clocks = case_clocks(case)
    assert clocks["decision"].completed_on == D(2026, 9, 24)
    p = clocks["publication"]
    assert (p.rule_id, p.trigger_date, p.due_date, p.completed_on) == (
        "enforcement.publication.penalty",
        D(2026, 9, 24),
        D(2026, 10, 12),
        None,
    )
    assert case_flags(case, today=D(2026, 10, 13)) == ["公示已超期：期限届满日为2026-10-12"]


def test_publication_after_the_due_day_is_flagged_late(staff):
    case = case_made(
        staff["body"], filed_on=D(2026, 7, 1), decided_on=D(2026, 9, 24), decision="fine", published_on=D(2026, 10, 13)
    )
    assert case_clocks(case)["publication"].completed_on == D(2026, 10, 13)
    assert case_flags(case, today=D(2026, 11, 1)) == ["公示逾期：2026-10-13公示，期限届满日为2026-10-12"]


def test_publication_on_the_due_day_is_on_time(staff):
    case = case_made(
        staff["body"], filed_on=D(2026, 7, 1), decided_on=D(2026, 9, 24), decision="fine", published_on=D(2026, 10, 12)
    )
    assert case_flags(case, today=D(2026, 11, 1)) == []


def test_a_coercion_decision_has_20_working_days(staff):
    # 行政强制 (default 20): decided Friday 6 November 2026 → 20 working days = Friday 4 December
    case = case_made(
        staff["body"], matter_code="QZ-001", filed_on=D(2026, 11, 2), decided_on=D(2026, 11, 6), decision="coercive"
    )
    clocks = case_clocks(case)
    assert "decision" not in clocks  # the 90-day period is 行政处罚's (Art. 60)
    assert (clocks["publication"].rule_id, clocks["publication"].due_date) == (
        "enforcement.publication.coercion",
        D(2026, 12, 4),
    )


def test_a_changed_published_decision_must_be_withdrawn_in_3_working_days(staff):
    # changed Thursday 30 April 2026: 1–5 May 劳动节 off → 6, 7, 8 May → due Friday 8 May
    case = case_made(
        staff["body"],
        filed_on=D(2026, 3, 2),
        decided_on=D(2026, 4, 1),
        decision="fine",
        published_on=D(2026, 4, 3),
        changed_on=D(2026, 4, 30),
    )
    w = case_clocks(case)["withdrawal"]
    assert (w.rule_id, w.trigger_date, w.due_date) == ("enforcement.withdrawal", D(2026, 4, 30), D(2026, 5, 8))
    assert case_flags(case, today=D(2026, 5, 11)) == ["撤回公示已超期：期限届满日为2026-05-08"]
    late = case_update(
        by="test",
        case=case,
        data=case_input(
            filed_on=D(2026, 3, 2),
            decided_on=D(2026, 4, 1),
            decision="fine",
            published_on=D(2026, 4, 3),
            changed_on=D(2026, 4, 30),
            withdrawn_on=D(2026, 5, 11),
        ),
        version=case.version,
    )
    assert case_clocks(late)["withdrawal"].completed_on == D(2026, 5, 11)
    assert case_flags(late, today=D(2026, 6, 1)) == ["撤回公示逾期：2026-05-11撤回公示，期限届满日为2026-05-08"]


def test_a_corrected_filing_date_restarts_the_decision_period(staff):
    case = case_made(staff["body"])
    moved = case_update(by="test", case=case, data=case_input(filed_on=D(2026, 3, 3)), version=case.version)
    c = case_clocks(moved)["decision"]
    # 3 March + 90 days = Monday 1 June
    assert (c.trigger_date, c.due_date) == (D(2026, 3, 3), D(2026, 6, 1))


def test_withdrawal_needs_a_change_and_a_publication(staff):
    from fazhi.core.errors import DomainError

    with pytest.raises(DomainError) as exc:
        case_made(
            staff["body"],
            decided_on=D(2026, 4, 1),
            decision="fine",
            changed_on=D(2026, 4, 5),
            withdrawn_on=D(2026, 4, 6),
        )
    assert exc.value.field == "withdrawn_on"


def test_the_publication_rules_cite_their_basis():
    r = compute_due("enforcement.publication.licensing", D(2026, 9, 24))
    assert r.due == D(2026, 10, 12)
    from fazhi.deadlines.rules import rule_get

    assert rule_get("enforcement.withdrawal").basis.startswith("《行政处罚法》（2021年修订）第四十八条第二款")
