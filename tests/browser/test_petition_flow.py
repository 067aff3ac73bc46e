"""Issue 18, done means (信访): a 申诉求决 matter submitted on the portal (网上信访, followed with the query code) → the
信访局 transfers it to the body with power → that body accepts it → 信访处理意见书 (不予支持) → the petitioner's 复查
request; the public lookup shows each step's public state. A refused portal form keeps what was typed and names the
field. Screenshots (FAZHI_SCREENSHOTS) at 1366×768 and 390×844; no page scrolls sideways."""

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
            page.screenshot(path=os.path.join(SHOTS, f"petitions-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _login(page, live_server, username: str) -> None:
    from tests.browser.conftest import browser_login

    page.context.clear_cookies()
    browser_login(page, live_server, username)
    assert "/accounts/login/" not in page.url, page.inner_text("body")[:300]


def _step(page, live_server, pk: int, label: str, fill=None, select=None) -> None:
    page.goto(f"{live_server.url}/petitions/{pk}/")
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fill or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (select or {}).items():
        page.select_option(f"select[name={name}]", value)
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors, .errorlist").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def _lookup(page, live_server, code: str) -> str:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/reconsideration/lookup/")
    page.fill("[name=receipt_number]", code)
    page.fill("[name=phone]", "13912345678")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page.inner_text("#progress")


def test_portal_petition_to_opinion_and_review_request(page, live_server, persona, city):
    from fazhi.cases.models import Case
    from fazhi.orgs.tests.factories import UnitFactory

    city["office"] = UnitFactory(code="C028", name="示范市信访局", short_name="市信访局", parent=city["gov"])
    persona("petition_handler", "office")
    persona("petition_handler", "market")

    # the public: a refused form first (an ID number that is not one), what was typed kept
    page.goto(f"{live_server.url}/portal/")
    page.click("a.button:has-text('我要信访')")
    page.fill("[name=name]", "王五")
    page.fill("[name=id_number]", "123")
    page.fill("[name=phone]", "13912345678")
    page.fill("[name=address]", "示范市东城区幸福路1号")
    page.select_option("select[name=type]", "claim")
    page.fill("[name=object_name]", "示范市市场监督管理局")
    page.fill("[name=content]", "商铺被违规查封三个月，要求解除查封并赔偿损失")
    page.fill("[name=request]", "解除查封")
    page.click("button[type=submit]:has-text('提交')")
    assert "身份证号码" in page.locator(".field-error").first.inner_text()
    assert page.input_value("[name=content]") == "商铺被违规查封三个月，要求解除查封并赔偿损失"
    _shots(page, "portal-refused")
    page.fill("[name=id_number]", "11010519491231002X")
    page.click("button[type=submit]:has-text('提交')")
    page.wait_for_load_state("networkidle")
    code = page.inner_text("#receipt-number").strip()
    _shots(page, "portal-submitted")
    case = Case.objects.get(docket="petitions", receipt_number=code)
    assert (case.channel, case.handling_unit, case.extra["type"]) == ("online", city["office"], "claim")
    assert "已收到信访事项" in _lookup(page, live_server, code)

    # the 信访局 transfers it to the market bureau (Art. 22)
    _login(page, live_server, "petition_handler_office")
    page.goto(f"{live_server.url}/petitions/{case.pk}/")
    assert "网上信访" in page.inner_text("body")
    _step(page, live_server, case.pk, "转送、交办", select={"to_unit": str(city["market"].pk)})
    target = Case.objects.filter(docket="petitions", handling_unit=city["market"]).get()

    # the market bureau accepts (Art. 23) and gives the 信访处理意见书 (Art. 32: 不予支持)
    _login(page, live_server, "petition_handler_market")
    _step(page, live_server, target.pk, "受理")
    _step(
        page,
        live_server,
        target.pk,
        "出具信访处理意见书",
        select={"outcome": "not_support"},
        fill={"facts": "查封系依法作出的行政强制措施，程序合法。", "opinion": "对解除查封的请求不予支持。"},
    )
    target.refresh_from_db()
    assert (target.state, target.outcome) == ("answered", "not_support")
    page.goto(f"{live_server.url}/petitions/{target.pk}/")
    assert "信访处理意见书" in page.inner_text("body")
    _shots(page, "answered")

    # the petitioner asks for 复查 within 30 days (Art. 35)
    _step(page, live_server, target.pk, "收到复查请求", fill={"reason": "认为查封期限已超过法定期限"})
    target.refresh_from_db()
    assert target.state == "review"
    page.goto(f"{live_server.url}/petitions/{target.pk}/")
    _shots(page, "review")
