"""One plan task through its whole life in a real browser (issue #5, done-means): import with a unit mapping, assign,
sign, report with an attachment, extension request and approval, completion, send back, completion, 销号 — as the
rule-of-law office and as the lead unit."""

from __future__ import annotations

import re

import pytest

PLAN = """《示范市2026年法治政府建设工作要点》
一、重点任务
(一)依法全面履行政府职能
1.清理涉企违规收费。开展涉企收费专项检查，建立问题台账。2026年12月15日前完成。
牵头单位:市市场监管局;配合单位:市财政厅
"""


def _logout(page):
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")


def _step(page, assignment_pk: int, step: str):
    section = page.locator(f"section#a{assignment_pk}")
    details = section.locator(f"details[data-step={step}]")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def _state(page, assignment_pk: int) -> str:
    return page.locator(f"section#a{assignment_pk} .state").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_plan_task_lifecycle(page, live_server, persona, city, login_as, tmp_path):
    from fazhi.jobs.services import jobs_run_pending
    from fazhi.plans.models import TaskAssignment

    office = persona("office_head", "gov", username="office")
    unit = persona("dept_liaison", "market", username="market")
    plan_file = tmp_path / "plan.txt"
    plan_file.write_text(PLAN, encoding="utf-8")
    attachment = tmp_path / "进展材料.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% progress evidence\n")

    # the office imports the plan: preview first, the unknown name 市财政厅 is mapped to 市财政局, then confirmed
    login_as(office.username)
    page.goto(f"{live_server.url}/plans/import/")
    page.set_input_files("input[name=file]", str(plan_file))
    page.click("button[type=submit].primary")
    # the file is parsed by the worker (issue #10 finding 5); the progress bar then opens the preview
    page.wait_for_selector("#job-progress")
    assert jobs_run_pending() == 1
    page.wait_for_url("**/plans/import/preview/")
    assert page.locator("#task-count").inner_text() == "1"
    page.select_option("select[data-written='市财政厅']", label=city["finance"].name)
    page.click("#confirm-form button[type=submit]")
    # a draft: nothing is dispatched until the office says so (#13)
    page.wait_for_url(re.compile(r".*/plans/\d+/draft/$"))
    assert "已导入计划" in page.content() and TaskAssignment.objects.count() == 0
    page.click("#dispatch-all button[type=submit]")
    page.wait_for_url(re.compile(r".*/plans/\d+/$"))
    assert "已下达全部任务 1 项" in page.content()

    lead = TaskAssignment.objects.get(role="lead")
    task_url = f"{live_server.url}/plans/tasks/{lead.task_id}/"
    _logout(page)

    # the lead unit sees it first in its list, signs, reports with an attachment and asks for more time
    login_as(unit.username)
    page.goto(f"{live_server.url}/plans/tasks/mine/")
    page.click("#my-tasks a:has-text('清理涉企违规收费')")
    page.wait_for_url(re.compile(r".*/plans/tasks/\d+/.*"))
    _step(page, lead.pk, "sign").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert _state(page, lead.pk) == "已签收"
    report = _step(page, lead.pk, "report")
    report.locator("textarea").fill("已完成专项检查，建立台账。")
    report.locator("input[type=number]").fill("50")
    report.locator("input[type=file]").set_input_files(str(attachment))
    report.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert _state(page, lead.pk) == "推进中"
    assert "进展材料.pdf" in page.locator(f"section#a{lead.pk}").inner_text()
    ext = _step(page, lead.pk, "extend_request")
    ext.locator("textarea").fill("涉及跨部门协调，需延期。")
    ext.locator("input[type=date]").fill("2026-12-31")  # the longest extension: the end of the plan period (#13)
    ext.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "待审批" in page.locator(f"section#a{lead.pk}").inner_text()
    _logout(page)

    # the office approves the extension
    login_as(office.username)
    page.goto(task_url)
    form = page.locator(f"section#a{lead.pk} form.decide")
    form.locator("input[name=approve][value='1']").check()
    form.locator("textarea").fill("同意")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f"section#a{lead.pk} .due").inner_text() == "2026-12-31"
    _logout(page)

    # the unit reports completion
    login_as(unit.username)
    page.goto(task_url)
    done = _step(page, lead.pk, "complete")
    done.locator("textarea").fill("已完成全部整改。")
    done.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert _state(page, lead.pk) == "待审核"
    _logout(page)

    # the office sends it back with a reason
    login_as(office.username)
    page.goto(task_url)
    back = _step(page, lead.pk, "send_back")
    back.locator("textarea").fill("缺少整改佐证材料。")
    back.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert _state(page, lead.pk) == "已退回"
    _logout(page)

    # the unit completes again
    login_as(unit.username)
    page.goto(task_url)
    assert "缺少整改佐证材料" in page.content()
    again = _step(page, lead.pk, "complete")
    again.locator("textarea").fill("已补充佐证材料。")
    again.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert _state(page, lead.pk) == "待审核"
    _logout(page)

    # the office closes it (销号); the timeline shows every step
    login_as(office.username)
    page.goto(task_url)
    _step(page, lead.pk, "accept").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert _state(page, lead.pk) == "已销号"
    timeline = page.locator("#timeline").inner_text()
    for label in (
        "下达任务",
        "签收",
        "报送进展",
        "申请延期",
        "同意延期",
        "报送完成情况",
        "退回",
        "审核销号",
        "任务销号",
    ):
        assert label in timeline
    _logout(page)

    # and the unit sees it closed
    login_as(unit.username)
    page.goto(task_url)
    assert _state(page, lead.pk) == "已销号"
