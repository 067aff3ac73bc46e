"""Issue 15, done means: a request on the portal (phone-sized) → 补正 → corrected → third-party consultation → partial
disclosure with its 答复书 → the applicant sees the outcome; the request is in the right cell of the annual table.
Screenshots (FAZHI_SCREENSHOTS) of the portal form, the case page and the table at 1366×768 and 390×844; no page
scrolls sideways."""

from __future__ import annotations

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = ((1366, 768), (390, 844))


def _shots(page, name: str) -> None:
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"disclosure-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _step(page, live_server, case_pk: int, label: str, fill: dict[str, str] | None = None, select=None) -> None:
    page.goto(f"{live_server.url}/disclosure/{case_pk}/")
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fill or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (select or {}).items():
        page.select_option(f"[name={name}]", value)
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors, .errorlist").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def test_portal_request_correction_consultation_partial_reply_and_the_table(page, live_server, persona, city, login_as):
    from fazhi.cases.models import Case
    from fazhi.cases.services import today_local

    handler = persona("disclosure_handler", "justice", username="gongkai")
    handler.must_change_password = False
    handler.save()

    # the applicant, on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/portal/disclosure/apply/")
    page.select_option("[name=agency]", str(city["justice"].pk))
    page.select_option("[name=applicant_type]", "natural_person")
    page.fill("[name=name]", "王小明")
    page.fill("[name=id_number]", "11010519491231002X")
    page.fill("[name=phone]", "13912345678")
    page.fill("[name=content]", "2025年本局行政处罚案件统计表")
    _shots(page, "portal-form")
    page.click("button[type=submit]:has-text('提交申请')")
    page.wait_for_load_state("networkidle")
    receipt = page.inner_text("#receipt-number").strip()
    case = Case.objects.get(docket="disclosure")
    assert case.receipt_number == receipt and case.received_on == today_local()

    # the handler works it through the shared step pages
    login_as("gongkai")
    assert "/accounts/login/" not in page.url, page.inner_text("body")[:500]
    _step(page, live_server, case.pk, "通知补正", {"defects": "请写明所需统计表的年度和范围"})
    _step(page, live_server, case.pk, "收到补正申请")
    _step(page, live_server, case.pk, "征求第三方意见", {"party": "示范市某某科技有限公司"})
    _step(page, live_server, case.pk, "收到意见", select={"opinion": "disagree"})
    _step(
        page,
        live_server,
        case.pk,
        "答复",
        {"content": "公开统计表；表中涉及第三方商业秘密的部分不予公开"},
        select={"reply_type": "partial"},
    )
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("replied", "partial")
    assert case.documents.filter(template_code="reply_partial").count() == 1
    page.goto(f"{live_server.url}/disclosure/{case.pk}/")
    body = page.inner_text("body")
    assert "部分公开" in body and "第三十七条" in body and "政府信息公开申请答复书" in body
    _shots(page, "case")

    # the table: the request is in 三(二) 部分公开 under 自然人
    page.goto(f"{live_server.url}/disclosure/table/?year={today_local().year}")
    row = page.locator("#annual-table tr", has_text="（二）部分公开")
    assert row.locator("td").all_inner_texts() == ["1", "0", "0", "0", "0", "0", "1"]
    _shots(page, "table")
    row.locator("td a").first.click()
    page.wait_for_load_state("networkidle")
    assert case.case_number in page.inner_text("#drill")
    page.click("button:has-text('退出')")
    page.wait_for_load_state("networkidle")

    # the applicant sees each step and the outcome
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/portal/reconsideration/lookup/")
    page.fill("[name=receipt_number]", receipt)
    page.fill("[name=phone]", "13912345678")
    page.click("button[type=submit]:has-text('查询')")
    page.wait_for_load_state("networkidle")
    progress = page.inner_text("#progress")
    assert "通知补正" in progress and "答复结果：部分公开" in progress and "第三十七条" in progress
    _shots(page, "lookup")
