"""API read endpoints of 法治督察: plans in the caller's scope (list; one plan with its targets, team, checklist and
fieldwork) and findings (list with filters; one with its 整改 reports and reviews). Same policies and scoped
selectors as the pages (InspectionPlanPolicy: the organizer; FindingPolicy: the responsible unit or the organizer)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page

from . import settings as conf
from .models import Finding, InspectionPlan, PlanKind
from .selectors import (
    STATUS,
    finding_get_for,
    finding_reports,
    finding_reviews,
    finding_status,
    findings_visible_to,
    plan_counts,
    plan_get_for,
    plans_visible_to,
)

PLAN_VIEW, FINDING_VIEW = "inspections.plan.view", "inspections.finding.view"
api_actions(PLAN_VIEW, FINDING_VIEW)
router = Router(tags=["法治督察"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class InspectionPlanOut(Schema):
    id: int
    year: int
    kind: str
    kind_label: str
    title: str
    theme: str
    organizer_id: int
    organizer: str
    start_on: dt.date
    end_on: dt.date
    state: str
    revisit_of_id: int | None
    version: int


class InspectionPlanListOut(Schema):
    items: list[InspectionPlanOut]
    next_cursor: str | None


class InspectionTargetOut(Schema):
    unit_id: int
    unit: str
    visit_start: dt.date | None
    visit_end: dt.date | None


class InspectionMemberOut(Schema):
    name: str
    role: str


class InspectionChecklistOut(Schema):
    number: int
    theme: str
    text: str
    basis: str


class InspectionFieldworkOut(Schema):
    on: dt.date
    unit: str
    checklist_number: int
    method: str
    method_label: str
    has_finding: bool
    note: str


class InspectionPlanDetailOut(InspectionPlanOut):
    targets: list[InspectionTargetOut]
    team: list[InspectionMemberOut]
    checklist: list[InspectionChecklistOut]
    fieldwork: list[InspectionFieldworkOut]
    counts: dict[str, int]


class InspectionFindingOut(Schema):
    id: int
    plan_id: int
    number: int
    source: str
    text: str
    basis: str
    severity: str
    severity_label: str
    responsible_unit_id: int
    responsible_unit: str
    found_on: dt.date
    due_on: dt.date
    status: str
    status_label: str
    item_id: int | None
    closed_on: dt.date | None
    version: int


class InspectionFindingListOut(Schema):
    items: list[InspectionFindingOut]
    next_cursor: str | None


class InspectionReportOut(Schema):
    on: dt.date
    kind: str
    text: str
    attachments: int


class InspectionReviewOut(Schema):
    on: dt.date
    decision: str
    reason: str


class InspectionFindingDetailOut(InspectionFindingOut):
    measures: str
    reports: list[InspectionReportOut]
    reviews: list[InspectionReviewOut]


def _plan(p: InspectionPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "year": p.year,
        "kind": p.kind,
        "kind_label": PlanKind(p.kind).label,
        "title": p.title,
        "theme": p.theme,
        "organizer_id": p.organizer_id,
        "organizer": p.organizer.name,
        "start_on": p.start_on,
        "end_on": p.end_on,
        "state": p.state,
        "revisit_of_id": p.revisit_of_id,
        "version": p.version,
    }


def _finding(f: Finding) -> dict[str, Any]:
    s = finding_status(f)
    return {
        "id": f.pk,
        "plan_id": f.plan_id,
        "number": f.number,
        "source": f.source,
        "text": f.text,
        "basis": f.basis,
        "severity": f.severity,
        "severity_label": conf.label(conf.severities(), f.severity),
        "responsible_unit_id": f.responsible_unit_id,
        "responsible_unit": f.responsible_unit.name,
        "found_on": f.found_on,
        "due_on": f.due_on,
        "status": s,
        "status_label": STATUS[s],
        "item_id": f.item_id,
        "closed_on": f.closed_on,
        "version": f.version,
    }


@router.get(
    "inspections/plans/",
    response={200: InspectionPlanListOut, **ERRORS},
    url_name="inspection_plan_list",
    summary="法治督察列表",
)
def plan_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2999, description="年度"),
    kind: Literal[tuple(PlanKind.values)] | None = Query(None, description="督察类型"),  # type: ignore[valid-type]
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内的法治督察（`inspections.plan.view`）。"""
    user = require(request, PLAN_VIEW)
    qs = plans_visible_to(user)
    if year is not None:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_plan)


@router.get(
    "inspections/plans/{plan_id}/",
    response={200: InspectionPlanDetailOut, **ERRORS},
    url_name="inspection_plan_detail",
    summary="法治督察详情（被督察单位、督察组、清单、督察记录）",
)
def plan_detail(request: HttpRequest, plan_id: int) -> dict:
    user = require(request, PLAN_VIEW)
    try:
        p = plan_get_for(user, plan_id)
    except Http404:
        raise not_found() from None
    methods = dict(conf.methods())
    return {
        **_plan(p),
        "targets": [
            {"unit_id": t.unit_id, "unit": t.unit.name, "visit_start": t.visit_start, "visit_end": t.visit_end}
            for t in p.targets.select_related("unit")
        ],
        "team": [{"name": str(m.user), "role": m.role} for m in p.team.select_related("user")],
        "checklist": [
            {"number": c.number, "theme": c.theme, "text": c.text, "basis": c.basis} for c in p.checklist.all()
        ],
        "fieldwork": [
            {
                "on": w.on,
                "unit": w.target.unit.name,
                "checklist_number": w.checklist_item.number,
                "method": w.method,
                "method_label": methods.get(w.method, w.method),
                "has_finding": w.has_finding,
                "note": w.note,
            }
            for w in p.fieldwork.select_related("target__unit", "checklist_item")
        ],
        "counts": plan_counts(p),
    }


@router.get(
    "inspections/findings/",
    response={200: InspectionFindingListOut, **ERRORS},
    url_name="inspection_finding_list",
    summary="督察问题清单",
)
def finding_list(
    request: HttpRequest,
    plan: int | None = Query(None, ge=1, description="督察"),
    unit: int | None = Query(None, ge=1, description="责任单位"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内的督察问题（`inspections.finding.view`：责任单位或组织单位）。"""
    user = require(request, FINDING_VIEW)
    qs = findings_visible_to(user)
    if plan is not None:
        qs = qs.filter(plan_id=plan)
    if unit is not None:
        qs = qs.filter(responsible_unit_id=unit)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_finding)


@router.get(
    "inspections/findings/{finding_id}/",
    response={200: InspectionFindingDetailOut, **ERRORS},
    url_name="inspection_finding_detail",
    summary="督察问题详情（整改方案、报送、审核）",
)
def finding_detail(request: HttpRequest, finding_id: int) -> dict:
    user = require(request, FINDING_VIEW)
    try:
        f = finding_get_for(user, finding_id)
    except Http404:
        raise not_found() from None
    return {
        **_finding(f),
        "measures": f.measures,
        "reports": [
            {"on": r.created_at.date(), "kind": r.kind, "text": r.text, "attachments": len(r.evidence.all())}
            for r in finding_reports(f)
        ],
        "reviews": [
            {"on": r.created_at.date(), "decision": r.decision, "reason": r.reason} for r in finding_reviews(f)
        ],
    }
