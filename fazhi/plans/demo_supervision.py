"""Demo step (#13): supervision beyond what the demo cases and the sample plan produce, dated from today and
idempotent — a draft plan awaiting dispatch (edited on /plans/<id>/draft/), a pending extension request from the
liaison of a unit with an open share (`fagaiwei` or `dongcheng` when theirs are open) (decided at /plans/extensions/), and a 督办单 issued by the office head
(`fazhiban_head`) on the most overdue open item (its 文号 from the numbering pattern)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

from .demo import DEMO_PLAN_NAME

DRAFT_NAME = "示范市行政执法突出问题整改清单（草稿）"


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日前完成。"


def _draft(write: Callable[[str], object], today: dt.date) -> None:
    from fazhi.orgs.models import Unit

    from .models import Plan, PlanKind
    from .parsing import parse_plan_text
    from .services import plan_import

    if Plan.objects.filter(name=DRAFT_NAME).exists():
        write(f"  草稿计划“{DRAFT_NAME}”已存在，跳过。")
        return
    units = list(
        Unit.objects.filter(is_active=True, parent__isnull=False, is_enforcement_agency=True).order_by("path")[:3]
    ) or list(Unit.objects.filter(is_active=True, parent__isnull=False).order_by("path")[:3])
    if len(units) < 2:
        write("  草稿计划：示范城市单位不足，跳过。")
        return
    a, b, c = units[0], units[1], units[-1]
    text = f"""{DRAFT_NAME}
一、执法规范化
1.全面落实行政执法三项制度。{_cn(today + dt.timedelta(days=30))}
牵头单位:{a.name};配合单位:{b.name}
2.清理规范行政执法自由裁量基准。{_cn(today + dt.timedelta(days=60))}
牵头单位:{b.name}
二、执法监督
3.开展行政执法案卷评查并通报结果。{_cn(today + dt.timedelta(days=90))}
牵头单位:{c.name}
"""
    plan = plan_import(
        by="fazhi demo",
        parsed=parse_plan_text(text),
        name=DRAFT_NAME,
        kind=PlanKind.RECTIFICATION,
        year=today.year,
        source_name="示范整改清单.txt",
        dispatch=False,
    )
    write(f"  草稿计划“{plan.name}”：{plan.tasks.count()}项任务待下达（计划列表 › 编辑并下达）。")


def _extension(write: Callable[[str], object], today: dt.date) -> None:
    from django.db.models import F

    from fazhi.orgs.models import User
    from fazhi.supervision.models import Extension
    from fazhi.supervision.services import extension_limit

    from .models import TaskAssignment
    from .policies import TaskAssignmentPolicy
    from .services import extension_request
    from .sources import KIND
    from .states import TRANSITIONS

    if Extension.objects.filter(state="pending", item__kind=KIND).exists():
        write("  延期申请：已有待审批的申请，跳过。")
        return
    shares = TaskAssignment.objects.filter(
        task__plan__name=DEMO_PLAN_NAME,
        state__in=TRANSITIONS["extend_request"].sources,
        item__isnull=False,
    ).select_related("item", "task__plan", "unit")
    # the demo liaisons' own shares first (fagaiwei, dongcheng), then any unit's liaison
    logins = {"fagaiwei": 0, "dongcheng": 1}
    users = list(User.objects.filter(is_active=True, roles__code__in=["dept_liaison", "district_liaison"]).distinct())
    users.sort(key=lambda u: (logins.get(u.username, 2), u.pk))
    # shares with a due date first (the sample plan's dated ones may all be 销号 by the progress step)
    for a in shares.order_by(F("due_date").asc(nulls_last=True), "id"):
        liaison = next((u for u in users if TaskAssignmentPolicy.can(u, "extend_request", a)), None)
        if liaison is None:
            continue
        limit = extension_limit(a.item)
        wanted = max(a.due_date or today, today) + dt.timedelta(days=30)  # an overdue share: a month from today
        new_date = min(wanted, limit) if limit else wanted
        if (a.due_date is not None and new_date <= a.due_date) or new_date <= today:
            continue
        ext = extension_request(assignment=a, by=liaison, reason="涉及多部门协调，需延长办理期限。", new_date=new_date)
        write(f"  延期申请：{a.unit.display_name}“{a.task.title}”申请延至{ext.new_date}（待审批）。")
        return
    write("  延期申请：没有可申请延期的分工，跳过。")


def _notice(write: Callable[[str], object]) -> None:
    from fazhi.orgs.models import User
    from fazhi.supervision.models import Item, Notice
    from fazhi.supervision.services import notice_issue

    if Notice.objects.exists():
        write(f"  督办单：已签发 {Notice.objects.count()} 份，跳过。")
        return
    head = User.objects.filter(username="fazhiban_head").first()
    item = (
        Item.objects.filter(state__in=["open", "submitted"], light="overdue")
        .select_related("unit")
        .order_by("-days_overdue", "id")
        .first()
    )
    if head is None or item is None:
        write("  督办单：没有逾期事项或未找到依法治市办负责人，跳过。")
        return
    notice = notice_issue(items=[item], unit=item.unit, by=head, policy=False)
    write(f"  督办单 {notice.number}：{item.unit.display_name}“{item.title}”，{notice.reply_by}前报送办理情况。")


def demo_plan_supervision(write: Callable[[str], object] = print) -> None:
    from . import clocks

    today = clocks.today()
    _draft(write, today)
    _extension(write, today)
    _notice(write)


register_demo_step(95, "督办示范数据（草稿计划、延期申请、督办单）", demo_plan_supervision)
