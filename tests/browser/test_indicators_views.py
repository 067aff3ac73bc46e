"""Issue 23's browser test of the indicator pages the flow test does not walk: the ranking (市直单位 and 区县 tables,
exact ranks — a tie shares one — and scores, and its Excel with the same two tables), a unit's 法治画像 reached from
the ranking (its rank within its tier, its score, each 一级 indicator, the bound survey metric, 发起督办 on its gaps; a
district's, with no rate to draw, shows no empty chart), the 公众满意度调查 (created and opened by the office, answered
on the portal — a second sheet from the same phone refused —, the figures recorded; 答题码 downloaded as Excel, one
answer per code) and the 述法 download (its name, and the workbook's exact rows). Screenshots (FAZHI_SCREENSHOTS) at
1366×768, 1920×1080 and 390×844; no page scrolls sideways at any of them."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = ((1366, 768), (1920, 1080), (390, 844))
TEXT = "一、群众满意（10分）\n1.群众满意度（10分）\n二、依法决策（10分）\n1.决策目录公布（4分）\n2.合法性审查（6分）\n"
RATE = "indicators.survey_satisfaction_rate"


def _shots(page, name: str) -> None:
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"indicators-views-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _login(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Passw0rd!x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def _ready(*users) -> None:
    for u in users:
        u.must_change_password = False
        u.save()


def _rows(page, selector: str) -> list[list[str]]:
    return [
        [c.strip() for c in row.locator("td").all_inner_texts()] for row in page.locator(f"{selector} tbody tr").all()
    ]


def _assessed_set(office, city, west):
    """This year's set: 群众满意度 bound to the survey rate (the market bureau's, frozen), 决策目录公布 (达标, 4 points)
    and 合法性审查 (分档, 6 points) scored by review for city units, two districts and a district's department."""
    from fazhi.deadlines.selectors import today_local
    from fazhi.indicators.parsing import parse_indicator_text
    from fazhi.indicators.services import (
        indicator_node_update,
        indicator_results_freeze,
        indicator_set_import,
        review_score,
    )
    from fazhi.indicators.services_survey import survey_answer_submit, survey_create, survey_state_set

    year = today_local().year
    survey = survey_create(
        by=office,
        title="市场监管满意度调查",
        year=year,
        owner=city["justice"],
        subject=city["market"],
        questions=["总体评价"],
        sample_target=10,
    )
    survey = survey_state_set(by=office, survey=survey, state="open")
    q = survey.questions.get()
    for i, rating in enumerate(("satisfied", "basic", "unsatisfied")):  # 2 of 3: 66.67%
        survey_answer_submit(survey=survey, phone=f"139000000{i:02d}", ratings={q.pk: rating})
    s = indicator_set_import(
        by=office,
        nodes=parse_indicator_text(TEXT),
        code="PM",
        name=f"{year}年度法治考核",
        year=year,
        owner=city["justice"],
    )
    manyi = s.nodes.get(title="群众满意度")
    indicator_node_update(
        by=office,
        node=manyi,
        points=Decimal(10),
        method="rate",
        target=Decimal(90),
        metric_key=RATE,
        lead_units=[city["market"]],
    )
    mulu = s.nodes.get(title="决策目录公布")
    indicator_node_update(
        by=office,
        node=mulu,
        points=Decimal(4),
        method="pass_fail",
        lead_units=[city["market"]],
        co_units=[city["finance"], city["justice"], city["district"], city["district_market"], west],
    )
    shencha = s.nodes.get(title="合法性审查")
    indicator_node_update(
        by=office,
        node=shencha,
        points=Decimal(6),
        method="graded",
        lead_units=[city["market"]],
        co_units=[west],
    )
    indicator_results_freeze(by=office, indicator_set=s, unit=city["market"])  # 10 × 66.67 ÷ 90 = 7.41
    for unit, score in (
        (city["market"], "4"),
        (city["finance"], "2"),
        (city["justice"], "2"),
        (city["district"], "1"),
        (west, "3"),
        (city["district_market"], "4"),  # a district's department: in neither table
    ):
        review_score(by=office, node=mulu, unit=unit, score=Decimal(score))
    review_score(by=office, node=shencha, unit=city["market"], score=Decimal("3.5"))
    review_score(by=office, node=shencha, unit=west, score=Decimal("4.5"))
    return s, year


def test_ranking_tables_and_a_units_portrait(page, live_server, persona, city):
    from openpyxl import load_workbook

    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory
    from fazhi.supervision.models import Item

    west = UnitFactory(
        code="D200", name="示范市西城区人民政府", kind=UnitKind.GOVERNMENT, level=UnitLevel.COUNTY, parent=city["gov"]
    )
    office = persona("office_staff", "justice", username="fazhiban")
    _ready(office)
    s, year = _assessed_set(office, city, west)

    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/{s.pk}/ranking/")
    # 市直单位: 7.41 + 4 + 3.5 = 14.91; 财政局 and 司法局 tie at 2 and share 第2名 (by code within the tie: C001, C003)
    assert [r[:4] for r in _rows(page, "#ranking")] == [
        ["1", "示范市市场监督管理局", "14.91", "3"],
        ["2", "示范市司法局", "2", "1"],
        ["2", "示范市财政局", "2", "1"],
    ]
    # 区县: the district governments only (东城区市场监管局's 4 is in neither table)
    assert [r[:4] for r in _rows(page, "#district-ranking")] == [
        ["1", "示范市西城区人民政府", "7.5", "2"],
        ["2", "示范市东城区人民政府", "1", "1"],
    ]
    assert page.locator("#ranking tbody tr td:last-child a:has-text('查看画像')").count() == 3
    _shots(page, "ranking")
    # the page's Excel: the same two tables, the same ranks and scores
    with page.expect_download() as got:
        page.click("#ranking-export")
    assert got.value.suggested_filename == f"PM-{year}-考核.xlsx"
    wb = load_workbook(BytesIO(Path(got.value.path()).read_bytes()), read_only=True)
    assert list(wb["单位排名"].iter_rows(values_only=True)) == [
        ("名次", "单位", "单位编码", "总得分", "已得分指标"),
        (1, "示范市市场监督管理局", "C002", 14.91, 3),
        (2, "示范市司法局", "C001", 2, 1),
        (2, "示范市财政局", "C003", 2, 1),
    ]
    assert [r[:4] for r in wb["区县排名"].iter_rows(values_only=True)][1:] == [
        (1, "示范市西城区人民政府", "D200", 7.5),
        (2, "示范市东城区人民政府", "D100", 1),
    ]

    # the 法治画像 of the 司法局 from its row: tied second of three among the 市直单位
    page.locator("#ranking tbody tr", has_text="示范市司法局").locator("a:has-text('查看画像')").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/indicators/{s.pk}/units/C001/")
    assert page.locator("#portrait-rank").inner_text() == "第2名 / 共3"
    assert page.locator("#portrait-total").inner_text() == "2"
    assert page.locator("#portrait-rank").locator("xpath=..").locator(".small").inner_text() == "市直单位排名"

    # the market bureau's: first of three, each 一级 indicator, the survey rate over three years, its gap
    page.goto(f"{live_server.url}/indicators/{s.pk}/ranking/")
    page.locator("#ranking tbody tr", has_text="示范市市场监督管理局").locator("a:has-text('查看画像')").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "法治画像：示范市市场监督管理局"
    assert page.locator("#portrait-rank").inner_text() == "第1名 / 共3"
    assert page.locator("#portrait-total").inner_text() == "14.91"
    assert _rows(page, "#portrait-heads") == [
        ["群众满意", "10", "7.41", "74.1%"],
        ["依法决策", "10", "7.5", "75.0%"],
    ]
    assert _rows(page, "#portrait-metrics") == [["公众满意率（%）", "—", "—", "66.67%"]]
    page.wait_for_selector(".chart canvas")  # the three-year line chart draws under the CSP
    # 群众满意度 66.67 below its 90; the two reviewed leaves have no value to hold against a target
    assert page.locator("#portrait-gap-count").inner_text() == "1"
    assert _rows(page, "#portrait-gaps") == [["群众满意度", "66.67", "≥90", "未督办"]]
    _shots(page, "portrait")
    page.click("#raise-gaps")
    page.wait_for_load_state("networkidle")
    assert "短板督办事项：1 项" in page.content()
    assert list(Item.objects.filter(kind="indicators.gap").values_list("unit__code", "title")) == [
        ("C002", "考核指标短板：群众满意度")
    ]
    assert page.locator("#raise-gaps").count() == 0 and "未督办" not in page.locator("#portrait-gaps").inner_text()

    # a district's portrait ranks among the 区县
    page.goto(f"{live_server.url}/indicators/{s.pk}/units/D200/")
    assert page.locator("#portrait-rank").inner_text() == "第1名 / 共2"
    assert page.locator("#portrait-total").inner_text() == "7.5"
    assert page.locator("#portrait-rank").locator("xpath=..").locator(".small").inner_text() == "区县排名"
    # the survey was about the market bureau: no rate for 西城区 in three years, so no empty chart frame
    assert _rows(page, "#portrait-metrics") == [["公众满意率（%）", "—", "—", "—"]]
    assert page.locator(".chart").count() == 0 and page.locator("#portrait-no-chart").is_visible()
    _shots(page, "portrait-district")


def test_a_survey_created_opened_answered_and_its_figures(page, live_server, persona, city):
    from fazhi.deadlines.selectors import today_local
    from fazhi.indicators.models_survey import Survey, SurveyResponse

    office = persona("office_staff", "justice", username="fazhiban")
    _ready(office)
    year = today_local().year
    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/surveys/")
    form = page.locator("#survey-create")
    form.locator("[name=title]").fill(f"{year}年度市场监管群众满意度调查")
    form.locator("[name=year]").fill(str(year))
    form.locator("[name=subject]").select_option(str(city["market"].pk))
    form.locator("[name=identity]").select_option("phone")
    form.locator("[name=sample_target]").fill("10")
    form.locator("[name=questions]").fill("窗口服务态度\n办事效率")
    _shots(page, "surveys")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    survey = Survey.objects.get()
    assert page.url.endswith(f"/indicators/surveys/{survey.pk}/")
    assert (survey.subject_id, survey.state) == (city["market"].pk, "draft")
    page.click("#survey-open")
    page.wait_for_load_state("networkidle")
    assert page.locator("#survey-state").inner_text() == "进行中"
    q1, q2 = survey.questions.order_by("position")

    # the public answers on the portal, signed out: two sheets, then the first phone again (refused)
    page.context.clear_cookies()
    sheet = f"{live_server.url}/portal/surveys/{survey.pk}/"
    for phone, first, second in (("13900001111", "satisfied", "unsatisfied"), ("13900002222", "basic", "satisfied")):
        page.goto(sheet)
        page.check(f"[name=q_{q1.pk}][value={first}]")
        page.check(f"[name=q_{q2.pk}][value={second}]")
        page.fill("[name=phone]", phone)
        if phone.endswith("1111"):
            _shots(page, "portal-sheet")
        page.click("#survey-form button[type=submit]")
        page.wait_for_url("**/?done=1")  # (the thank-you page; a refusal would stay on the sheet)
        assert page.locator("#survey-done").is_visible()
    assert page.locator("#progress-count").inner_text() == "2"
    page.goto(sheet)
    page.check(f"[name=q_{q1.pk}][value=satisfied]")
    page.check(f"[name=q_{q2.pk}][value=satisfied]")
    page.fill("[name=phone]", "13900001111")
    page.click("#survey-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "该手机号码已参与本次调查，每份限答一次" in page.locator("#survey-form").inner_text()
    assert page.input_value("[name=phone]") == "13900001111"
    assert SurveyResponse.objects.filter(survey=survey).count() == 2
    _shots(page, "portal-refused")

    # the office's page: 2 sheets of 10; 3 of 4 ratings 满意 or 基本满意 → 75%
    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/surveys/{survey.pk}/")
    assert page.locator("#survey-responses").inner_text() == "2 / 10"
    assert page.locator("#survey-rate").inner_text() == "75.0%"
    assert _rows(page, "#survey-questions") == [
        ["1. 窗口服务态度", "1", "1", "0", "100.0%"],
        ["2. 办事效率", "1", "0", "1", "50.0%"],
    ]
    page.wait_for_selector(".chart canvas")
    _shots(page, "survey")
    page.click("#survey-close")
    page.wait_for_load_state("networkidle")
    assert page.locator("#survey-state").inner_text() == "已结束"


def test_the_duty_report_download(page, live_server, persona, city):
    from openpyxl import load_workbook

    from fazhi.indicators.models import DutyReport
    from fazhi.indicators.services_records import duty_report_record

    office = persona("office_staff", "justice", username="fazhiban")
    _ready(office)
    year = dt.date.today().year - 1  # reported on last year, heard in its December
    duty_report_record(
        by=office,
        unit=city["district"],
        year=year,
        reporter="王区长",
        post="区长",
        heard_on=dt.date(year, 12, 20),
        heard_by="区委全面依法治区委员会",
        text="履行推进法治建设第一责任人职责情况。",
        rating="good",
    )

    # the office records the market bureau's report on the page
    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/records/duty/?year={year}")
    form = page.locator("#duty-form")
    form.locator("[name=unit]").select_option(str(city["market"].pk))
    form.locator("[name=year]").fill(str(year))
    form.locator("[name=reporter]").fill("张局长")
    form.locator("[name=post]").fill("局长")
    form.locator("[name=heard_on]").fill(f"{year}-12-10")
    form.locator("[name=heard_by]").fill("市委全面依法治市委员会")
    form.locator("[name=rating]").select_option("good")
    form.locator("[name=text]").fill("一年来履行推进法治建设第一责任人职责。")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors").all_inner_texts()
    assert DutyReport.objects.filter(unit=city["market"], year=year).count() == 1, errors
    assert page.locator("#duty-reports tbody tr").count() == 2
    assert _rows(page, "#coverage-levels") == [
        ["市级", "4", "1", "25.0%"],
        ["县（区）级", "2", "1", "50.0%"],
        ["合计", "6", "2", "33.33%"],
    ]
    _shots(page, "duty")

    with page.expect_download() as got:
        page.click("#duty-export")
    download = got.value
    assert download.suggested_filename == f"{year}年度述职述法.xlsx"
    data = Path(download.path()).read_bytes()
    assert data[:2] == b"PK"
    wb = load_workbook(BytesIO(data), read_only=True)
    assert wb.sheetnames == ["述职述法", "覆盖情况", "未述法单位"]
    coverage = list(wb["覆盖情况"].iter_rows(values_only=True))
    assert coverage[-1] == ("合计", 6, 2, 33.33)
    reports = list(wb["述职述法"].iter_rows(values_only=True))
    market = next(r for r in reports[2:] if r[1] == "C002")
    assert market[:8] == (
        "示范市市场监督管理局",
        "C002",
        "市级",
        "张局长",
        "局长",
        f"{year}-12-10",
        "市委全面依法治市委员会",
        "较好",
    )
    assert sorted(r[1] for r in list(wb["未述法单位"].iter_rows(values_only=True))[1:]) == [
        "C000",
        "C001",
        "C003",
        "D101",
    ]


def test_answer_codes_downloaded_and_used_once(page, live_server, persona, city):
    from openpyxl import load_workbook

    from fazhi.deadlines.selectors import today_local
    from fazhi.indicators.models_survey import SurveyResponse
    from fazhi.indicators.services_survey import survey_create

    office = persona("office_staff", "justice", username="fazhiban")
    _ready(office)
    survey = survey_create(
        by=office,
        title="东城区依法行政满意度调查",
        year=today_local().year,
        owner=city["justice"],
        subject=city["district"],
        questions=["依法行政总体评价"],
        sample_target=3,
        identity="code",
    )
    (q,) = survey.questions.all()

    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/surveys/{survey.pk}/")
    page.click("#survey-open")
    page.wait_for_load_state("networkidle")
    page.fill("#survey-codes [name=count]", "3")
    with page.expect_download() as got:
        page.click("#survey-codes button[type=submit]")
    download = got.value
    assert download.suggested_filename == f"答题码-{survey.pk}.xlsx"
    rows = list(load_workbook(BytesIO(Path(download.path()).read_bytes())).active.iter_rows(values_only=True))
    assert rows[1] == ("序号", "答题码", "答题网址") and [r[0] for r in rows[2:]] == [1, 2, 3]
    assert rows[2][2] == f"/portal/surveys/{survey.pk}/"
    code = rows[2][1]
    assert len(code) == 8

    page.context.clear_cookies()
    sheet = f"{live_server.url}/portal/surveys/{survey.pk}/"
    page.goto(sheet)
    page.check(f"[name=q_{q.pk}][value=basic]")
    page.fill("[name=code]", code)
    page.click("#survey-form button[type=submit]")
    page.wait_for_url("**/?done=1")
    assert page.locator("#progress-count").inner_text() == "1"
    page.goto(sheet)  # the same code again: refused beside the field, nothing saved
    page.check(f"[name=q_{q.pk}][value=satisfied]")
    page.fill("[name=code]", code)
    page.click("#survey-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "该答题码已参与本次调查，每份限答一次" in page.locator("#survey-form").inner_text()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    _shots(page, "portal-code-refused")

    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/surveys/{survey.pk}/")
    assert page.locator("#survey-responses").inner_text() == "1 / 3"
    assert page.locator("#survey-rate").inner_text() == "100.0%"
    _shots(page, "survey-codes")
