"""The 督察 plan: created for a year with its kind (综合督察 / 专项督察 / 督察回头看), target units with their
schedule, the team (one leader), checklist items per theme each with its basis; started when it has all of these,
completed when the team has done its work (the findings' 整改 goes on as supervisable items)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max

from fazhi.core.errors import DomainError

from ..errors import InspectionErrorCode as E
from ..events import InspectionEvent as V
from ..models import ChecklistItem, InspectionPlan, PlanKind, PlanState, Target, TeamMember, TeamRole
from ._common import event, need, plan_lock


def _dates(start_on: dt.date | None, end_on: dt.date | None) -> None:
    if start_on is None:
        raise DomainError(E.REQUIRED, "请填写开始日期。", field="start_on")
    if end_on is None:
        raise DomainError(E.REQUIRED, "请填写结束日期。", field="end_on")
    if end_on < start_on:
        raise DomainError(
            E.DATE, f"结束日期（{end_on:%Y-%m-%d}）不能早于开始日期（{start_on:%Y-%m-%d}）。", field="end_on"
        )


@transaction.atomic
def plan_create(
    *,
    by: Any,
    organizer: Any,
    year: int,
    kind: str,
    title: str,
    start_on: dt.date | None,
    end_on: dt.date | None,
    theme: str = "",
    revisit_of: InspectionPlan | None = None,
    submit_token: UUID | None = None,
) -> InspectionPlan:
    if submit_token and (done := InspectionPlan.objects.filter(submit_token=submit_token).first()) is not None:
        return done
    if organizer is None:
        raise DomainError(E.REQUIRED, "请选择组织单位。", field="organizer")
    if kind not in PlanKind.values:
        raise DomainError(E.INVALID, "请选择督察类型。", field="kind")
    if not 2019 <= int(year or 0) <= 2100:
        raise DomainError(E.INVALID, "年度应在2019至2100之间。", field="year")
    title = need(title, "title", "督察名称")
    _dates(start_on, end_on)
    if kind == PlanKind.REVISIT and revisit_of is None:
        raise DomainError(E.REQUIRED, "督察回头看须选择所回头看的督察。", field="revisit_of")
    p = InspectionPlan.objects.create(
        year=year,
        kind=kind,
        title=title,
        theme=(theme or "").strip(),
        organizer=organizer,
        start_on=start_on,
        end_on=end_on,
        revisit_of=revisit_of if kind == PlanKind.REVISIT else None,
        submit_token=submit_token,
    )
    event(p, V.PLAN_CREATED, by, organizer, year=year, kind=kind, title=title)
    return p


@transaction.atomic
def plan_update(
    *,
    plan: InspectionPlan,
    by: Any,
    title: str,
    theme: str,
    start_on: dt.date | None,
    end_on: dt.date | None,
    expected_version: int,
) -> InspectionPlan:
    p = plan_lock(plan, by, "manage")
    _dates(start_on, end_on)
    p.title, p.theme, p.start_on, p.end_on = need(title, "title", "督察名称"), (theme or "").strip(), start_on, end_on
    p.save_versioned(expected_version=expected_version, update_fields=["title", "theme", "start_on", "end_on"])
    event(p, V.PLAN_UPDATED, by, p.organizer, title=p.title)
    return p


@transaction.atomic
def target_add(
    *,
    plan: InspectionPlan,
    by: Any,
    unit: Any,
    visit_start: dt.date | None = None,
    visit_end: dt.date | None = None,
) -> Target:
    p = plan_lock(plan, by, "manage")
    if unit is None:
        raise DomainError(E.REQUIRED, "请选择被督察单位。", field="unit")
    if p.state == PlanState.COMPLETED:
        raise DomainError(E.STATE, "督察已完成，不能再增加被督察单位。", field="unit")
    if visit_start and visit_end and visit_end < visit_start:
        raise DomainError(E.DATE, "结束日期不能早于进驻日期。", field="visit_end")
    for day, field in ((visit_start, "visit_start"), (visit_end, "visit_end")):
        if day and not p.start_on <= day <= p.end_on:
            raise DomainError(
                E.DATE, f"日程应在督察期间（{p.start_on:%Y-%m-%d}至{p.end_on:%Y-%m-%d}）内。", field=field
            )
    if p.targets.filter(unit=unit).exists():
        raise DomainError(E.DUPLICATE, f"{unit.name}已是被督察单位。", field="unit")
    t = Target.objects.create(plan=p, unit=unit, visit_start=visit_start, visit_end=visit_end)
    event(p, V.TARGET_ADDED, by, p.organizer, unit=unit.name)
    return t


@transaction.atomic
def member_add(*, plan: InspectionPlan, by: Any, user: Any, role: str = TeamRole.MEMBER) -> TeamMember:
    p = plan_lock(plan, by, "manage")
    if user is None or not user.is_active:
        raise DomainError(E.REQUIRED, "请选择督察组成员。", field="user")
    if role not in TeamRole.values:
        raise DomainError(E.INVALID, "请选择职务。", field="role")
    if p.team.filter(user=user).exists():
        raise DomainError(E.DUPLICATE, f"{user}已在督察组中。", field="user")
    if role == TeamRole.LEADER and p.team.filter(role=TeamRole.LEADER).exists():
        raise DomainError(E.DUPLICATE, "督察组已有组长。", field="role")
    m = TeamMember.objects.create(plan=p, user=user, role=role)
    event(p, V.MEMBER_ADDED, by, p.organizer, user=str(user), role=role)
    return m


@transaction.atomic
def checklist_item_add(*, plan: InspectionPlan, by: Any, theme: str, text: str, basis: str) -> ChecklistItem:
    p = plan_lock(plan, by, "manage")
    values = {
        "theme": need(theme, "theme", "督察主题"),
        "text": need(text, "text", "督察内容"),
        "basis": need(basis, "basis", "依据"),
    }
    number = (p.checklist.aggregate(n=Max("number"))["n"] or 0) + 1
    c = ChecklistItem.objects.create(plan=p, number=number, **values)
    event(p, V.CHECKLIST_SAVED, by, p.organizer, number=number, theme=values["theme"])
    return c


@transaction.atomic
def plan_start(*, plan: InspectionPlan, by: Any) -> InspectionPlan:
    p = plan_lock(plan, by, "manage")
    if p.state != PlanState.PLANNED:
        raise DomainError(E.STATE, f"督察当前为“{p.get_state_display()}”，不能开始。", field="state")
    if not p.targets.exists():
        raise DomainError(E.REQUIRED, "请先确定被督察单位。", field="targets")
    if not p.team.filter(role=TeamRole.LEADER).exists():
        raise DomainError(E.REQUIRED, "请先确定督察组组长。", field="team")
    if not p.checklist.exists():
        raise DomainError(E.REQUIRED, "请先制定督察清单。", field="checklist")
    p.state = PlanState.UNDERWAY
    p.save(update_fields=["state", "updated_at"])
    event(p, V.PLAN_STARTED, by, p.organizer)
    return p


@transaction.atomic
def plan_complete(*, plan: InspectionPlan, by: Any) -> InspectionPlan:
    p = plan_lock(plan, by, "manage")
    if p.state != PlanState.UNDERWAY:
        raise DomainError(E.STATE, f"督察当前为“{p.get_state_display()}”，不能完成。", field="state")
    p.state = PlanState.COMPLETED
    p.save(update_fields=["state", "updated_at"])
    event(p, V.PLAN_COMPLETED, by, p.organizer)
    return p
