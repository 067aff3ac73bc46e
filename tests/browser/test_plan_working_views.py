"""Plans' working views in a real browser (#13): a district liaison with shares across its sub-units signs them all
at once and reports on two in one go from 我的任务; the task page shows the shares grouped by unit and folded; the
office decides an extension from /plans/extensions/. Screenshots at 1366×768 and 390×844 go to FAZHI_SCREENSHOTS
(or the test's tmp dir); no page scrolls sideways at 390."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = [(1366, 768), (390, 844)]


def _shoot(page, tmp_path, name: str) -> None:
    out = Path(SHOTS) if SHOTS else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        page.screenshot(path=str(out / f"{name}-{w}x{h}.png"), full_page=True)
        if w == 390:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name}: 页面在手机宽度下横向溢出 {overflow}px"
    page.set_viewport_size({"width": 1366, "height": 768})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bulk_sign_and_report_grouped_task_page_and_extensions(page, live_server, persona, city, login_as, tmp_path):
    from fazhi.orgs.tests.factories import UnitFactory
    from fazhi.plans.models import TaskAssignment
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import extension_request, plan_import
    from fazhi.supervision.models import Report

    office = persona("office_head", "gov", username="office")
    liaison = persona("district_liaison", "district", username="district")
    towns = [
        UnitFactory(
            code=f"D2{i:02d}",
            name=f"示范市东城区第{i}街道办事处",
            short_name=f"东城区第{i}街道",
            parent=city["district"],
        )
        for i in range(1, 8)
    ]
    names = "、".join(t.name for t in towns)
    plan_import(
        by=office,
        parsed=parse_plan_text(
            f"""《示范市2026年法治政府建设工作要点》
一、重点任务
(一)基层法治
1.推进基层合法性审查全覆盖。2026年12月20日前完成。
牵头单位:示范市司法局;配合单位:示范市东城区人民政府、{names}
2.开展乡镇街道行政执法案卷评查。2026年12月25日前完成。
牵头单位:示范市东城区人民政府;配合单位:{names}
"""
        ),
        name="2026年工作要点",
        kind="annual",
        year=2026,
    )
    assert TaskAssignment.objects.filter(unit__path__startswith=city["district"].path).count() == 16

    login_as("district")
    page.goto(f"{live_server.url}/plans/tasks/mine/")
    page.click("#sign-all button:has-text('全部签收（16项）')")
    assert "已签收 16 项任务。" in page.inner_text("body")
    rows = page.locator("#my-tasks tbody tr")
    assert rows.count() == 16
    rows.nth(0).locator("input[type=checkbox]").check()
    rows.nth(1).locator("input[type=checkbox]").check()
    page.click("#bulk-report summary")
    page.fill("#bulk-report textarea[name=text]", "已部署，正在推进")
    page.click("#bulk-report button:has-text('报送进展')")
    assert "已为 2 项任务报送进展。" in page.inner_text("body")
    assert Report.objects.filter(text="已部署，正在推进").count() == 2
    _shoot(page, tmp_path, "plans-my-tasks")

    # the task page: 17 shares in 2 groups, the district's folded but for the user's own shares waiting
    share = TaskAssignment.objects.get(task__number=1, unit=towns[0])
    page.goto(f"{live_server.url}{share.task.get_absolute_url()}")
    groups = page.locator("details.share-group")
    assert groups.count() == 2
    assert "共 9 个单位，按单位分为 2 组。" in page.inner_text("#share-count")
    _shoot(page, tmp_path, "plans-task-groups")
    extension_request(assignment=share, by=liaison, reason="街道人员调整", new_date=dt.date(2026, 12, 31))

    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")
    login_as("office")
    page.goto(f"{live_server.url}/plans/extensions/")
    row = page.locator("#extensions li.sup-item").first
    assert "街道人员调整" in row.inner_text()
    _shoot(page, tmp_path, "plans-extensions")
    row.locator("button:has-text('同意')").first.click()
    assert "延期申请已审批。" in page.inner_text("body")
    share.refresh_from_db()
    assert share.due_date == dt.date(2026, 12, 31)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_plan_edited_then_dispatched_by_section(page, live_server, persona, city, login_as, tmp_path):
    from fazhi.plans.models import PlanTask, TaskAssignment
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import

    office = persona("office_head", "gov", username="office")
    plan = plan_import(
        by=office,
        parsed=parse_plan_text(
            """《示范市2026年法治政府建设工作要点》
一、依法行政
1.清理涉企违规收费。2026年12月20日前完成。
牵头单位:示范市市场监督管理局;配合单位:示范市财政局
2.推行合法性审查全覆盖。2026年12月25日前完成。
牵头单位:示范市司法局
二、执法监督
3.开展行政执法案卷评查。2026年12月30日前完成。
牵头单位:示范市司法局
"""
        ),
        name="2026年工作要点",
        kind="annual",
        year=2026,
        dispatch=False,
    )
    login_as("office")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.click("#draft-notice a:has-text('编辑并下达')")
    page.wait_for_url("**/draft/")
    _shoot(page, tmp_path, "plans-draft")
    task = PlanTask.objects.get(plan=plan, number=3)
    page.click(f"#t{task.pk} a:has-text('编辑')")
    page.fill("input[name=due_date]", "2026-01-01")
    page.select_option("select[name=co_units]", label=city["finance"].name)
    page.click("#draft-task button[type=submit]")
    # refused beside the field, what was typed kept
    assert "完成时限：不能早于今天" in page.inner_text("#draft-task")
    assert page.input_value("input[name=due_date]") == "2026-01-01"
    _shoot(page, tmp_path, "plans-draft-task-refused")
    page.fill("input[name=due_date]", "2026-12-31")
    page.click("#draft-task button[type=submit]")
    page.wait_for_url("**/draft/**")
    assert "第3项任务已保存。" in page.inner_text("body")
    page.click("section[data-section] form button:has-text('下达本章节（1项）')")
    assert "已下达“二、执法监督”任务 1 项" in page.inner_text("body")
    assert [(s.unit.code, s.due_date.isoformat()) for s in TaskAssignment.objects.order_by("-role", "id")] == [
        ("C001", "2026-12-31"),
        ("C003", "2026-12-31"),
    ]
    page.click("#dispatch-all button:has-text('全部下达（2项）')")
    page.wait_for_url(f"**{plan.get_absolute_url()}")
    assert TaskAssignment.objects.count() == 5


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_notice_from_an_item_page_and_the_leader_home(page, live_server, persona, city, login_as, tmp_path):
    from fazhi.plans.models import TaskAssignment
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import
    from fazhi.supervision.models import Notice

    office = persona("office_head", "gov", username="office")
    persona("leader", "gov", username="leader")
    plan_import(
        by=office,
        parsed=parse_plan_text(
            """《示范市2026年法治政府建设工作要点》
一、重点任务
1.清理涉企违规收费。2026年12月20日前完成。
牵头单位:示范市市场监督管理局;配合单位:示范市财政局
"""
        ),
        name="2026年工作要点",
        kind="annual",
        year=2026,
    )
    share = TaskAssignment.objects.get(unit=city["market"])
    login_as("office")
    page.goto(f"{live_server.url}{share.item.get_absolute_url()}")
    step = page.locator("details[data-step=notice]")
    step.locator("summary").click()
    step.locator("button[type=submit]").click()
    assert "督办单已签发" in page.inner_text("body")
    notice = Notice.objects.get()
    assert notice.number in page.inner_text("#notices")
    _shoot(page, tmp_path, "supervision-item-notice")
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")
    login_as("leader")
    page.goto(f"{live_server.url}/")
    assert page.locator("#leader-units tbody tr").count() == 2
    _shoot(page, tmp_path, "leader-home")
