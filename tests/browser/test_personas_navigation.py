"""Two personas log in through the real login page and see different navigation (issue #2, done-means)."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_audit_admin_and_department_liaison_see_different_menus(page, live_server, persona, login_as):
    # given a department liaison and an audit administrator whose role does not require a second factor here
    liaison = persona("dept_liaison", "market", username="liaison")
    auditor = persona("audit_admin", "justice", username="auditor")
    auditor.roles.update(requires_otp=False)

    # when the liaison logs in
    login_as(liaison.username)
    liaison_menu = page.locator("nav.sidenav").inner_text()
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")

    # and the audit administrator logs in
    login_as(auditor.username)
    auditor_menu = page.locator("nav.sidenav").inner_text()

    # then only the auditor sees the logs and neither sees user management
    assert "审计日志" in auditor_menu and "登录日志" in auditor_menu
    assert "审计日志" not in liaison_menu
    assert "用户管理" not in auditor_menu and "用户管理" not in liaison_menu
    assert auditor.full_name in page.locator("header.topbar").inner_text()
