"""Issue #11 in a real browser: list pages on a phone, and refused forms that keep what was typed.

- Every page of every demo persona's menu (plus a plan's task list and the portal's pages) at 390×844 with
  JavaScript off: the page is no wider than the screen and every list reads as cards, labelled by the server
  (fazhi/core/phone_cards.py + app.css, point 8).
- A progress report with an .exe renamed .pdf: the page comes back with the text typed, the error beside the file
  field and in view, and the note that the file must be chosen again (point 2).
- The portal's application with a wrong 身份证号码: everything typed is still there, the error beside the field.
Screenshots go to var/screenshots/ (looked at when the page changes).
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest

from tests.browser.conftest import browser_login
from tests.test_refused_forms import TYPED, share  # noqa: F401  (the fixture: a signed share of a small plan)

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DEMO_PASSWORD = "Fazhi@2026"
PHONE = {"width": 390, "height": 844}
# every demo persona's menu is walked (tests/test_persona_walk.py names them); the public's pages are the portal's
PUBLIC_PAGES = [
    "/portal/",
    "/portal/reconsideration/apply/",
    "/portal/reconsideration/lookup/",
    "/portal/reconsideration/decisions/",
    "/portal/disclosure/apply/",
    "/portal/consultations/",
    "/portal/major-decisions/",
    "/portal/documents/",
    "/portal/documents/cleanups/",
    "/portal/proposals/rate/",
    "/portal/proposals/results/",
]
# pages reached from a menu page rather than the menu, walked with the menu of who reaches them
EXTRA = {
    # 述法·学法·法律顾问 (issue 23 §3): the four record pages the menu's overview links to
    "fazhiban_head": [
        "/indicators/records/duty/",
        "/indicators/records/study/",
        "/indicators/records/tests/",
        "/indicators/records/advisers/",
    ],
}


def _widths(page) -> dict:
    """The page's width, and each list table in main: marked as cards, shown as cards (rows laid out as blocks), its
    right edge, and whether it is one the server should have marked (a one-row header of three or more columns)."""
    return page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            tables: [...document.querySelectorAll('main table')].map(t => {
                const head = t.tHead, row = t.tBodies[0] && t.tBodies[0].rows[0];
                const cols = head && head.rows.length === 1
                    ? [...head.rows[0].cells].reduce((n, c) => n + (c.colSpan || 1), 0) : 0;
                return {
                    cards: t.classList.contains('phone-cards'),
                    shown: !!row && getComputedStyle(row).display === 'block',
                    labelled: !row || row.cells.length === 0 || row.cells[0].hasAttribute('data-label'),
                    should: cols >= 3 && !t.classList.contains('no-cards') && !t.classList.contains('minical'),
                    right: Math.round(t.getBoundingClientRect().right),
                    id: t.id || t.className || (head ? head.innerText.slice(0, 20) : '?'),
                };
            }),
        })"""
    )


def _phone_without_javascript(browser, live_server, who: str):
    """A 390×844 browser context with JavaScript off, signed in as `who` (as the persona walk signs in)."""
    from django.conf import settings

    from tests.test_persona_walk import _client

    context = browser.new_context(locale="zh-CN", viewport=PHONE, java_script_enabled=False)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(live_server.url) else r.abort())
    if who != "public":
        session = _client(who).cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context


@pytest.mark.django_db(transaction=True)
def test_every_page_of_every_menu_fits_a_phone_and_its_lists_read_as_cards_without_javascript(browser, live_server):
    from django.core.management import call_command

    from fazhi.plans.models import Plan
    from tests.test_persona_walk import PERSONAS

    call_command("demo", stdout=StringIO())
    plan = Plan.objects.order_by("pk").first()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    seen_cards: set[str] = set()
    for who in sorted(PERSONAS):
        context = _phone_without_javascript(browser, live_server, who)
        page = context.new_page()
        page.set_default_timeout(15000)
        if who == "public":
            urls = PUBLIC_PAGES
        else:
            page.goto(f"{live_server.url}/")
            urls = page.locator("nav.sidenav a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
            assert urls, f"{who}: no menu"
        if who == "fazhiban_head":
            urls = [*urls, f"/plans/{plan.pk}/tasks/", f"/plans/{plan.pk}/"]
        urls = [*urls, *EXTRA.get(who, [])]
        for url in dict.fromkeys(urls):
            resp = page.goto(live_server.url + url)
            if resp is None or resp.status != 200:
                problems.append(f"{who} {url}: answered {resp and resp.status}")
                continue
            w = _widths(page)
            if w["page"] > PHONE["width"]:
                problems.append(f"{who} {url}: the page is {w['page']} px wide")
            for t in w["tables"]:
                if t["should"] and not (t["cards"] and t["shown"] and t["labelled"]):
                    problems.append(f"{who} {url}: table {t['id']} is not shown as labelled cards")
                if t["cards"]:
                    seen_cards.add(url)
                    if t["right"] > PHONE["width"]:
                        problems.append(f"{who} {url}: cards of table {t['id']} reach {t['right']} px")
        page.screenshot(path=str(SHOTS / f"phone-nojs-{who}-last-page-390x844.png"), full_page=False)
        context.close()
    assert problems == [], "\n".join(problems)
    # the lists read as cards: the dockets', the plan's, the supervision board's… (a sample of the pages seen)
    assert {"/reconsideration/", "/hotline/", f"/plans/{plan.pk}/tasks/", "/plans/tasks/mine/"} <= seen_cards
    # and the plan's task list, the biggest list of the demo, is one card a share, the column names as labels
    context = _phone_without_javascript(browser, live_server, "fazhiban_head")
    page = context.new_page()
    page.goto(f"{live_server.url}/plans/{plan.pk}/tasks/")
    first = page.locator("table.phone-cards tbody tr").first
    assert first.locator("td").nth(3).get_attribute("data-label") == "单位"
    assert first.evaluate("tr => getComputedStyle(tr.cells[3], '::before').content") == '"单位"'
    box = first.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"] and box["height"] > 150  # one share per card
    page.screenshot(path=str(SHOTS / "phone-nojs-plan-tasks-390x844.png"), full_page=False)
    context.close()


IN_VIEW = "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
SIZES = [(1366, 768), (390, 844)]


def _long_page(share):  # noqa: F811
    """Twelve earlier reports above the form, one of them 6,000 characters: the report form is far down the page."""
    from fazhi.orgs.models import User
    from fazhi.plans.models import TaskAssignment
    from fazhi.plans.services import assignment_report

    unit = User.objects.get(username="dept_liaison_market")
    for n in range(12):
        text = ("本月召开专题会议，逐项核对收费目录，督促各单位完成自查并报送台账。" * (200 if n == 0 else 3))[
            : 6000 if n == 0 else 90
        ]
        assignment_report(assignment=TaskAssignment.objects.get(pk=share.pk), by=unit, text=text)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_refused_upload_comes_back_with_the_text_typed_and_the_error_beside_the_file(
    page,
    live_server,
    login_as,
    share,  # noqa: F811
    tmp_path,
    width,
    height,
):
    # given the lead unit on a long task page (twelve earlier reports), with a program renamed .pdf
    _long_page(share)
    exe = tmp_path / "进展.pdf"
    exe.write_bytes(b"MZ\x90\x00 this is a program")
    page.set_viewport_size({"width": width, "height": height})
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
    # then the report form is open again with the text and the percentage, the error beside the file field and
    # scrolled into view by the page itself (app.js), and the page says the file must be chosen again
    form = page.locator(f"section#a{share.pk} details[data-step=report]")
    assert form.get_attribute("open") is not None
    assert form.locator("textarea").input_value() == TYPED
    assert form.locator("input[type=number]").input_value() == "40"
    field = form.locator(".field.has-error")
    assert "文件内容与扩展名不符" in field.locator(".field-error").inner_text()
    assert field.locator("input[type=file]").count() == 1
    assert "请重新选择" in field.inner_text()
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * height  # a long page, scrolled
    assert field.locator(".field-error").evaluate(IN_VIEW)
    file_input = field.locator("input[type=file]")
    assert file_input.get_attribute("aria-invalid") == "true"
    error_id = file_input.get_attribute("aria-describedby").split()[-1]
    assert "文件内容与扩展名不符" in page.locator(f"[id='{error_id}']").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"refused-upload-{width}x{height}.png"), full_page=False)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_6000_character_report_is_folded_and_opens_with_javascript_off(
    browser,
    live_server,
    share,  # noqa: F811
    width,
    height,
):
    # given a 6,000-character report among short ones, read with JavaScript off
    _long_page(share)
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": height}, java_script_enabled=False
    )
    page = context.new_page()
    browser_login(page, live_server, "dept_liaison_market")
    page.goto(f"{live_server.url}/plans/tasks/{share.task_id}/")
    # then it shows its first lines and 展开全文 with its length; the page stays within the screen
    fold = page.locator(f"section#a{share.pk} .fold")
    assert fold.count() == 1
    summary = fold.locator("summary")
    assert summary.inner_text() == "展开全文（共6000字）"
    box = fold.bounding_box()
    assert box is not None and box["height"] < height / 2  # about six lines wide, some fifteen on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    fold.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"folded-report-{width}x{height}.png"), full_page=False)
    # when 展开 is clicked (the native control, no script) the whole text shows
    summary.click()
    assert fold.locator("details").get_attribute("open") is not None
    assert fold.bounding_box()["height"] > 3 * box["height"]
    context.close()


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
    # and the progress lookup sent with a number but no phone keeps the number, says what is missing beside the phone
    # field, and fits the phone (it was 393 px wide at 390 in an earlier walk)
    page.goto(f"{live_server.url}/portal/reconsideration/lookup/")
    page.fill("[name=receipt_number]", "FY0000000000")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.input_value("[name=receipt_number]") == "FY0000000000"
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("[name=phone]").count() == 1
    assert field.locator(".field-error").inner_text() == "联系电话：请填写申请时留的联系电话"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "refused-portal-lookup-390x844.png"), full_page=False)
