"""The statutory clock engine, as a table of cases over 2024–2026. Every expected date is counted by hand in the
comment next to it (calendar facts: legal-rules.md §16.2 and stack-notes.md §7), never by calling the engine."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.deadlines.calendar import CalendarOptions
from fazhi.deadlines.calendar_data import calendar_from_package
from fazhi.deadlines.engine import Pause, add_months, compute_due
from fazhi.deadlines.rules import RULES, rule_get

D = dt.date
CAL = calendar_from_package(CalendarOptions())


def P(a: str, b: str, reason: str = "") -> Pause:  # noqa: N802
    return Pause(D.fromisoformat(a), D.fromisoformat(b), reason)


CASES = [
    # (id, rule, start, pauses, extension, expected due, provisional)
    # Trigger day not counted: 2025-03-03 Mon + 15 natural days = Tue 03-18, a working day.
    ("trigger_not_counted", "litigation.defense", D(2025, 3, 3), (), 0, D(2025, 3, 18), False),
    # Spring Festival 2025 (rest 1/28–2/4, make-up Sun 1/26): after Fri 1/24 → Sat 1/25 rest, Sun 1/26 WD1,
    # Mon 1/27 WD2, holiday, Wed 2/5 WD3, Thu 2/6 WD4, Fri 2/7 WD5.
    ("spring_festival_2025_makeup_sunday", "reconsideration.acceptance", D(2025, 1, 24), (), 0, D(2025, 2, 7), False),
    # National Day 2025 (rest 10/1–10/8, make-up Sun 9/28): after Fri 9/26 → Sat 9/27 rest, Sun 9/28 WD1, Mon 9/29 WD2,
    # Tue 9/30 WD3, holiday, Thu 10/9 WD4, Fri 10/10 WD5.
    ("national_day_2025_makeup_sunday", "reconsideration.acceptance", D(2025, 9, 26), (), 0, D(2025, 10, 10), False),
    # After Tue 9/30: holiday to 10/8; 10/9 WD1, 10/10 WD2, Sat 10/11 make-up WD3, 10/13 WD4, 10/14 WD5
    # (= chinesecalendar find_workday(5, 2025-09-30)).
    ("national_day_2025_makeup_saturday", "reconsideration.acceptance", D(2025, 9, 30), (), 0, D(2025, 10, 14), False),
    # 20 working days after Tue 2025-09-30: 10/9, 10/10, 10/11(Sat make-up), 10/13–17 (8), 10/20–24 (13),
    # 10/27–31 (18), 11/3 (19), 11/4 (20).
    ("disclosure_reply_over_national_day", "disclosure.reply", D(2025, 9, 30), (), 0, D(2025, 11, 4), False),
    # Spring Festival 2024 (rest 2/10–2/17, make-up Sun 2/18; 除夕 2/9 is a working day): after Wed 2/7 →
    # Thu 2/8 WD1, Fri 2/9 WD2, holiday, Sun 2/18 WD3, 2/19 WD4, 2/20 WD5, 2/21 WD6, 2/22 WD7.
    ("spring_festival_2024", "reconsideration.copy_to_respondent", D(2024, 2, 7), (), 0, D(2024, 2, 22), False),
    # National Day 2024 (rest 10/1–10/7, make-up Sun 9/29): after Fri 9/27 → Sat 9/28 rest, Sun 9/29 WD1,
    # Mon 9/30 WD2, holiday, Tue 10/8 WD3, 10/9 WD4, 10/10 WD5.
    ("national_day_2024", "reconsideration.acceptance", D(2024, 9, 27), (), 0, D(2024, 10, 10), False),
    # Natural days ending inside a holiday: 2025-08-05 + 60 days = 10/4 (26 days to 8/31, 30 in Sep → 56, +4), a
    # National Day rest day; rest continues to 10/8 (10/6 is 中秋), so the period ends on Thu 10/9.
    ("natural_day_ends_in_national_day", "reconsideration.decision", D(2025, 8, 5), (), 0, D(2025, 10, 9), False),
    # Natural days ending on an ordinary weekend: Fri 2025-03-07 + 15 = Sat 3/22 → Mon 3/24.
    ("natural_day_ends_on_weekend", "litigation.defense", D(2025, 3, 7), (), 0, D(2025, 3, 24), False),
    # Natural days ending on a make-up Saturday: 2025-09-26 + 15 = Sat 10/11, a 调休上班日 → no rollover.
    ("natural_day_ends_on_makeup_saturday", "litigation.defense", D(2025, 9, 26), (), 0, D(2025, 10, 11), False),
    # Natural days ending in Spring Festival 2026 (rest 2/15–2/23): 2026-01-16 + 30 = 2/15 (15 days to 1/31, +15)
    # → rest until 2/23 → Tue 2/24.
    ("natural_day_ends_in_spring_festival_2026", "petition.review", D(2026, 1, 16), (), 0, D(2026, 2, 24), False),
    # Months (民法典 Art. 202): 2025-01-31 + 1 month → Feb has no 31st → Fri 2/28, a working day.
    ("month_end_jan31_2025", "mediation.conclusion", D(2025, 1, 31), (), 0, D(2025, 2, 28), False),
    # Leap year: 2024-01-31 + 1 month → Thu 2024-02-29, a working day.
    ("month_end_jan31_2024_leap", "mediation.conclusion", D(2024, 1, 31), (), 0, D(2024, 2, 29), False),
    # 人民调解 target: 2025-03-04 + 1 month = Fri 4/4, 清明 (rest 4/4–4/6) → Mon 4/7.
    ("mediation_target_qingming_2025", "mediation.conclusion", D(2025, 3, 4), (), 0, D(2025, 4, 7), False),
    # 司法确认 window (人民调解法 Art. 33): 2025-09-05 + 30 days = Sun 10/5, National Day rest (10/1–10/8, 10/6 中秋)
    # → Thu 10/9.
    (
        "judicial_confirmation_national_day",
        "mediation.judicial_confirmation",
        D(2025, 9, 5),
        (),
        0,
        D(2025, 10, 9),
        False,
    ),
    # 回访 (default 30 natural days): Mon 2025-03-10 + 30 = Wed 4/9, a working day.
    ("mediation_follow_up", "mediation.performance_follow_up", D(2025, 3, 10), (), 0, D(2025, 4, 9), False),
    # 2025-11-30 + 3 months → 2026-02-28 (no 30th) → a Saturday, but a make-up working day → stays.
    ("month_end_on_makeup_saturday", "proposal.reply", D(2025, 11, 30), (), 0, D(2026, 2, 28), False),
    # 2025-11-15 + 3 months = Sun 2026-02-15, first day of Spring Festival (rest 2/15–2/23) → Tue 2/24.
    ("month_then_end_rule", "proposal.reply", D(2025, 11, 15), (), 0, D(2026, 2, 24), False),
    # 建议提案 (legal-rules.md §8; periods are settings, defaults shown). 交办 Mon 2026-03-02 + 3 months = Tue 6/2.
    ("proposals_reply_3_months", "proposals.reply_npc_session", D(2026, 3, 2), (), 0, D(2026, 6, 2), False),
    # Extended by 3 months (6 in all, 代表法 Art. 51): 2026-03-02 + 6 months = Wed 9/2.
    ("proposals_reply_extended_to_6", "proposals.reply_npc_recess", D(2026, 3, 2), (), 3, D(2026, 9, 2), False),
    # 签收 within 5 natural days: after Mon 3/2 → Sat 3/7, a rest day → Mon 3/9.
    ("proposals_sign_5_days", "proposals.signing", D(2026, 3, 2), (), 0, D(2026, 3, 9), False),
    # 协办 opinion in 1 month: 2026-03-02 → Thu 4/2.
    ("proposals_assist_1_month", "proposals.assist_opinion", D(2026, 3, 2), (), 0, D(2026, 4, 2), False),
    # Re-handling in 1 month: 2026-07-01 → Sat 8/1 → Mon 8/3.
    ("proposals_rehandling_1_month", "proposals.rehandling", D(2026, 7, 1), (), 0, D(2026, 8, 3), False),
    # Pause inside a holiday, working days: after Mon 2026-01-26 → 1/27–30 (4), 2/2–6 (9), 2/9–13 (14),
    # Sat 2/14 make-up (15), rest 2/15–23, 2/24–27 (19), Sat 2/28 make-up (20). The pause 2/16–2/20 covers only rest
    # days, so it removes no working day.
    (
        "pause_inside_holiday_working",
        "disclosure.reply",
        D(2026, 1, 26),
        (P("2026-02-16", "2026-02-20"),),
        0,
        D(2026, 2, 28),
        False,
    ),
    ("no_pause_same_case", "disclosure.reply", D(2026, 1, 26), (), 0, D(2026, 2, 28), False),
    # Pause across a holiday, natural days: after 2026-01-05, 35 days counted (1/6–2/9), pause 2/10–2/25 (16 days,
    # across Spring Festival) not counted, 25 more from 2/26 → Sun 3/22 → Mon 3/23.
    (
        "pause_across_holiday_natural",
        "reconsideration.decision",
        D(2026, 1, 5),
        (P("2026-02-10", "2026-02-25"),),
        0,
        D(2026, 3, 23),
        False,
    ),
    # Pause across a holiday, working days: after Mon 2025-01-20 → 1/21, 1/22, 1/23 (3); paused 1/24–2/6 (incl. the
    # make-up Sunday 1/26 and Spring Festival); Fri 2/7 (4), Sat 2/8 make-up (5), 2/10–2/14 (10).
    (
        "pause_across_holiday_working",
        "reconsideration.respondent_reply",
        D(2025, 1, 20),
        (P("2025-01-24", "2025-02-06", "补正"),),
        0,
        D(2025, 2, 14),
        False,
    ),
    # A 15-day pause 8/10–8/24: 2025-08-05 + 60 + 15 = 8/5 + 75 = 10/19 (26 to 8/31, 30 in Sep → 56, +19), a Sunday
    # → Mon 10/20. Overlapping pauses 8/10–8/20 and 8/15–8/24 merge into the same 15 days.
    (
        "pause_fifteen_days",
        "reconsideration.decision",
        D(2025, 8, 5),
        (P("2025-08-10", "2025-08-24"),),
        0,
        D(2025, 10, 20),
        False,
    ),
    (
        "overlapping_pauses_merge",
        "reconsideration.decision",
        D(2025, 8, 5),
        (P("2025-08-10", "2025-08-20"), P("2025-08-15", "2025-08-24")),
        0,
        D(2025, 10, 20),
        False,
    ),
    # A pause starting after the period ended changes nothing: 10/9 as without pause.
    (
        "pause_after_end_ignored",
        "reconsideration.decision",
        D(2025, 8, 5),
        (P("2025-10-20", "2025-10-25"),),
        0,
        D(2025, 10, 9),
        False,
    ),
    # Extension, natural days, end rule applied once: 2025-08-05 + 90 = Mon 11/3 (not 10/9 + 30 = 11/8 → 11/10).
    ("extension_end_rule_once", "reconsideration.decision", D(2025, 8, 5), (), 30, D(2025, 11, 3), False),
    # Extension, working days: 20th WD after 2025-09-30 is 11/4; 21–23: 11/5–7, 24–28: 11/10–14, 29–33: 11/17–21,
    # 34–38: 11/24–28, 39: 12/1, 40: Tue 12/2.
    ("extension_working_days", "disclosure.reply", D(2025, 9, 30), (), 20, D(2025, 12, 2), False),
    # Into 2027 (not loaded → provisional): after Thu 2026-12-10 → 12/11 (1), 12/14–18 (6), 12/21–25 (11),
    # 12/28–31 (15), Fri 2027-01-01 元旦 (fixed solar holiday) skipped, 1/4–1/8 (20).
    ("into_2027_working_provisional", "disclosure.reply", D(2026, 12, 10), (), 0, D(2027, 1, 8), True),
    # 2026-11-02 + 60 = 2027-01-01 (28 to 11/30, 31 → 59, +1): 元旦 (Fri) then the weekend → Mon 2027-01-04.
    ("into_2027_natural_ends_on_new_year", "reconsideration.decision", D(2026, 11, 2), (), 0, D(2027, 1, 4), True),
    # Ends on 2026-12-31 (Thu) but nothing in 2027 is looked at → not provisional: 2026-12-01 + 30.
    ("ends_dec31_not_provisional", "petition.review", D(2026, 12, 1), (), 0, D(2026, 12, 31), False),
    # 信访 (issue 18). Art. 22: after Sun 2025-04-20, 15 natural days → Mon 5/5, inside 劳动节 rest 5/1–5/5 → Tue 5/6.
    ("petition_registration_labour_day", "petition.registration", D(2025, 4, 20), (), 0, D(2025, 5, 6), False),
    # Art. 23: 5 working days after Fri 2025-09-26 → Sat 9/27 rest, Sun 9/28 make-up WD1, Mon 9/29 WD2, Tue 9/30 WD3,
    # rest 10/1–10/8 (国庆+中秋), Thu 10/9 WD4, Fri 10/10 WD5.
    ("petition_remit_objection", "petition.remit_objection", D(2025, 9, 26), (), 0, D(2025, 10, 10), False),
    # Art. 35: 30 natural days after 2025-09-01 → 10/1, National Day rest until 10/8 → Thu 10/9.
    ("petition_review_application", "petition.review_application", D(2025, 9, 1), (), 0, D(2025, 10, 9), False),
    # Art. 34 + 30 days extension: after Mon 2025-03-03, 90 natural days: March 28, April 30 (58), May 31 (89),
    # Sun 6/1 = day 90, inside 端午 rest 5/31–6/2 → Tue 6/3.
    ("petition_handling_extended", "petition.handling", D(2025, 3, 3), (), 30, D(2025, 6, 3), False),
    # Art. 36, hearing time excluded: after Mon 2025-03-03, 3/4–3/9 counted (6), hearing 3/10–3/14 not counted,
    # from Sat 3/15 (day 7) 23 more days → Mon 4/7 (清明 rest 4/4–4/6 lies inside and is counted).
    (
        "petition_rereview_hearing_excluded",
        "petition.rereview",
        D(2025, 3, 3),
        (P("2025-03-10", "2025-03-14", "听证"),),
        0,
        D(2025, 4, 7),
        False,
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "start", "pauses", "extension", "due", "provisional"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_due_date_table(rule_id, start, pauses, extension, due, provisional):
    # when
    result = compute_due(rule_id, start, pauses=pauses, extension=extension, calendar=CAL)
    # then
    assert result.due == due
    assert result.provisional is provisional
    assert result.unit == rule_get(rule_id).unit.value
    assert result.explanation[-1].startswith("结论")


def test_explanation_names_skipped_holidays_and_counted_makeup_days():
    result = compute_due("reconsideration.acceptance", D(2025, 9, 30), calendar=CAL)
    text = "\n".join(result.explanation)
    assert "国庆节（2025年10月1日至2025年10月5日、2025年10月7日至2025年10月8日，7日）" in text
    assert "中秋节（2025年10月6日，1日）" in text
    assert "计入调休上班日：2025年10月11日（周六）" in text
    assert "第5个工作日为2025年10月14日（周二）" in text


def test_explanation_of_rollover_names_the_holidays():
    result = compute_due("reconsideration.decision", D(2025, 8, 5), calendar=CAL)
    rollover = next(s for s in result.explanation if s.startswith("顺延"))
    assert "2025年10月4日（周六）" in rollover
    assert "国庆节" in rollover and "中秋节" in rollover
    assert "2025年10月9日（周四）" in rollover


def test_explanation_lists_pause_and_extension():
    result = compute_due(
        "disclosure.reply", D(2025, 1, 20), pauses=[P("2025-01-27", "2025-02-10", "补正")], extension=5, calendar=CAL
    )
    text = "\n".join(result.explanation)
    # paused working days: Mon 1/27, 2/5, 2/6, 2/7, Sat 2/8 (make-up), Mon 2/10 = 6
    assert "暂停：2025年1月27日至2025年2月10日（补正）" in text and "共扣除6个工作日" in text
    assert "延长5个工作日，合计25个工作日" in text


def test_provisional_explanation_says_lunar_holidays_cannot_be_guessed():
    result = compute_due("disclosure.reply", D(2026, 12, 10), calendar=CAL)
    note = next(s for s in result.explanation if s.startswith("暂定"))
    assert "2027年" in note and "农历" in note and "元旦1月1日" in note
    assert result.explanation[-1].endswith("（暂定）。")


def test_month_explanation_cites_civil_code_article_202():
    result = compute_due("mediation.conclusion", D(2025, 1, 31), calendar=CAL)
    assert any("第二百零二条" in s and "该月没有31日" in s for s in result.explanation)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # no Feb 31 → last day
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # crosses the year
        (D(2025, 5, 15), 12, D(2026, 5, 15)),
    ],
)
def test_add_months_follows_civil_code_202(start, months, expected):
    assert add_months(start, months) == expected


def test_weekend_not_rest_day_reading_does_not_roll_over_weekends():
    # given the unconfirmed reading switched off: only statutory holidays roll the end over
    cal = calendar_from_package(CalendarOptions(weekend_is_rest_day=False))
    # Fri 2025-03-07 + 15 = Sat 3/22 stays; 2025-08-05 + 60 = 10/4 (国庆节) still rolls to 10/9
    assert compute_due("litigation.defense", D(2025, 3, 7), calendar=cal).due == D(2025, 3, 22)
    assert compute_due("reconsideration.decision", D(2025, 8, 5), calendar=cal).due == D(2025, 10, 9)


def test_makeup_day_not_working_reading():
    cal = calendar_from_package(CalendarOptions(makeup_is_working_day=False))
    # after 9/30: holiday to 10/8; 10/9 (1), 10/10 (2), Sat 10/11 not counted, 10/13 (3), 10/14 (4), 10/15 (5)
    assert compute_due("reconsideration.acceptance", D(2025, 9, 30), calendar=cal).due == D(2025, 10, 15)
    # a natural-day period ending on make-up Sat 10/11 now rolls to Mon 10/13
    assert compute_due("litigation.defense", D(2025, 9, 26), calendar=cal).due == D(2025, 10, 13)


def test_unknown_rule_is_refused():
    with pytest.raises(KeyError):
        compute_due("no.such_rule", D(2025, 1, 1), calendar=CAL)
    with pytest.raises(DomainError):
        rule_get("no.such_rule")


def test_fixed_date_rule_cannot_be_computed():
    with pytest.raises(DomainError):
        compute_due("plan.task", D(2025, 1, 1), calendar=CAL)


def test_every_rule_in_the_issue_table_is_shipped_with_its_length_and_unit():
    expected = {
        "reconsideration.application_period": (60, "natural_day"),
        "reconsideration.acceptance": (5, "working_day"),
        "reconsideration.correction_notice": (5, "working_day"),
        "reconsideration.correction_reply": (10, "working_day"),
        "reconsideration.copy_to_respondent": (7, "working_day"),
        "reconsideration.respondent_reply": (10, "working_day"),
        "reconsideration.decision": (60, "natural_day"),
        "reconsideration.simplified_copy": (3, "working_day"),
        "reconsideration.simplified_reply": (5, "working_day"),
        "reconsideration.simplified_decision": (30, "natural_day"),
        "litigation.defense": (15, "natural_day"),
        "disclosure.reply": (20, "working_day"),
        "disclosure.correction_notice": (7, "working_day"),
        "disclosure.third_party": (15, "working_day"),
        "petition.acceptance_notice": (15, "natural_day"),
        "petition.handling": (60, "natural_day"),
        "petition.review": (30, "natural_day"),
        "petition.rereview": (30, "natural_day"),
        "petition.registration": (15, "natural_day"),
        "petition.remit_objection": (5, "working_day"),
        "petition.review_application": (30, "natural_day"),
        "petition.rereview_application": (30, "natural_day"),
        "proposal.reply": (3, "month"),
        "proposals.reply_npc_session": (3, "month"),
        "proposals.reply_npc_recess": (3, "month"),
        "proposals.reply_cppcc_session": (3, "month"),
        "proposals.reply_cppcc_recess": (3, "month"),
        "proposals.signing": (5, "natural_day"),
        "proposals.assist_opinion": (1, "month"),
        "proposals.rehandling": (1, "month"),
        "mediation.conclusion": (1, "month"),
        "mediation.judicial_confirmation": (30, "natural_day"),
        "decision.public_comment_min": (30, "natural_day"),
        "decision.legality_review_min": (7, "working_day"),
        "normative_document.filing": (30, "natural_day"),
        "normative_document.correction_report": (30, "natural_day"),
        "normative_document.legality_review": (15, "working_day"),
        "normative_document.consultation_min": (30, "natural_day"),
        "penalty.case": (90, "natural_day"),
    }
    assert {k: (RULES[k].length, RULES[k].unit.value) for k in expected} == expected
    assert (
        RULES["reconsideration.decision"].extension_max,
        RULES["disclosure.reply"].extension_max,
        RULES["petition.handling"].extension_max,
    ) == (30, 20, 30)
    assert all(r.name and r.basis for r in RULES.values())
