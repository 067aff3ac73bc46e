"""Demo step (idempotent, dated from today): this year's 专项督察 of the demo city's 依法治市办 on 行政执法 and
规范性文件, three target units with their schedule, the team (王依法 leader, 李主任 member), three checklist items
with their basis, fieldwork by each method, and three findings on the units' boards: one just raised (东城区), one
with its 整改方案 (市发展改革委), one submitted complete with evidence waiting for the team's 销号 (市住房城乡建设局)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction

from fazhi.core.actions import register_demo_step

BY = "fazhi demo"
TITLE = "法治政府建设专项督察"
CHECKLIST = [
    (
        "行政执法",
        "行政执法公示、执法全过程记录、重大执法决定法制审核制度落实情况",
        "《中华人民共和国行政处罚法》第三十九条、第四十七条、第五十八条",
    ),
    (
        "规范性文件",
        "行政规范性文件合法性审核、备案审查和定期清理情况",
        "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）",
    ),
    (
        "重大行政决策",
        "重大行政决策事项目录公布和决策程序履行情况",
        "《重大行政决策程序暂行条例》第三条、第二十五条",
    ),
]


def demo_inspections(write: Callable[[str], object] = print) -> None:
    from django.contrib.auth import get_user_model

    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import Unit

    from .models import InspectionPlan

    units = {u.code: u for u in Unit.objects.filter(code__in=["P001", "C002", "C013", "D100"])}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["fazhiban", "fazhiban_head"])}
    if len(units) < 4 or len(users) < 2:
        write("示范城市单位或账号不全，跳过法治督察示范数据。")
        return
    today = today_local()
    if InspectionPlan.objects.filter(organizer=units["P001"], year=today.year, title=TITLE).exists():
        write("法治督察示范数据已存在，跳过。")
        return
    with transaction.atomic():  # all or nothing
        _build(today, units, users)
    write("法治督察示范数据：1个督察计划，3个问题。")


def _build(today: dt.date, units: dict, users: dict) -> None:
    from . import services as s
    from .models import TeamRole

    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    p = s.plan_create(
        by=BY,
        organizer=units["P001"],
        year=today.year,
        kind="special",
        title=TITLE,
        theme="行政执法和规范性文件管理",
        start_on=day(20),
        end_on=today + dt.timedelta(days=40),
    )
    targets = {
        code: s.target_add(plan=p, by=BY, unit=units[code], visit_start=day(18 - i * 3), visit_end=day(16 - i * 3))
        for i, code in enumerate(["C002", "C013", "D100"])
    }
    s.member_add(plan=p, by=BY, user=users["fazhiban"], role=TeamRole.LEADER)
    s.member_add(plan=p, by=BY, user=users["fazhiban_head"], role=TeamRole.MEMBER)
    items = [s.checklist_item_add(plan=p, by=BY, theme=t, text=x, basis=b) for t, x, b in CHECKLIST]
    s.plan_start(plan=p, by=BY)
    s.fieldwork_record(
        plan=p,
        by=BY,
        target=targets["C002"],
        checklist_item=items[2],
        method="interview",
        on=day(17),
        has_finding=False,
        note="决策事项目录已公布，程序记录完整。",
    )
    w1 = s.fieldwork_record(
        plan=p,
        by=BY,
        target=targets["C002"],
        checklist_item=items[1],
        method="documents",
        on=day(17),
        has_finding=True,
        note="抽查规范性文件5件，2件未经合法性审核即印发。",
    )
    w2 = s.fieldwork_record(
        plan=p,
        by=BY,
        target=targets["C013"],
        checklist_item=items[0],
        method="site",
        on=day(14),
        has_finding=True,
        note="执法公示栏信息未及时更新，部分处罚决定未公开。",
    )
    w3 = s.fieldwork_record(
        plan=p,
        by=BY,
        target=targets["D100"],
        checklist_item=items[0],
        method="questionnaire",
        on=day(11),
        has_finding=True,
        note="问卷显示执法全过程记录设备配备不足。",
    )
    f1 = s.finding_raise(
        plan=p,
        by=BY,
        fieldwork=w1,
        responsible_unit=units["C002"],
        text="2件行政规范性文件未经合法性审核即印发。",
        basis=CHECKLIST[1][2],
        severity="serious",
        found_on=day(17),
        due_on=today + dt.timedelta(days=30),
    )
    f2 = s.finding_raise(
        plan=p,
        by=BY,
        fieldwork=w2,
        responsible_unit=units["C013"],
        text="行政执法公示信息未及时更新，部分行政处罚决定未在规定时间内公开。",
        basis="《中华人民共和国行政处罚法》第三十九条、第四十八条",
        severity="minor",
        found_on=day(14),
        due_on=today + dt.timedelta(days=20),
    )
    s.finding_raise(
        plan=p,
        by=BY,
        fieldwork=w3,
        responsible_unit=units["D100"],
        text="执法全过程记录设备配备不足，部分现场执法未记录。",
        basis="《中华人民共和国行政处罚法》第四十七条",
        severity="minor",
        found_on=day(11),
        due_on=today + dt.timedelta(days=45),
    )
    s.finding_measures(
        finding=f1, by=BY, text="对2件文件补充合法性审核；修订本单位规范性文件制定程序，印发前必经法制机构审核。"
    )
    s.finding_measures(finding=f2, by=BY, text="指定专人每周更新公示栏和网站，补公开全部处罚决定。")
    evidence = ContentFile("市住房城乡建设局行政处罚决定公开情况：已补公开12件。\n".encode(), name="补公开情况.txt")
    s.finding_report(finding=f2, by=BY, text="已补公开12件处罚决定，公示栏已更新。", files=[evidence], complete=True)


register_demo_step(96, "法治督察示范数据", demo_inspections)
