"""行政应诉 end to end: a handler registers a lawsuit, records the defence, a hearing the head did not attend (and why),
the outcome 撤销 (a lost case) and its analysis; the defendant unit's liaison finds the rectification task in plans,
and the statistics page shows 败诉率 100% for the year, the number leading to the case."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURT_NUMBER = "（2026）示0101行初58号"


def _do(page, label: str, fields: dict[str, str] | None = None, selects: dict[str, str] | None = None) -> None:
    """Open the transition from the case page, fill its form, confirm, and expect the success message."""
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fields or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (selects or {}).items():
        page.select_option(f"[name={name}]", value)
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors").all_inner_texts()
    assert page.locator(".msg-success").inner_text().strip() == f"已完成：{label}。", (label, errors)


def _logout(page) -> None:
    page.click("button:has-text('退出')")
    page.wait_for_load_state("networkidle")


def test_a_lost_lawsuit_becomes_a_rectification_task_and_counts_in_the_loss_rate(
    page, live_server, persona, city, login_as
):
    from fazhi.cases.models import Case
    from fazhi.cases.services import today_local
    from fazhi.supervision.models import Item

    handler = persona("reconsideration_handler", "justice", username="yingsu")
    liaison = persona("dept_liaison", "market", username="market_liaison")
    for u in (handler, liaison):
        u.must_change_password = False
        u.save()
    today = today_local()
    day = today.isoformat()  # every step on today: all dates lie in the same statistics year

    # given the handler registers a lawsuit against the market bureau
    login_as("yingsu")
    page.goto(f"{live_server.url}/litigation/register/")
    for name, value in {
        "court": "示范市东城区人民法院",
        "court_case_number": COURT_NUMBER,
        "served_on": day,
        "cause": "不服行政处罚决定",
        "plaintiff_name": "王小明",
        "plaintiff_id_number": "11010519491231002X",
        "plaintiff_phone": "13912345678",
    }.items():
        page.fill(f"[name={name}]", value)
    page.select_option("[name=instance]", "first")
    page.select_option("[name=defendant_unit]", label=city["market"].name)
    page.click("button[type=submit]:has-text('登记')")
    page.wait_for_url(re.compile(r".*/litigation/\d+/$"))
    case = Case.objects.get(docket="litigation")
    assert page.locator(".msg-success").inner_text().strip() == f"已登记，案号 {case.case_number}。"
    assert case.case_number == f"示应诉〔{today.year}〕1号"

    # when the handler records the defence, a hearing, the head's absence with its reason, and the outcome 撤销
    _do(page, "提交答辩状", {"on": day})
    _do(page, "登记开庭", {"hearing_on": day, "place": "第三法庭"})
    page.click("a.button:has-text('登记出庭应诉情况')")
    page.select_option("[name=hearing]", day)
    page.uncheck("[name=head_attended]")
    page.fill("[name=absence_reason]", "局长因公出差（已书面说明）")
    page.fill("[name=appeared]", "法规科科长李四")
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    assert page.locator(".msg-success").inner_text().strip() == "已完成：登记出庭应诉情况。"
    hearings = page.locator("section.card:has(h2:has-text('开庭与负责人出庭应诉'))").inner_text()
    assert "负责人未出庭：局长因公出差（已书面说明）；出庭人员：法规科科长李四" in hearings
    _do(
        page,
        "登记裁判结果",
        {"on": day, "document_number": "（2026）示0101行初58号判决书", "summary": "撤销被诉行政处罚决定"},
        {"outcome": "revoke"},
    )
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("closed", "revoke")
    assert "· 判决撤销 · 败诉" in page.locator("h1").inner_text()

    # and writes the analysis: the rectification task goes to the defendant unit
    _do(
        page,
        "败诉分析与整改",
        {"analysis": "处罚决定认定事实的证据不足", "measures": "建立重大处罚法制审核清单"},
    )
    analysis = page.locator("section.card:has(h2:has-text('败诉分析与整改'))").inner_text()
    assert "示范市市场监督管理局" in analysis and "处罚决定认定事实的证据不足" in analysis
    item = Item.objects.get(dedupe_key=f"litigation.rectification.{case.pk}")
    assert (item.unit_id, item.title) == (city["market"].pk, f"行政应诉败诉整改：{case.case_number}（{COURT_NUMBER}）")
    _logout(page)

    # then the market bureau's liaison opens the rectification item on the supervision pages
    login_as("market_liaison")
    page.goto(f"{live_server.url}/supervision/items/{item.pk}/")
    assert "建立重大处罚法制审核清单" in page.content()
    _logout(page)

    # and the statistics page shows 败诉率 100% for the year, the number leading to the case
    login_as("yingsu")
    page.goto(f"{live_server.url}/cases/stats/litigation/?year={today.year}")
    page.wait_for_selector("div.chart canvas")  # ECharts draws under the strict CSP (no inline script, no eval)
    rate = page.locator("tr:has(th:text-is('败诉率')) td")
    assert rate.inner_text().strip() == "100.0% （1/1）"
    rate.locator("a").click()
    page.wait_for_load_state("networkidle")
    page.click(f"a:has-text('{case.case_number}')")
    page.wait_for_url(re.compile(rf".*/litigation/{case.pk}/$"))
    assert COURT_NUMBER in page.locator("section.card:has(h2:has-text('基本信息'))").inner_text()
