"""The unit's board in a real browser (issue #13, done-means): an overdue 行政复议 clock and a plan task side by
side; the unit reports on both; the overdue case is decided and its item closes by itself; the plan task is 销号 by
the office. Screenshots at 1366×768, 1920×1080 and 390×844 go to the test's tmp dir."""

from __future__ import annotations

import datetime as dt
import re

import pytest

PLAN = """《示范市2026年法治政府建设工作要点》
一、重点任务
(一)依法行政
1.完善行政复议案件办理机制。2026年12月20日前完成。
牵头单位:市司法局
"""
DECISION = {
    "outcome": "revoke",
    "facts": "处罚决定认定事实不清",
    "reasons": "证据不足",
    "decision_text": "撤销该处罚决定",
}


def _logout(page):
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")


def _step(page, scope: str, step: str):
    details = page.locator(f"{scope} details[data-step={step}]")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_unit_board_clock_and_plan_task_side_by_side(page, live_server, persona, city, login_as, tmp_path):
    from fazhi.cases.models import PartyRole
    from fazhi.cases.services import PartyInput
    from fazhi.dockets.reconsideration import services as rs
    from fazhi.plans.models import TaskAssignment
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import
    from fazhi.supervision.models import Item
    from fazhi.supervision.services import rule_save, rules_run

    office = persona("office_head", "gov", username="office")
    liaison = persona("dept_liaison", "justice", username="justice")
    handler, head = persona("reconsideration_handler", "justice"), persona("reconsideration_head", "justice")
    # given a 行政复议 case accepted in September: its decision clock ran out on 2026-11-02
    case = rs.reconsideration_intake(
        by=handler,
        handling_unit=city["justice"],
        received_on=dt.date(2026, 9, 1),
        channel="in_person",
        applicant=PartyInput(role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X"),
        act="行政处罚决定（示市监罚〔2026〕8号）",
        request="撤销该处罚决定",
        respondent_unit=city["market"],
    )
    case = rs.case_accept(case=case, by=handler, on=dt.date(2026, 9, 3), procedure="ordinary", simplified_conditions=[])
    rule_save(
        by=office,
        data={
            "name": "复议决定超期",
            "kind": "clock_overdue",
            "clock_rule_prefix": "reconsideration.decision",
            "min_working_days_overdue": 5,
            "enabled": True,
        },
    )
    assert rules_run()["raised"] == 1
    # and a plan task for the same unit
    plan_import(by=office, parsed=parse_plan_text(PLAN), name="2026年工作要点", kind="annual", year=2026)
    share = TaskAssignment.objects.get(unit=city["justice"])
    clock_item = Item.objects.get(kind="deadlines.clock")

    # the unit's board shows both, the overdue clock first
    login_as(liaison.username)
    page.goto(f"{live_server.url}/supervision/")
    rows = page.locator("#unit-board li.sup-item")
    assert rows.count() == 2
    assert rows.nth(0).get_attribute("data-kind") == "deadlines.clock"
    assert rows.nth(0).get_attribute("data-light") == "overdue"
    assert "行政复议" in rows.nth(0).inner_text() and case.case_number in rows.nth(0).inner_text()
    assert rows.nth(1).get_attribute("data-kind") == "plans.share"
    assert "完善行政复议案件办理机制" in rows.nth(1).inner_text()
    for w, h in ((1366, 768), (1920, 1080), (390, 844)):
        page.set_viewport_size({"width": w, "height": h})
        page.screenshot(path=str(tmp_path / f"unit-board-{w}x{h}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})

    # the unit reports on the clock item on its page
    rows.nth(0).locator("a").first.click()
    page.wait_for_url(re.compile(r".*/supervision/items/\d+/$"))
    report = _step(page, "main", "report")
    report.locator("textarea").fill("已组织审理，拟于本月作出决定。")
    report.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "办理情况已报送" in page.content()
    assert "已组织审理，拟于本月作出决定。" in page.locator("#reports").inner_text()

    # and on the plan task on its task page (the plan's own door: sign, report)
    page.goto(f"{live_server.url}/supervision/")
    page.locator("#unit-board li[data-kind='plans.share'] a").first.click()
    page.locator("#source-link").click()
    page.wait_for_url(re.compile(r".*/plans/tasks/\d+/.*"))
    _step(page, f"section#a{share.pk}", "sign").locator("button[type=submit]").click()
    page.wait_for_load_state()
    rep = _step(page, f"section#a{share.pk}", "report")
    rep.locator("textarea").fill("机制草案已形成。")
    rep.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "机制草案已形成。" in page.locator(f"section#a{share.pk}").inner_text()
    done = _step(page, f"section#a{share.pk}", "complete")
    done.locator("textarea").fill("机制已印发。")
    done.locator("button[type=submit]").click()
    page.wait_for_load_state()

    # the overdue case is decided in its docket: its item closes by itself
    rs.case_draft_decision(case=case, by=handler, on=dt.date(2026, 11, 30), **DECISION)
    rs.case_approve_decision(case=case, by=head, on=dt.date(2026, 11, 30))
    page.goto(f"{live_server.url}/supervision/")
    assert page.locator("#unit-board li.sup-item").count() == 1
    assert page.locator("#unit-board li.sup-item").get_attribute("data-kind") == "plans.share"
    page.goto(f"{live_server.url}/supervision/items/{clock_item.pk}/")
    assert "来源办结，自动关闭" in page.locator("#timeline").inner_text()
    assert page.locator("#item-props .state").inner_text() == "已办结"
    _logout(page)

    # the office 销号 the plan task; the unit's board is empty
    login_as(office.username)
    page.goto(f"{live_server.url}/supervision/office/")
    assert page.locator("#office-board tbody tr").count() == 1
    page.goto(f"{live_server.url}/plans/tasks/{share.task_id}/")
    _step(page, f"section#a{share.pk}", "accept").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f"section#a{share.pk} .state").inner_text() == "已销号"
    page.goto(f"{live_server.url}/supervision/office/")
    assert "没有未办结的督办事项" in page.locator("#office-board").inner_text()
    _logout(page)
    login_as(liaison.username)
    page.goto(f"{live_server.url}/supervision/")
    assert "没有未办结的督办事项" in page.locator("#unit-board").inner_text()
    share.item.refresh_from_db()
    assert (share.item.state, share.item.end_kind) == ("closed", "person")
