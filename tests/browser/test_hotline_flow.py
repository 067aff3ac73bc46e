"""Issue 18, done means (12345): the centre sets the 派单目录 on the category page; an order arrives through the
endpoint (API key) and is proposed to that unit → dispatched → the unit 退单 → the centre rules finally → the unit
signs and answers → 回访 satisfied → the unit's rates on the monthly ranking change. A refused category form keeps
what was typed and says why beside the field. Screenshots (FAZHI_SCREENSHOTS) at 1366×768 and 390×844; no page
scrolls sideways."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = ((1366, 768), (390, 844))


def _shots(page, name: str) -> None:
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"hotline-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _login(page, live_server, username: str) -> None:
    from tests.browser.conftest import browser_login

    page.context.clear_cookies()
    browser_login(page, live_server, username)
    assert "/accounts/login/" not in page.url, page.inner_text("body")[:300]


def _step(page, live_server, pk: int, label: str, fill=None, select=None, check=()) -> None:
    page.goto(f"{live_server.url}/hotline/{pk}/")
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fill or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (select or {}).items():
        page.select_option(f"select[name={name}]", value)
    for name in check:
        page.check(f"[name={name}]")
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors, .errorlist").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def test_order_through_the_endpoint_to_a_satisfied_visit_and_the_ranking(page, live_server, persona, city):
    from fazhi.api.tests.factories import account_with, key_for
    from fazhi.cases.models import Case
    from fazhi.cases.services import today_local
    from fazhi.dockets.hotline import tree

    centre = persona("hotline_centre", "gov")
    persona("hotline_handler", "market")
    persona("hotline_handler", "finance")
    tree.category_add(by=centre, code="heating", name="供暖供热")
    today = today_local().isoformat()

    # the centre sets the 派单目录 for 供暖供热 (a refused edit first keeps what was typed)
    _login(page, live_server, "hotline_centre_gov")
    page.goto(f"{live_server.url}/hotline/categories/")
    _shots(page, "categories")
    page.click("a:has-text('供暖供热')")
    page.fill("#id_name", "供暖供热（冬季）")
    page.select_option("select[name=parent]", "heating")  # itself: refused beside the field, the name kept
    page.click("button:has-text('保存'):not(:has-text('派单目录'))")
    assert "上级分类不能是本分类或其下级分类" in page.locator(".field-error").first.inner_text()
    assert page.input_value("#id_name") == "供暖供热（冬季）"
    _shots(page, "category-refused")
    page.select_option("select[name=unit]", str(city["market"].pk))
    page.click("button:has-text('保存派单目录')")
    assert "已设置其他区域的承办单位：示范市市场监督管理局" in page.inner_text(".messages, body")
    _shots(page, "category")

    # the order arrives through the endpoint (the centre's integration account)
    _k, key = key_for(account_with(["cases.case.view", "hotline.case.view", "hotline.case.register"], unit=city["gov"]))
    body = {"source_id": "GD-B-1", "received_on": today, "type": "complaint", "category": "heating",
            "content": "小区暖气不热，室温不足16度", "area": "东城区", "caller": {"name": "张三", "phone": "13812345678"}}  # fmt: skip
    req = urllib.request.Request(
        f"{live_server.url}/api/v1/hotline/orders/",
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        method="POST",
    )
    with urllib.request.urlopen(req) as resp:  # noqa: S310 (the live server)
        assert resp.status == 201
        pk = json.loads(resp.read())["id"]
    assert Case.objects.get(pk=pk).extra["proposed_unit"] == city["market"].pk

    # the dispatch page offers the unit the tree names
    page.goto(f"{live_server.url}/hotline/{pk}/")
    assert "派单目录" in page.inner_text("body")
    _shots(page, "order")
    page.click("a.button:has-text('派单')")
    assert page.locator("select[name=to_unit]").input_value() == str(city["market"].pk)
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")

    # the market bureau returns it: not its duty
    _login(page, live_server, "hotline_handler_market")
    _step(page, live_server, pk, "退单", select={"reason": "not_our_duty"}, fill={"note": "供热属于财政局？请中心裁定"})

    # the centre rules finally: the finance bureau must take it
    _login(page, live_server, "hotline_centre_gov")
    _step(page, live_server, pk, "派单", select={"to_unit": str(city["finance"].pk)}, check=("final",))

    # the finance bureau signs and answers; no 退单 offered any more
    _login(page, live_server, "hotline_handler_finance")
    page.goto(f"{live_server.url}/hotline/{pk}/")
    assert page.locator("a.button:has-text('退单')").count() == 0
    _step(page, live_server, pk, "签收")
    _step(page, live_server, pk, "回复", fill={"content": "已协调供热企业调整，室温恢复到18度"})

    # 回访: satisfied and solved → the finance bureau's rates on this month's ranking
    _login(page, live_server, "hotline_centre_gov")
    page.goto(f"{live_server.url}/hotline/ranking/")
    assert "本月尚无计入考核的工单" in page.inner_text("body")
    _step(page, live_server, pk, "回访", select={"satisfaction": "satisfied"}, check=("solved",))
    case = Case.objects.get(pk=pk)
    assert (case.state, case.outcome, case.respondent_unit_id) == ("closed", "satisfied", city["finance"].pk)
    page.goto(f"{live_server.url}/hotline/ranking/")
    row = page.locator("table tbody tr").first.inner_text()
    assert "示范市财政局" in row and row.count("100.0%") == 3, row
    assert "供暖供热" in page.inner_text("body")  # hot topics: this week's category
    _shots(page, "ranking")
    # the ranking's satisfaction rate drills down to the order
    page.locator("table tbody tr").first.locator("td.num a").last.click()
    page.wait_for_load_state("networkidle")
    assert case.case_number in page.inner_text("body")
    # a bad month is said beside the field, the page still answers
    page.goto(f"{live_server.url}/hotline/ranking/?month=2999-01")
    assert "晚于本月" in page.locator(".field-error").inner_text()
    # hot topics drill down to the orders counted (the list with the same filters)
    page.goto(f"{live_server.url}/hotline/ranking/")
    page.locator("section.card:has(h3:text-is('诉求分类'))").locator("td.num a").first.click()
    page.wait_for_load_state("networkidle")
    assert "共 1 件" in page.inner_text("body") and case.case_number in page.inner_text("body")
    _shots(page, "topic-orders")
    # the statistics page links to the ranking
    page.goto(f"{live_server.url}/cases/stats/hotline/")
    assert page.locator("a:has-text('承办单位月度排名与热点诉求')").count() == 1
