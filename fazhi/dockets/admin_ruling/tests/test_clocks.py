"""Each clock of 行政裁决 with hand-counted dates: acceptance in working days, the reply and the remedy windows in
natural days (rolled over a holiday), the decision and the 行政诉讼 window in months; the remedy windows run after the
outcome, the others end with it. Periods that no statute fixes are settings."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clock, case_clocks
from fazhi.dockets.admin_ruling import services as s

from .conftest import RULING

pytestmark = pytest.mark.django_db
D = dt.date


def test_acceptance_is_seven_working_days(apply):
    # received Mon 3 Mar 2025: Tue 4 … Fri 7, Mon 10, Tue 11, Wed 12 (the 7th working day)
    assert case_clock(apply(), "acceptance").due_date == D(2025, 3, 12)


def test_acceptance_skips_national_day_and_counts_the_make_up_saturday(apply):
    # received Fri 26 Sep 2025: Sun 28 (调休上班), Mon 29, Tue 30 Sep; 1–8 Oct off; Thu 9, Fri 10, Sat 11 (调休上班),
    # Mon 13 Oct (the 7th)
    assert case_clock(apply(received_on=D(2025, 9, 26)), "acceptance").due_date == D(2025, 10, 13)


def test_the_reply_runs_thirty_days_from_the_copy_and_rolls_over_qingming(apply, handler):
    case = s.case_accept(case=apply(), by=handler, on=D(2025, 3, 4))
    assert case_clock(case, "reply") is None  # starts with the copy, not with 受理
    case = s.case_send_copy(case=case, by=handler, on=D(2025, 3, 5))
    # 5 Mar + 30 days = Fri 4 Apr 2025, 清明 (4–6 Apr off) → Mon 7 Apr
    assert case_clock(case, "reply").due_date == D(2025, 4, 7)
    assert case.extra["copy"]["reply_due"] == "2025-04-07"
    assert case_clock(case, "acceptance").completed_on == D(2025, 3, 4)
    assert case.extra["accepted"] == {"on": "2025-03-04", "note": "", "due": "2025-03-12", "on_time": True}


def test_the_decision_is_six_months_from_acceptance(apply, handler):
    case = s.case_accept(case=apply(), by=handler, on=D(2025, 3, 4))
    assert case_clock(case, "decision").due_date == D(2025, 9, 4)  # Thu 4 Sep 2025


def test_the_remedy_windows_run_after_the_ruling_from_service(heard, head):
    case = s.case_rule(case=heard(matter="other"), by=head, on=D(2025, 8, 29), served_on=D(2025, 9, 1), **RULING)
    assert (case.state, case.outcome, case.closed_on) == ("ruled", "ruled", D(2025, 8, 29))
    # 复议法 第二十条: served Mon 1 Sep + 60 days = Fri 31 Oct 2025
    assert case_clock(case, "remedy_reconsideration").due_date == D(2025, 10, 31)
    # 行诉法 第四十六条: + 6 months = Sun 1 Mar 2026 → Mon 2 Mar 2026
    assert case_clock(case, "remedy_litigation").due_date == D(2026, 3, 2)
    assert case_clock(case, "remedy_sector_suit") is None
    running = sorted(c.key for c in case_clocks(case) if c.completed_on is None)
    assert running == ["remedy_litigation", "remedy_reconsideration"]
    assert case_clock(case, "decision").completed_on == D(2025, 8, 29)
    assert case.extra["ruling"]["due"] == "2025-09-04" and case.extra["ruling"]["on_time"] is True
    assert (case.extra["ruling"]["reconsideration_due"], case.extra["ruling"]["suit_due"]) == (
        "2025-10-31",
        "2026-03-02",
    )


def test_a_land_dispute_is_told_the_sector_laws_thirty_days_to_sue(heard, head):
    case = s.case_rule(case=heard(), by=head, on=D(2025, 9, 1), **RULING)
    # 土地管理法 第十四条 ⚠: 1 Sep + 30 days = Wed 1 Oct 2025, National Day (1–8 Oct off) → Thu 9 Oct
    assert case_clock(case, "remedy_sector_suit").due_date == D(2025, 10, 9)
    assert case_clock(case, "remedy_litigation") is None
    assert case.extra["ruling"]["suit_due"] == "2025-10-09"


def test_recording_a_remedy_ends_the_windows(heard, head, handler):
    case = s.case_rule(case=heard(matter="other"), by=head, on=D(2025, 9, 1), **RULING)
    case = s.case_record_remedy(case=case, by=handler, on=D(2025, 11, 3), kind="reconsideration", body="示范市人民政府")
    assert all(c.completed_on is not None for c in case_clocks(case))
    assert case.extra["remedy"] == {
        "on": "2025-11-03",
        "kind": "reconsideration",
        "body": "示范市人民政府",
        "due": "2025-10-31",
        "in_time": False,
    }


def test_the_periods_are_settings(settings):
    from fazhi.deadlines.rules import RULES
    from fazhi.dockets.admin_ruling.clocks import period

    assert [
        (RULES[f"admin_ruling.{k}"].length, RULES[f"admin_ruling.{k}"].unit)
        for k in ("acceptance", "reply", "decision")
    ] == [
        (7, "working_day"),
        (30, "natural_day"),
        (6, "month"),
    ]
    assert all(
        RULES[f"admin_ruling.{k}"].configurable for k in ("acceptance", "reply", "decision", "remedy_sector_suit")
    )
    assert "⚠" in RULES["admin_ruling.decision"].basis
    assert "第二十条" in RULES["admin_ruling.remedy_reconsideration"].basis
    assert "第四十六条" in RULES["admin_ruling.remedy_litigation"].basis
    settings.FAZHI_ADMIN_RULING = {"DECISION_LENGTH": 3, "DECISION_UNIT": "month", "ACCEPTANCE_UNIT": "natural_day"}
    assert (period("DECISION"), period("ACCEPTANCE"), period("REPLY")) == (
        (3, "month"),
        (7, "natural_day"),
        (30, "natural_day"),
    )
