"""Issue 16, done means: import a 交办 list of 3 items → the lead unit signs, records the contact, drafts; its head
signs the 答复函; it is sent → the deputy rates it 不满意 on the portal with the one-time code → re-handling → 满意
(staff-entered) → the office marks it 销号; the figures change accordingly. Screenshots (FAZHI_SCREENSHOTS) of the
detail page and the reconciliation sheet at 1366×768, 1920×1080 and 390×844; no page scrolls sideways."""

from __future__ import annotations

import os

import pytest
from openpyxl import Workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = ((1366, 768), (1920, 1080), (390, 844))


def _shots(page, name: str) -> None:
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"proposals-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _login(page, live_server, username: str) -> None:
    from tests.browser.conftest import browser_login

    page.context.clear_cookies()
    browser_login(page, live_server, username)
    assert "/accounts/login/" not in page.url, page.inner_text("body")[:300]


def _step(page, live_server, pk: int, label: str, fill=None, select=None) -> None:
    page.goto(f"{live_server.url}/proposals/{pk}/")
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fill or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (select or {}).items():
        page.select_option(f"[name={name}]", value)
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors, .errorlist").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def test_import_answer_portal_rating_rehandling_and_reconciliation(page, live_server, persona, city, tmp_path):
    from fazhi.cases.models import Case
    from fazhi.cases.services import today_local
    from fazhi.cases.stats import stats_figures
    from fazhi.dockets.proposals.imports import COLUMNS
    from fazhi.jobs.services import jobs_run_pending

    for role, unit, name in (
        ("office_staff", "justice", "fazhiban"),
        ("dept_liaison", "market", "lianluo"),
        ("proposal_head", "market", "fuzeren"),
    ):
        u = persona(role, unit, username=name)
        u.must_change_password = False
        u.save()
    today = today_local().isoformat()
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    session = "示范市第十八届人民代表大会第四次会议"
    for n, title in enumerate(("关于加强停车管理的建议", "关于改善农贸市场环境的建议", "关于规范校外培训的建议"), 1):
        ws.append(["人大", session, "第十八届", today_local().year, str(n), title, "大会期间", "城乡建设", "张代表",
                   "东城区代表团", "", "市市场监管局", "", "", today, ""])  # fmt: skip
    path = tmp_path / "jiaoban.xlsx"
    wb.save(path)

    # the government office imports the 交办 list
    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/proposals/import/")
    page.set_input_files("input[name=file]", str(path))
    page.click("button[type=submit]:has-text('导入')")
    page.wait_for_load_state("networkidle")
    assert jobs_run_pending() == 1
    assert Case.objects.filter(docket="proposals").count() == 3
    case = Case.objects.get(docket="proposals", extra__number="1")

    # the lead unit signs, contacts the deputy, drafts; its head signs; it is sent
    _login(page, live_server, "lianluo")
    page.goto(f"{live_server.url}/proposals/")
    assert page.locator("table tbody tr").count() == 3
    _step(page, live_server, case.pk, "签收")
    _step(page, live_server, case.pk, "登记与代表/委员沟通", select={"form": "visit"})
    _step(page, live_server, case.pk, "拟写答复函", {"text": "已在小区周边增设停车泊位200个。"}, {"result_class": "A"})
    _login(page, live_server, "fuzeren")
    _step(page, live_server, case.pk, "签发答复函")
    _login(page, live_server, "lianluo")
    _step(page, live_server, case.pk, "答复代表/委员")
    page.goto(f"{live_server.url}/proposals/{case.pk}/")
    page.click("button:has-text('生成网上评价码')")
    code = page.inner_text("main b").strip()
    assert len(code) == 10

    # the deputy rates it 不满意 on the portal, on a phone
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/portal/proposals/rate/")
    page.fill("[name=code]", code)
    page.check("input[name=rating][value=unsatisfied]")
    page.fill("[name=note]", "泊位仍不够")
    page.click("button[type=submit]:has-text('提交评价')")
    assert "承办单位将重新办理" in page.inner_text("body")
    page.set_viewport_size({"width": 1366, "height": 768})
    case.refresh_from_db()
    assert case.state == "rehandling"
    year = today_local().year
    assert stats_figures(docket="proposals", year=year)["rehandled"] == 1

    # re-handling: a 面商 with the deputy (it is the new contact), a new signed reply, then 满意 from the 征询意见表
    _login(page, live_server, "lianluo")
    page.goto(f"{live_server.url}/proposals/{case.pk}/")
    page.click("a.button:has-text('登记会办/面商')")
    page.select_option("[name=kind]", "face")
    page.fill("[name=place]", "市市场监管局三楼会议室")
    page.fill("[name=minutes]", "与张代表当面商议增设泊位方案")
    page.check("input[name=units]")
    page.click("button[type=submit]:has-text('登记')")  # no deputy ticked: refused beside the field, input kept
    page.wait_for_load_state("networkidle")
    assert "面商须有代表/委员参加" in page.inner_text("main form")
    assert page.input_value("[name=minutes]") == "与张代表当面商议增设泊位方案"
    _shots(page, "meeting")
    page.check("input[name=proposers]")
    page.click("button[type=submit]:has-text('登记')")
    page.wait_for_load_state("networkidle")
    assert page.locator(".msg-success").count() == 1
    assert "与张代表当面商议增设泊位方案" in page.inner_text("#meetings")
    _step(
        page, live_server, case.pk, "拟写答复函", {"text": "再增设泊位100个，并开放机关停车场。"}, {"result_class": "A"}
    )
    _login(page, live_server, "fuzeren")
    _step(page, live_server, case.pk, "签发答复函")
    _login(page, live_server, "lianluo")
    _step(page, live_server, case.pk, "答复代表/委员")
    _step(page, live_server, case.pk, "登记代表/委员评价", select={"rating": "satisfied"})
    _shots(page, "detail")

    # the office reconciles: 销号 on the session's sheet
    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/proposals/reconciliation/")
    page.click("a.button:has-text('销号')")
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    case.refresh_from_db()
    assert case.state == "closed"
    page.goto(f"{live_server.url}/proposals/reconciliation/")
    assert "共 3 件，已销号 1 件" in page.inner_text("body")
    _shots(page, "reconciliation")
    f = stats_figures(docket="proposals", year=year)
    assert (f["received"], f["answered"], f["rated"], f["satisfied"], f["rehandled"], f["closed"]) == (3, 1, 1, 1, 1, 1)

    # the office publishes the result (代表法 Art. 51); the public reads it on the portal
    _step(page, live_server, case.pk, "公开办理结果")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/")
    page.click("a.button:has-text('查看办理结果')")
    _shots(page, "portal-results")
    page.click("a:has-text('第1号代表建议的办理结果')")
    body = page.inner_text("main")
    assert "再增设泊位100个，并开放机关停车场。" in body and "重新办理答复" in body
    _shots(page, "portal-result")
