"""法治政府建设年度报告 end to end in Chromium (issue #24): the office creates the year's report → contribution tasks
go to two units → each unit writes → the office merges them and inserts two figures from the picker → freezes →
保密审查 → approval → published on the portal; a frozen figure's link opens its records; the template page; the
cockpit shows a tile that drills to a list. Screenshots of the report and template pages at 1366×768 and 390×844 in
$FAZHI_SHOTS (or /tmp)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = Path(os.environ.get("FAZHI_SHOTS") or "/tmp/reports-shots")
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} overflows at {width}px"
    page.set_viewport_size({"width": 1366, "height": 768})


def _done(page) -> None:
    errors = page.locator(".field-error, .form-errors, .msg-error").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def _logout(page) -> None:
    page.click("button:has-text('退出')")
    page.wait_for_load_state("networkidle")


def _step(page, step: str, summary: str, fields: dict[str, str], button: str) -> None:
    page.click(f"summary:has-text('{summary}')")
    form = page.locator(f"form[action$='/steps/{step}/']")
    for name, value in fields.items():
        if name == "passed":
            form.locator("select[name=passed]").select_option(value)
        else:
            form.locator(f"[name={name}]").fill(value)
    page.click(button)
    page.wait_for_load_state("networkidle")
    _done(page)


def test_the_years_report_from_contributions_to_the_portal_with_figures_that_open_their_records(
    page, live_server, persona, city, login_as
):
    from fazhi.cases.services import case_create
    from fazhi.deadlines.selectors import today_local
    from fazhi.reports.models import Contribution, Report

    today = today_local()
    orders = [
        case_create(
            docket="hotline",
            handling_unit=city["justice"],
            received_on=today - dt.timedelta(days=i),
            by=None,
            extra={"type": "complaint", "category": category},
        )
        for i, category in enumerate(("housing", "housing", "traffic"))
    ]
    persona("office_head", "justice")
    persona("dept_liaison", "market")
    persona("district_liaison", "district")
    persona("leader", "gov")

    # the office creates the year's report
    login_as("office_head_justice")
    page.goto(f"{live_server.url}/reports/")
    page.fill("input[name=year]", str(today.year))
    page.click("#report-create")
    page.wait_for_load_state("networkidle")
    report = Report.objects.get(year=today.year, unit__isnull=True)
    assert page.locator("h1").inner_text() == f"示范市人民政府{today.year}年法治政府建设年度报告"

    # contribution tasks to two units (supervisable items)
    page.click("summary:has-text('下发供稿任务')")
    page.select_option("select[name=units]", [str(city["market"].pk), str(city["district"].pk)])
    page.fill("input[name=due]", (today + dt.timedelta(days=10)).isoformat())
    page.click("#contributions-send")
    page.wait_for_load_state("networkidle")
    _done(page)
    assert page.locator(".msg-success").inner_text().strip() == "已向2个单位下发供稿任务（督办事项）。"
    _logout(page)

    # each unit writes its paragraphs
    sections = {s.part: s for s in report.sections.order_by("-order")}  # the first section of each part
    writes = {
        "dept_liaison_market": {"shortcomings": "市场监管领域执法规范化水平有待提高。"},
        "district_liaison_district": {"duty": "区政府主要负责人专题研究法治工作4次。", "plans": "推进法治督察。"},
    }
    for username, texts in writes.items():
        login_as(username)
        page.goto(f"{live_server.url}/reports/contributions/")
        page.click(f"a:has-text('{today.year}年')")
        page.wait_for_load_state("networkidle")
        for part, text in texts.items():
            page.fill(f"textarea[name=section-{sections[part].pk}]", text)
        page.click("form button.primary")
        page.wait_for_load_state("networkidle")
        _done(page)
        _logout(page)
    assert sorted(Contribution.objects.values_list("state", flat=True)) == ["submitted", "submitted"]

    # the office merges both, inserts two figures from the picker into the first sub-heading, and freezes
    login_as("office_head_justice")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    for _ in range(2):
        page.locator("button:has-text('并入草稿')").first.click()
        page.wait_for_load_state("networkidle")
        _done(page)
    first = report.sections.filter(part="measures").order_by("order").first()
    page.goto(f"{live_server.url}/reports/{report.pk}/sections/{first.pk}/")
    page.fill("#section-form textarea", "全年受理12345热线诉求")
    page.fill("#metric-filter", "hotline.received")
    page.click("button[data-insert='hotline.received']")
    page.locator("#section-form textarea").press("End")
    page.locator("#section-form textarea").type("，新收行政复议案件")
    page.fill("#metric-filter", "reconsideration.received")
    page.click("button[data-insert='reconsideration.received']")
    text = page.locator("#section-form textarea").input_value()
    assert text == "全年受理12345热线诉求{{hotline.received}}，新收行政复议案件{{reconsideration.received}}"
    page.click("#section-preview")
    page.wait_for_load_state("networkidle")
    assert "全年受理12345热线诉求3件，新收行政复议案件0件" in page.locator("#preview").inner_text()
    page.click("#section-save")
    page.wait_for_load_state("networkidle")
    _done(page)
    _shot(page, "report")
    page.click("#report-freeze")
    page.wait_for_load_state("networkidle")
    _done(page)
    assert (
        page.locator(".msg-success").inner_text().strip() == "已定稿：第1版，28项指标已冻结。"
    )  # the two inserted and the default template's 26 others

    # 保密审查 → approval → publication
    on = today.isoformat()
    _step(page, "secrecy", "记录保密审查", {"on": on, "passed": "1"}, "#secrecy-record")
    _step(page, "approve", "主要负责人审批", {"on": on}, "#report-approve")
    _step(page, "publish", "登记门户公开", {"on": on, "url": "http://www.example.gov.cn/fzbg"}, "#report-publish")

    # a frozen figure's link opens the records behind it
    page.goto(f"{live_server.url}/reports/{report.pk}/versions/1/")
    page.locator("tr", has_text="hotline.received").locator("a").first.click()
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert all(o.case_number in content for o in orders)

    # the template page
    page.goto(f"{live_server.url}/reports/templates/{today.year}/")
    assert page.locator(".tpl-part h2").all_inner_texts()[0] == f"一、{today.year}年推进法治政府建设的主要举措和成效"
    _shot(page, "template")
    _logout(page)

    # published on the portal, with the frozen figures
    page.goto(f"{live_server.url}/portal/annual-reports/")
    page.click(f"a:has-text('{today.year}年法治政府建设年度报告')")
    page.wait_for_load_state("networkidle")
    body = page.locator("article").inner_text()
    assert "全年受理12345热线诉求3件，新收行政复议案件0件" in body
    assert "市场监管领域执法规范化水平有待提高。" in body and "区政府主要负责人专题研究法治工作4次。" in body

    # the cockpit: a tile drills to the list of its records
    login_as("leader_gov")
    page.goto(f"{live_server.url}/dashboards/")
    page.locator("#tile-hotline_topics .tile-items a", has_text="交通出行").click()
    page.wait_for_load_state("networkidle")
    assert orders[2].case_number in page.content() and orders[0].case_number not in page.content()
