"""The security administrator sets up a system's access in the browser: 接口账号 in the menu, a refused form keeps what
was typed and names the field, the account saved, a key issued and shown once (issue #14)."""

import re
from pathlib import Path

import pytest

SHOTS = Path("var/screenshots")


@pytest.mark.django_db(transaction=True)
def test_the_security_administrator_creates_an_account_and_issues_a_key(page, live_server, persona, city, login_as):
    sec = persona("sec_admin", "justice", username="anquan")
    sec.roles.update(requires_otp=False)  # the TOTP step has its own tests
    SHOTS.mkdir(parents=True, exist_ok=True)
    login_as(sec.username)
    page.click("nav.sidenav >> text=接口账号")
    page.click("text=新建接口账号")
    page.fill("input[name=name]", "省行政复议平台")
    page.select_option("select[name=unit]", str(city["justice"].pk))
    page.check("input[name=actions][value='cases.case.view']")
    page.check("input[name=actions][value='reconsideration.case.view']")
    page.select_option("select[name=data_scope]", "unit_and_below")
    page.fill("textarea[name=allowed_networks]", "10.20.0.0/16\n10.20.300.1")
    page.click("button:has-text('保存')")
    error = page.locator(".field.has-error .field-error")
    assert "“10.20.300.1”不是有效的 IP 地址或网段。" in error.inner_text()
    assert page.input_value("input[name=name]") == "省行政复议平台"  # what was typed stays
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "api-account-refused-390x844.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.fill("textarea[name=allowed_networks]", "10.20.0.0/16")
    page.click("button:has-text('保存')")
    page.wait_for_selector("h1:has-text('接口账号：省行政复议平台')")
    page.fill("input[name=label]", "生产环境")
    page.click("button:has-text('签发')")
    shown = page.locator("code.api-key").inner_text()
    assert re.fullmatch(r"fzk_[a-z2-9]{10}_[A-Za-z0-9_-]{43}", shown)
    page.screenshot(path=str(SHOTS / "api-account-key-1366x768.png"), full_page=True)
    page.goto(page.url)
    assert shown not in page.content()
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.screenshot(path=str(SHOTS / "api-account-detail-1920x1080.png"), full_page=True)
