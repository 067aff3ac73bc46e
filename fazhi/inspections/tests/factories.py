"""Helpers for 法治督察 tests: a plan underway with its targets, team and checklist; findings on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.deadlines.selectors import today_local
from fazhi.inspections import services as s
from fazhi.inspections.models import InspectionPlan, TeamRole

BASIS = "《中华人民共和国行政处罚法》第三十九条"


def days(n: int) -> dt.date:
    return today_local() + dt.timedelta(days=n)


def plan_underway(
    city: dict, leader: Any, member: Any = None, units: tuple[str, ...] = ("market", "district")
) -> InspectionPlan:
    p = s.plan_create(
        by=leader,
        organizer=city["justice"],
        year=today_local().year,
        kind="special",
        title="行政执法专项督察",
        start_on=days(-10),
        end_on=days(30),
    )
    for u in units:
        s.target_add(plan=p, by=leader, unit=city[u])
    s.member_add(plan=p, by=leader, user=leader, role=TeamRole.LEADER)
    if member is not None:
        s.member_add(plan=p, by=leader, user=member)
    s.checklist_item_add(plan=p, by=leader, theme="行政执法", text="执法公示制度落实情况", basis=BASIS)
    s.checklist_item_add(plan=p, by=leader, theme="行政执法", text="法制审核制度落实情况", basis="第五十八条")
    return s.plan_start(plan=p, by=leader)


def finding(
    p: InspectionPlan, by: Any, unit: Any, *, found: int = -2, due: int = 20, text: str = "公示信息未更新"
) -> Any:
    return s.finding_raise(
        plan=p,
        by=by,
        responsible_unit=unit,
        text=text,
        basis=BASIS,
        severity="minor",
        found_on=days(found),
        due_on=days(due),
    )


def pdf(name: str = "整改佐证.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")
