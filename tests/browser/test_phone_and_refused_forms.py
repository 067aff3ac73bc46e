"""Issue #11 in a real browser: list pages on a phone, and refused forms that keep what was typed.

- Every list page of the demo city's menus (the office head's and the 复议 handler's, plus a plan's task list) at
  390×844: the page is no wider than the screen and every list reads as cards (app.js + app.css, point 8).
- A progress report with an .exe renamed .pdf: the page comes back with the text typed, the error beside the file
  field and in view, and the note that the file must be chosen again (point 2).
- The portal's application with a wrong 身份证号码: everything typed is still there, the error beside the field.
Screenshots go to var/screenshots/ (looked at when the page changes).
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest

from tests.test_refused_forms import TYPED, share  # noqa: F401  (the fixture: a signed share of a small plan)

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DEMO_PASSWORD = "Fazhi@2026"
PHONE = {"width": 390, "height": 844}
# the list pages of the two menus (checked against the menus below, so a new list page is not silently left out)
LISTS = {
    "fazhiban_head": [
        "/plans/tasks/mine/",
        "/plans/",
        "/plans/ranking/",
        "/plans/extensions/",
        "/plans/ladder/",
        "/reconsideration/",
        "/disclosure/",
        "/deadlines/",
        "/reconsideration/stats/",
        "/disclosure/table/",
        "/decisions/stats/",
        "/metrics/",
        "/supervision/",
        "/supervision/office/",
        "/supervision/extensions/",
        "/supervision/rules/",
        "/decisions/catalogues/",
        "/decisions/",
        "/consultations/",
        "/documents/",
        "/notifications/",
        "/mediation/",
        "/mediation/committees/",
        "/cases/stats/",
        "/petitions/",
        "/hotline/",
        "/legal-aid/",
        "/proposals/",
        "/proposals/reconciliation/",
        # landed 2026-12-01 (fifth stop): the office reads lawsuits; 执法监督, 督察, 指标, 年度报告, 驾驶舱
        "/litigation/",
        "/enforcement/",
        "/enforcement/bodies/",
        "/enforcement/stats/",
        "/enforcement/inspections/",  # 涉企检查 and 案卷评查 (issue #21, enforcement2)
        "/enforcement/reviews/",
        "/inspections/",
        "/inspections/findings/",
        "/indicators/",
        "/reports/",
        "/dashboards/",
        "/dashboards/leader/",
        # 述法·学法·法律顾问 (issue 23 §3): the overview in the menu and the four record pages it links to
        "/indicators/records/",
        "/indicators/records/duty/",
        "/indicators/records/study/",
        "/indicators/records/tests/",
        "/indicators/records/advisers/",
    ],
    "fuyi": [
        "/reconsideration/",
        "/litigation/",
        "/cases/templates/",
        "/cases/stats/",
        "/reconsideration/stats/",
        "/deadlines/",
        "/metrics/",
        "/supervision/",
    ],
}
NOT_LISTS = {
    "/",
    "/plans/import/",
    "/proposals/import/",
    "/deadlines/calculator/",
    "/reconsideration/intake/",
    "/litigation/register/",
}


def _widths(page) -> dict:
    return page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            tables: [...document.querySelectorAll('main table')].map(t => ({
                cards: t.classList.contains('phone-cards'),
                right: Math.round(t.getBoundingClientRect().right),
                id: t.id || t.className,
            })),
        })"""
    )


@pytest.mark.django_db(transaction=True)
def test_every_list_page_fits_a_phone_and_its_lists_read_as_cards(page, live_server, login_as):
    from django.core.management import call_command

    from fazhi.plans.models import Plan

    call_command("demo", stdout=StringIO())
    plan = Plan.objects.order_by("pk").first()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for who, urls in LISTS.items():
        login_as(who, DEMO_PASSWORD)
        menu = {a for a in page.locator("nav.sidenav a").evaluate_all("els => els.map(a => a.getAttribute('href'))")}
        assert menu - NOT_LISTS <= set(urls), (
            f"{who}: menu pages not checked here: {sorted(menu - NOT_LISTS - set(urls))}"
        )
        if who == "fazhiban_head":
            urls = [*urls, f"/plans/{plan.pk}/tasks/", f"/plans/{plan.pk}/"]
        page.set_viewport_size(PHONE)
        for url in urls:
            resp = page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            assert resp is not None and resp.status == 200, (who, url)
            w = _widths(page)
            if w["page"] > PHONE["width"]:
                problems.append(f"{who} {url}: the page is {w['page']} px wide")
            for t in w["tables"]:
                if t["cards"] and t["right"] > PHONE["width"]:
                    problems.append(f"{who} {url}: cards of table {t['id']} reach {t['right']} px")
        page.screenshot(path=str(SHOTS / f"phone-{who}-last-list-390x844.png"), full_page=False)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.click("text=退出")
        page.wait_for_url("**/accounts/login/")
    assert problems == [], "\n".join(problems)
    # and the plan's task list, the biggest list of the demo, is cards with the column names as labels
    login_as("fazhiban_head", DEMO_PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/plans/{plan.pk}/tasks/")
    first = page.locator("table.phone-cards tbody tr").first
    assert first.locator("td").nth(3).get_attribute("data-label") == "单位"
    box = first.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"] and box["height"] > 150  # one share per card
    page.screenshot(path=str(SHOTS / "phone-plan-tasks-390x844.png"), full_page=False)


@pytest.mark.django_db(transaction=True)
def test_a_refused_upload_comes_back_with_the_text_typed_and_the_error_beside_the_file(
    page,
    live_server,
    login_as,
    share,  # noqa: F811
    tmp_path,
):
    # given the lead unit on its task, with a program renamed .pdf
    exe = tmp_path / "进展.pdf"
    exe.write_bytes(b"MZ\x90\x00 this is a program")
    login_as("dept_liaison_market")
    page.goto(f"{live_server.url}/plans/tasks/{share.task_id}/")
    details = page.locator(f"section#a{share.pk} details[data-step=report]")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    # when it types its report, attaches the file and sends it
    details.locator("textarea").fill(TYPED)
    details.locator("input[type=number]").fill("40")
    details.locator("input[type=file]").set_input_files(str(exe))
    details.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    # then the report form is open again with the text and the percentage, the error beside the file field and in
    # view, and the page says the file must be chosen again
    form = page.locator(f"section#a{share.pk} details[data-step=report]")
    assert form.get_attribute("open") is not None
    assert form.locator("textarea").input_value() == TYPED
    assert form.locator("input[type=number]").input_value() == "40"
    field = form.locator(".field.has-error")
    assert "文件内容与扩展名不符" in field.locator(".field-error").inner_text()
    assert field.locator("input[type=file]").count() == 1
    assert "请重新选择" in field.inner_text()
    assert field.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    for w, h in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": w, "height": h})
        field.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"refused-upload-{w}x{h}.png"), full_page=False)


@pytest.mark.django_db(transaction=True)
def test_a_refused_portal_application_keeps_everything_typed(page, live_server, city):
    # given a member of the public on the application form, on a phone
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/portal/reconsideration/apply/")
    typed = {
        "name": "王小明",
        "id_number": "110105194912310021",  # the check digit is wrong (…002X is right)
        "phone": "13912345678",
        "address": "示范市人民路8号",
        "respondent": "示范市市场监督管理局",
        "act": "行政处罚决定",
        "request": "撤销该处罚决定",
        "facts": "执法人员未出示证件，处罚事实认定错误。",
    }
    for name, value in typed.items():
        page.fill(f"[name={name}]", value)
    # when it is sent
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    # then nothing is registered, everything typed is still there and the error stands beside 身份证号码, in view
    from fazhi.cases.models import Case

    assert Case.objects.count() == 0
    for name, value in typed.items():
        assert page.input_value(f"[name={name}]") == value, name
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("[name=id_number]").count() == 1
    assert "校验位" in field.locator(".field-error").inner_text()
    assert field.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "refused-portal-application-390x844.png"), full_page=False)
