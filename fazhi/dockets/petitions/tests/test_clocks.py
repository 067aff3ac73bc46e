"""Every 信访 clock through the docket's steps (《信访工作条例》2022). Expected dates counted by hand in the comment
beside each (calendar: legal-rules.md §16.2), never by the engine."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clock
from fazhi.dockets.petitions import services as s
from fazhi.dockets.petitions.spec import SPEC

from .conftest import MON

pytestmark = pytest.mark.django_db
D = dt.date


def due(case, key):
    case.refresh_from_db()
    return case_clock(case, key).due_date


def opened(case, key):
    c = case_clock(case, key)
    return c is not None and c.completed_on is None


def test_acceptance_notice_is_15_natural_days_from_receipt(petition):
    # Art. 23: after Mon 3/3, 15 natural days → Tue 3/18 (a working day)
    case = petition()
    assert due(case, "acceptance") == D(2025, 3, 18)
    assert case_clock(case, "registration") is None
    assert case_clock(case, "remit_objection") is None


def test_acceptance_notice_rolls_over_labour_day(petition):
    # after Sun 4/20: day 15 = Mon 5/5, inside 劳动节 rest 5/1–5/5 → Tue 5/6
    case = petition(received=D(2025, 4, 20))
    assert due(case, "acceptance") == D(2025, 5, 6)


def test_petition_office_registers_and_routes_in_15_days(petition):
    # Art. 22: the 信访部门's clock; after Fri 3/7, day 15 = Sat 3/22 → Mon 3/24
    case = petition(received=D(2025, 3, 7), receiver="office")
    assert due(case, "registration") == D(2025, 3, 24)
    assert case_clock(case, "acceptance") is None


def test_transferred_matter_objection_is_5_working_days(petition):
    # Art. 23: after Fri 2025-09-26 → Sun 9/28 make-up WD1, 9/29 WD2, 9/30 WD3, rest 10/1–10/8, 10/9 WD4, 10/10 WD5
    case = petition(received=D(2025, 9, 26), channel="transfer")
    assert due(case, "remit_objection") == D(2025, 10, 10)
    # and the acceptance notice: day 15 = Sat 10/11, a 调休上班日 → no rollover
    assert due(case, "acceptance") == D(2025, 10, 11)


def test_objection_after_5_working_days_is_refused_and_changes_nothing(petition, handler):
    case = petition(received=D(2025, 9, 26), channel="transfer")
    with pytest.raises(Exception) as exc:
        s.case_object(case=case, by=handler, on=D(2025, 10, 11), reason="不属于本机关职责")
    assert exc.value.field == "on"
    assert "2025年10月10日" in exc.value.message
    case.refresh_from_db()
    assert case.state == "received"
    s.case_object(case=case, by=handler, on=D(2025, 10, 10), reason="不属于本机关职责")
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("objected", "objected")
    assert not opened(case, "remit_objection") and not opened(case, "acceptance")


def test_handling_is_60_days_from_acceptance_and_extends_by_30(petition, handler, head):
    case = petition()
    s.case_accept(case=case, by=handler, on=D(2025, 3, 3))
    # Art. 34: after 3/3, 60 days: March 28, April 30 (58), Fri 5/2 = day 60, in 劳动节 rest → Tue 5/6
    assert due(case, "handling") == D(2025, 5, 6)
    assert not opened(case, "acceptance")
    s.case_extend(case=case, by=head, on=D(2025, 4, 20), days=30, reason="涉及多个部门")
    # 90 days: Sun 6/1, in 端午 rest 5/31–6/2 → Tue 6/3 (the end rule applied once, to the extended period)
    assert due(case, "handling") == D(2025, 6, 3)


def test_extension_over_30_days_or_twice_is_refused(petition, handler, head):
    case = petition()
    s.case_accept(case=case, by=handler, on=D(2025, 3, 3))
    with pytest.raises(Exception) as exc:
        s.case_extend(case=case, by=head, on=D(2025, 4, 20), days=31, reason="复杂")
    assert exc.value.field == "days" and "30日" in exc.value.message
    assert due(case, "handling") == D(2025, 5, 6)
    s.case_extend(case=case, by=head, on=D(2025, 4, 20), days=10, reason="复杂")
    case.refresh_from_db()
    assert "延长期限不得超过30日" in SPEC.transition("extend").refusal(case)
    # 70 days after 3/3: March 28, April 30 (58), Mon 5/12 = day 70
    assert due(case, "handling") == D(2025, 5, 12)


def test_review_window_runs_30_days_from_service_of_the_opinion(petition, handler):
    case = petition()
    s.case_accept(case=case, by=handler, on=D(2025, 8, 1))
    s.case_decide(
        case=case,
        by=handler,
        on=D(2025, 8, 29),
        served_on=D(2025, 9, 1),
        outcome="support",
        facts="属实",
        opinion="支持",
    )
    case.refresh_from_db()
    assert case.state == "answered" and case.closed_on is None
    # Art. 35: 30 days after the day served (9/1) → 10/1, National Day rest until 10/8 → Thu 10/9
    assert due(case, "review_window") == D(2025, 10, 9)
    assert case.extra["review_window"] == "2025-10-09"
    assert not opened(case, "handling")


def test_review_request_after_the_window_is_refused(petition, handler):
    case = petition()
    s.case_accept(case=case, by=handler, on=D(2025, 8, 1))
    s.case_decide(case=case, by=handler, on=D(2025, 9, 1), outcome="support", facts="属实", opinion="支持")
    with pytest.raises(Exception) as exc:
        s.case_request_review(case=case, by=handler, on=D(2025, 10, 10))
    assert exc.value.field == "on" and "2025年10月9日" in exc.value.message
    case.refresh_from_db()
    assert case.state == "answered"
    s.case_request_review(case=case, by=handler, on=D(2025, 10, 9))
    # 复查 answered within 30 days of the request: after Thu 10/9 → Sat 11/8 → Mon 11/10
    assert due(case, "review") == D(2025, 11, 10)
    assert not opened(case, "review_window")


def test_rereview_excludes_the_hearing_time(petition, handler):
    case = petition(received=D(2025, 1, 6))
    s.case_accept(case=case, by=handler, on=D(2025, 1, 6))
    s.case_decide(case=case, by=handler, on=D(2025, 1, 20), outcome="not_support", facts="无依据", opinion="不予支持")
    s.case_request_review(case=case, by=handler, on=D(2025, 2, 10))
    s.case_review_decide(case=case, by=handler, on=D(2025, 2, 20), outcome="not_support", facts="维持", opinion="维持")
    # 复核 window: 30 days after Thu 2/20 → Sat 3/22 → Mon 3/24
    assert due(case, "rereview_window") == D(2025, 3, 24)
    s.case_request_rereview(case=case, by=handler, on=D(2025, 3, 17))
    # 30 days after Mon 3/17 → Wed 4/16
    assert due(case, "rereview") == D(2025, 4, 16)
    s.case_hearing_start(case=case, by=handler, on=D(2025, 3, 25), place="听证室")
    assert due(case, "rereview") > D(2025, 4, 16)  # an open pause reads "if resumed tomorrow"
    s.case_hearing_end(case=case, by=handler, on=D(2025, 3, 26))
    # hearing Tue 3/25–Wed 3/26 not counted: 3/18–3/24 = 7 days, from 3/27 (day 8) 22 more → Fri 4/18
    assert due(case, "rereview") == D(2025, 4, 18)
    case.refresh_from_db()
    assert case.extra["hearings"] == [{"open": False, "start": "2025-03-25", "place": "听证室", "end": "2025-03-26"}]


def test_one_day_hearing_excludes_that_day(petition, handler):
    case = petition(received=D(2025, 1, 6))
    s.case_accept(case=case, by=handler, on=D(2025, 1, 6))
    s.case_decide(case=case, by=handler, on=D(2025, 1, 20), outcome="not_support", facts="无依据", opinion="不予支持")
    s.case_request_review(case=case, by=handler, on=D(2025, 2, 10))
    s.case_review_decide(case=case, by=handler, on=D(2025, 2, 20), outcome="not_support", facts="维持", opinion="维持")
    s.case_request_rereview(case=case, by=handler, on=D(2025, 3, 3))
    s.case_hearing_start(case=case, by=handler, on=D(2025, 3, 10))
    s.case_hearing_end(case=case, by=handler, on=D(2025, 3, 10))
    # one day (3/10) not counted: 4/2 → Thu 4/3
    assert due(case, "rereview") == D(2025, 4, 3)
    s.case_rereview_decide(case=case, by=handler, on=D(2025, 4, 1), outcome="not_support", facts="维持", opinion="终结")
    case.refresh_from_db()
    assert (case.state, case.outcome, case.closed_on) == ("final", "not_support", D(2025, 4, 1))
    assert case.extra["rereview"]["on_time"] is True
    assert not opened(case, "rereview")


def test_late_opinion_is_marked_late(petition, handler):
    case = petition()
    s.case_accept(case=case, by=handler, on=D(2025, 3, 3))
    s.case_decide(case=case, by=handler, on=D(2025, 5, 7), outcome="support", facts="属实", opinion="支持")
    case.refresh_from_db()
    assert case.extra["opinion"]["due"] == "2025-05-06"
    assert case.extra["opinion"]["on_time"] is False
    case2 = petition(name="李四", id_number="110101199003072316")
    s.case_accept(case=case2, by=handler, on=D(2025, 3, 3))
    s.case_decide(case=case2, by=handler, on=D(2025, 5, 6), outcome="support", facts="属实", opinion="支持")
    case2.refresh_from_db()
    assert case2.extra["opinion"]["on_time"] is True
    assert MON.weekday() == 0
