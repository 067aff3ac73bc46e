"""Each clock of 行政调解 with hand-counted dates: acceptance in working days (over National Day), the target and
the 司法确认 window and the follow-up in natural days (rolled over a holiday); the target ends with the agreement or
the termination, the window with the application, the follow-up with the first visit. All periods are settings (⚠:
no national statute; 人民调解法 第三十三条 binds 人民调解 only)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clock, case_clocks
from fazhi.dockets.admin_mediation import services as s

pytestmark = pytest.mark.django_db
D = dt.date


def test_acceptance_is_five_working_days(apply):
    # received Mon 3 Mar 2025: Tue 4, Wed 5, Thu 6, Fri 7, Mon 10 (the 5th working day)
    assert case_clock(apply(), "acceptance").due_date == D(2025, 3, 10)


def test_acceptance_skips_national_day_and_counts_the_make_up_sunday(apply):
    # received Fri 26 Sep 2025: Sun 28 (调休上班), Mon 29, Tue 30 Sep; 1–8 Oct off; Thu 9, Fri 10 Oct (the 5th)
    assert case_clock(apply(received_on=D(2025, 9, 26)), "acceptance").due_date == D(2025, 10, 10)


def test_the_target_is_thirty_days_from_acceptance_and_rolls_over_qingming(apply, mediator):
    case = s.case_accept(case=apply(), by=mediator, on=D(2025, 3, 4))
    # 4 Mar + 30 days = Thu 3 Apr 2025 (a working day)
    assert case_clock(case, "conclusion").due_date == D(2025, 4, 3)
    assert case_clock(case, "acceptance").completed_on == D(2025, 3, 4)
    assert case.extra["accepted"] == {"on": "2025-03-04", "note": "", "due": "2025-03-10", "on_time": True}
    late = s.case_accept(case=apply(received_on=D(2025, 3, 4)), by=mediator, on=D(2025, 3, 5))
    # 5 Mar + 30 days = Fri 4 Apr 2025, 清明 (4–6 Apr off) → Mon 7 Apr
    assert case_clock(late, "conclusion").due_date == D(2025, 4, 7)


def test_the_agreement_ends_the_target_and_opens_the_window_and_the_follow_up(mediated, mediator):
    case = mediated()
    from .conftest import AGREEMENT, signed

    case = s.case_agree(case=case, by=mediator, on=D(2025, 9, 1), parties_signed=signed(case), **AGREEMENT)
    assert case_clock(case, "conclusion").completed_on == D(2025, 9, 1)
    # 1 Sep + 30 days = Wed 1 Oct 2025, National Day (1–8 Oct off) → Thu 9 Oct
    assert case_clock(case, "judicial_confirmation").due_date == D(2025, 10, 9)
    assert case_clock(case, "follow_up").due_date == D(2025, 10, 9)
    assert (case.extra["agreement"]["confirmation_due"], case.extra["agreement"]["follow_up_due"]) == (
        "2025-10-09",
        "2025-10-09",
    )
    # the target (accepted 4 Mar, due 3 Apr) was missed
    assert (case.extra["agreement"]["due"], case.extra["agreement"]["on_time"]) == ("2025-04-03", False)
    assert (case.state, case.closed_on) == ("agreed", None)  # open while the window and the follow-up run
    case = s.case_apply_confirmation(case=case, by=mediator, on=D(2025, 10, 9), court="示范市东城区人民法院")
    assert case_clock(case, "judicial_confirmation").completed_on == D(2025, 10, 9)
    case = s.case_follow_up(case=case, by=mediator, on=D(2025, 10, 10), performance="performed")
    assert all(c.completed_on is not None for c in case_clocks(case))


def test_termination_ends_the_target(mediated, mediator):
    case = s.case_terminate(
        case=mediated(), by=mediator, on=D(2025, 3, 20), ground="failed", reason="分歧较大", routes=["litigation"]
    )
    assert (case.state, case.outcome, case.closed_on) == ("terminated", "failed", D(2025, 3, 20))
    assert all(c.completed_on is not None for c in case_clocks(case))
    assert (case.extra["terminated"]["due"], case.extra["terminated"]["on_time"]) == ("2025-04-03", True)


def test_the_periods_are_settings(settings):
    from fazhi.deadlines.rules import RULES
    from fazhi.dockets.admin_mediation.clocks import period, period_text

    ids = ("acceptance", "conclusion", "judicial_confirmation", "performance_follow_up")
    assert [(RULES[f"admin_mediation.{k}"].length, RULES[f"admin_mediation.{k}"].unit) for k in ids] == [
        (5, "working_day"),
        (30, "natural_day"),
        (30, "natural_day"),
        (30, "natural_day"),
    ]
    assert all(RULES[f"admin_mediation.{k}"].configurable for k in ids)
    assert all("⚠" in RULES[f"admin_mediation.{k}"].basis for k in ids)
    assert "人民调解法》第三十三条只适用于人民调解" in RULES["admin_mediation.judicial_confirmation"].basis
    settings.FAZHI_ADMIN_MEDIATION = {"CONCLUSION_LENGTH": 2, "CONCLUSION_UNIT": "month", "CONFIRMATION_LENGTH": 15}
    assert (period("CONCLUSION"), period("CONFIRMATION"), period("ACCEPTANCE")) == (
        (2, "month"),
        (15, "natural_day"),
        (5, "working_day"),
    )
    assert (period_text("CONFIRMATION"), period_text("CONCLUSION"), period_text("ACCEPTANCE")) == (
        "15日",
        "2个月",
        "5个工作日",
    )
