"""行政应诉 statistics on a small known set (exact numbers), the configurable formulas, and the same figures from
the database, the drill-down lists and the `fazhi stats` command."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.dockets.litigation.stats import case_sets, compute_statistics

D = dt.date


def hearing(on, *, qualifying=None, requires_head=True):
    h = {"on": on, "requires_head": requires_head}
    if qualifying is not None:
        h["appearance"] = {"qualifying": qualifying, "head_attended": qualifying}
    return h


ROWS = [
    # 1: served 2025, closed 2025 by 撤销 (lost); two hearings: head present, then absent; defence on time
    {
        "pk": 1,
        "received_on": D(2025, 1, 6),
        "closed_on": D(2025, 5, 1),
        "outcome": "revoke",
        "state": "closed",
        "hearings": [hearing("2025-03-01", qualifying=True), hearing("2025-04-01", qualifying=False)],
        "defence_due": "2025-01-21",
        "defence_submitted_on": "2025-01-20",
        "after_reconsideration": True,
    },
    # 2: served 2025, closed 2025 by 驳回诉讼请求 (won); one hearing with a qualifying head; defence late
    {
        "pk": 2,
        "received_on": D(2025, 2, 3),
        "closed_on": D(2025, 6, 1),
        "outcome": "dismiss_claim",
        "state": "closed",
        "hearings": [hearing("2025-04-15", qualifying=True)],
        "defence_due": "2025-02-18",
        "defence_submitted_on": "2025-02-20",
        "after_reconsideration": False,
    },
    # 3: served 2025, withdrawn 2025 (not a judgment); no hearing
    {
        "pk": 3,
        "received_on": D(2025, 3, 3),
        "closed_on": D(2025, 3, 20),
        "outcome": "withdrawal",
        "state": "closed",
        "hearings": [],
        "defence_due": "2025-03-18",
        "defence_submitted_on": None,
        "after_reconsideration": False,
    },
    # 4: served 2024, closed 2025 by 确认违法 (lost); hearing 2024 (other year) and one 2025 not requiring the head
    {
        "pk": 4,
        "received_on": D(2024, 11, 4),
        "closed_on": D(2025, 2, 10),
        "outcome": "confirm_illegal",
        "state": "closed",
        "hearings": [
            hearing("2024-12-20", qualifying=True),
            hearing("2025-01-15", qualifying=False, requires_head=False),
        ],
        "defence_due": "2024-11-19",
        "defence_submitted_on": "2024-11-15",
        "after_reconsideration": True,
    },
    # 5: served 2025, 不予立案 ruling
    {
        "pk": 5,
        "received_on": D(2025, 4, 1),
        "closed_on": D(2025, 4, 8),
        "outcome": "not_filed",
        "state": "closed",
        "hearings": [],
        "defence_due": None,
        "defence_submitted_on": None,
        "after_reconsideration": False,
    },
    # 6: served 2025, open; a hearing held but appearance not recorded, and a future hearing
    {
        "pk": 6,
        "received_on": D(2025, 9, 1),
        "closed_on": None,
        "outcome": "",
        "state": "defended",
        "hearings": [hearing("2025-10-10"), hearing("2025-12-20")],
        "defence_due": "2025-09-16",
        "defence_submitted_on": "2025-09-16",
        "after_reconsideration": False,
    },
]
AS_OF = D(2025, 11, 30)


def test_figures_for_a_known_set():
    f = compute_statistics(ROWS, year=2025, as_of=AS_OF)
    assert (f["received"], f["accepted"], f["closed"], f["closed_by_judgment"], f["after_reconsideration"]) == (
        5,
        4,
        5,
        3,
        1,
    )
    assert {o["code"]: o["count"] for o in f["outcomes"] if o["count"]} == {
        "revoke": 1,
        "dismiss_claim": 1,
        "withdrawal": 1,
        "confirm_illegal": 1,
        "not_filed": 1,
    }
    # 败诉率 = lost (撤销 + 确认违法) ÷ closed by judgment (撤销, 驳回诉讼请求, 确认违法) = 2/3
    assert (f["lost"], f["lost_rate"]) == (2, 66.67)
    # 出庭率: 2025 hearings held by 30 Nov requiring a head: 3-01 ✓, 4-01 ✗, 4-15 ✓, 10-10 (unrecorded) ✗ → 2/4
    assert (f["hearings_held"], f["hearings_requiring"], f["head_appeared"], f["appearance_rate"]) == (5, 4, 2, 50.0)
    # 按期答辩: defences submitted in 2025 with a due date: 1 (on time), 2 (late), 6 (on the due day) → 2/3
    assert (f["on_time"], f["on_time_base"], f["on_time_rate"]) == (2, 3, 66.67)


def test_the_case_sets_hold_exactly_the_cases_behind_each_number():
    sets, _ = case_sets(ROWS, year=2025, as_of=AS_OF)
    assert sets["lost"] == [1, 4]
    assert sets["closed_by_judgment"] == [1, 2, 4]
    assert sets["hearings_requiring"] == [1, 2, 6]
    assert sets["head_appeared"] == [1, 2]
    assert sets["outcome:withdrawal"] == [3]
    assert sets["accepted"] == [1, 2, 3, 6]


def test_the_formulas_are_configurable():
    f = compute_statistics(
        ROWS,
        year=2025,
        as_of=AS_OF,
        formula={
            "lost": ["revoke"],
            "lost_denominator": ["revoke", "dismiss_claim", "confirm_illegal", "withdrawal"],
            "appearance_base": "all",
        },
    )
    assert (f["lost"], f["closed_by_judgment"], f["lost_rate"]) == (1, 4, 25.0)
    # all held hearings (incl. the one not requiring the head): 2 of 5
    assert (f["head_appeared"], f["hearings_requiring"], f["appearance_rate"]) == (2, 5, 40.0)


def test_settings_change_the_default_formula(settings):
    settings.FAZHI_LITIGATION_RATES = {"lost": ["revoke", "confirm_illegal", "dismiss_claim"]}
    assert compute_statistics(ROWS, year=2025, as_of=AS_OF)["lost_rate"] == 100.0


def test_no_cases_gives_no_rate():
    f = compute_statistics([], year=2025)
    assert (f["received"], f["lost_rate"], f["appearance_rate"], f["on_time_rate"]) == (0, None, None, None)


@pytest.fixture
def known_cases(heard, lawsuit, handler, head, city):
    """In the database: a lost case with the head in court, a won case with the head absent, a withdrawal."""
    from fazhi.dockets.litigation import services as s

    lost = heard()
    s.case_record_appearance(
        case=lost, by=handler, hearing="2025-04-10", head_attended=True, head_name="甲", head_position="principal"
    )
    s.case_close(case=lost, by=head, on=D(2025, 5, 20), outcome="revoke", summary="撤销")
    won = heard(defendant_unit=city["finance"])
    s.case_record_appearance(
        case=won, by=handler, hearing="2025-04-10", head_attended=False, absence_reason="出差", appeared="科长乙"
    )
    s.case_close(case=won, by=head, on=D(2025, 5, 21), outcome="dismiss_claim", summary="驳回")
    s.case_close(case=lawsuit(), by=head, on=D(2025, 3, 25), outcome="withdrawal")
    return {"lost": lost, "won": won}


@pytest.mark.django_db
def test_database_figures_drill_down_and_command_agree(known_cases):
    from fazhi.cases.stats import stats_drill, stats_figures

    f = stats_figures(docket="litigation", year=2025)
    assert (f["received"], f["closed"], f["closed_by_judgment"], f["lost"], f["lost_rate"]) == (3, 3, 2, 1, 50.0)
    assert (f["hearings_requiring"], f["head_appeared"], f["appearance_rate"]) == (2, 1, 50.0)
    assert (f["on_time"], f["on_time_base"], f["on_time_rate"]) == (2, 2, 100.0)
    lost = stats_drill(docket="litigation", key="lost", year=2025)
    assert [c.pk for c in lost] == [known_cases["lost"].pk]
    out = io.StringIO()
    call_command("stats", "litigation", "--year", "2025", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert {k: printed[k] for k in ("received", "lost", "lost_rate", "appearance_rate")} == {
        "received": 3,
        "lost": 1,
        "lost_rate": 50.0,
        "appearance_rate": 50.0,
    }
    assert sorted(printed) == sorted([*f.keys()])


@pytest.mark.django_db
def test_the_unit_filter_and_the_per_unit_table(known_cases):
    from fazhi.cases.stats import stats_by_unit, stats_figures

    f = stats_figures(docket="litigation", year=2025, unit_code="C003")
    assert (f["received"], f["lost"], f["lost_rate"], f["appearance_rate"]) == (1, 0, 0.0, 0.0)
    rows = {r["unit"]: (r["received"], r["lost"]) for r in stats_by_unit(docket="litigation", year=2025)}
    assert rows == {"C002": (2, 1), "C003": (1, 0)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["litigation", "--year", "20x5"], "年度“20x5”不是有效的四位年份。"),
        (["litigation", "--year", "1800"], "年度应在1990年至"),
        (["litigation", "--year", "2025", "--unit", "NOPE"], "未找到编码为“NOPE”的单位。"),
        (["nosuch", "--year", "2025"], "没有案件类型“nosuch”的统计"),
    ],
)
def test_bad_input_to_the_command_exits_2_with_a_chinese_message(args, message, city):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("stats", *args, "--json", stderr=err)
    assert exc.value.code == 2
    assert message in err.getvalue()


def test_a_quarter_counts_only_what_happened_inside_it():
    from fazhi.cases.periods import Period

    q1 = compute_statistics(ROWS, year=Period(2025, "Q1"), as_of=AS_OF)
    # received Jan–Mar: 1, 2, 3; closed Jan–Mar: 3 (withdrawal 3-20) and 4 (确认违法 2-10)
    assert (q1["year"], q1["period"], q1["received"], q1["accepted"], q1["closed"]) == (2025, "Q1", 3, 3, 2)
    assert (q1["closed_by_judgment"], q1["lost"], q1["lost_rate"]) == (1, 1, 100.0)
    # hearings held in Q1: 1-15 (not requiring the head) and 3-01 (head present) → requiring 1, appeared 1
    assert (q1["hearings_held"], q1["hearings_requiring"], q1["head_appeared"]) == (2, 1, 1)
    # defences submitted in Q1: 1 (on time), 2 (late) → 1/2
    assert (q1["on_time"], q1["on_time_base"], q1["on_time_rate"]) == (1, 2, 50.0)
    h2 = compute_statistics(ROWS, year=Period(2025, "H2"), as_of=AS_OF)
    assert (h2["received"], h2["closed"], h2["hearings_held"], h2["on_time"]) == (1, 0, 1, 1)
    assert "period" not in compute_statistics(ROWS, year=2025, as_of=AS_OF)  # the whole-year JSON is unchanged


@pytest.mark.django_db
def test_the_command_and_the_page_take_a_period(known_cases, login_client, persona):
    out = io.StringIO()
    call_command("stats", "litigation", "--year", "2025", "--period", "Q2", "--json", stdout=out)
    q2 = json.loads(out.getvalue())
    # the two heard cases closed in May (Q2); the withdrawal closed 25 March (Q1)
    assert (q2["period"], q2["closed"], q2["lost"], q2["closed_by_judgment"]) == ("Q2", 2, 1, 2)
    out = io.StringIO()
    call_command("stats", "litigation", "--year", "2025", "--period", "M03", "--json", stdout=out)
    assert json.loads(out.getvalue())["closed"] == 1
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("stats", "litigation", "--year", "2025", "--period", "Q9", stderr=err)
    assert exc.value.code == 2 and "统计期间“Q9”无效" in err.getvalue()
    c = login_client(persona("reconsideration_head", "justice"))  # may open lawsuits (the drill lists them)
    page = c.get("/cases/stats/litigation/", {"year": "2025", "period": "Q2"})
    html = page.content.decode()
    assert page.status_code == 200 and "行政应诉统计（2025年第二季度）" in html
    assert '<option value="Q2" selected>第二季度</option>' in html
    lost_link = next(r["url"] for r in page.context["rows"] if r["label"] == "败诉")
    assert "period=Q2" in lost_link and "year=2025" in lost_link
    drill = c.get(lost_link)
    assert [row[0].pk for row in drill.context["rows"]] == [known_cases["lost"].pk]
    assert "2025年第二季度" in drill.content.decode()
    office = login_client(persona("office_staff"))  # the export is the office's (cases.stats.export)
    export = office.get("/cases/stats/litigation/export/", {"year": "2025", "period": "Q2"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content))["总体情况"]
    assert sheet["A1"].value == "行政应诉统计（2025年第二季度）"
    assert "2025%E5%B9%B4%E7%AC%AC%E4%BA%8C%E5%AD%A3%E5%BA%A6" in export["Content-Disposition"]  # 2025年第二季度
    bad = c.get("/cases/stats/litigation/", {"year": "2025", "period": "X1"}).content.decode()
    assert "统计期间“X1”无效" in bad and "行政应诉统计（2025年）" in bad
