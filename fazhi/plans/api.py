"""API endpoints of plans: plans, tasks (through their units' shares, as on the pages), the shares of the units in
the caller's scope, and a unit's progress report on its share — idempotent on `Idempotency-Key` or the source system's
id, through `assignment_report` (the same state table, policy and audit as the page). Policies: plans/policies.py."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from fazhi.api.access import actor, require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode
from fazhi.api.handlers import ErrorOut
from fazhi.api.idempotency import fingerprint, idempotency_check, idempotency_remember, idempotency_token
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, RecordId, fields_parse, keyset_page
from fazhi.core.forms import REPORT_MAX
from fazhi.supervision.models import Report

from .models import PlanTask, TaskAssignment
from .selectors import assignment_get_for, plan_get_for, plans_visible_to, task_get_for, tasks_visible_to
from .services import assignment_report
from .states import AssignmentState

OPERATION_REPORT = "plans.assignment.report"
api_actions("plans.plan.view", "plans.task.view", "plans.task.report")
router = Router(tags=["规划任务"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class PlanOut(Schema):
    id: int
    name: str
    kind: str
    year: int | None
    period_start: dt.date | None
    period_end: dt.date | None
    rhythm: str


class PlanListOut(Schema):
    items: list[PlanOut]
    next_cursor: str | None


def _plan_row(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "year": p.year,
        "period_start": p.period_start,
        "period_end": p.period_end,
        "rhythm": p.rhythm,
    }


@router.get("plans/", response={200: PlanListOut, **ERRORS}, url_name="plan_list", summary="计划列表")
def plan_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1900, le=2999, description="年度"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内有分工的计划（`plans.plan.view`）。"""
    user = require(request, "plans.plan.view")
    qs = plans_visible_to(user)
    if year is not None:
        qs = qs.filter(year=year)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_plan_row)


@router.get("plans/{plan_id}/", response={200: PlanOut, **ERRORS}, url_name="plan_detail", summary="计划详情")
def plan_detail(request: HttpRequest, plan_id: RecordId) -> dict:
    user = require(request, "plans.plan.view")
    return _plan_row(plan_get_for(user, plan_id))


class ShareOut(Schema):
    id: int
    task_id: int
    unit_id: int
    unit: str
    role: str
    state: str
    state_label: str
    due_date: dt.date | None
    closed_on_time: bool | None


class TaskOut(Schema):
    id: int
    plan_id: int | None = None
    number: int | None = None
    title: str | None = None
    text: str | None = None
    due_date: dt.date | None = None
    rhythm: str | None = None
    targets: list[dict[str, Any]] | None = None
    lead_units_written: list[str] | None = None
    co_units_written: list[str] | None = None
    closed_at: dt.datetime | None = None
    shares: list[ShareOut] | None = None


class TaskListOut(Schema):
    items: list[TaskOut]
    next_cursor: str | None


TASK_FIELDS = [f for f in TaskOut.model_fields if f != "shares"]
TASK_ORDERINGS = {
    "number": (("plan_id", "int"), ("number", "int"), ("id", "int")),
    **ID_ORDERINGS,
}


def _share_row(a: TaskAssignment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "task_id": a.task_id,
        "unit_id": a.unit_id,
        "unit": a.unit.display_name,
        "role": a.role,
        "state": a.state,
        "state_label": a.get_state_display(),
        "due_date": a.due_date,
        "closed_on_time": a.closed_on_time,
    }


def _task_row(t: PlanTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        "plan_id": t.plan_id,
        "number": t.number,
        "title": t.title,
        "text": t.text,
        "due_date": t.due_date,
        "rhythm": t.rhythm,
        "targets": list(t.targets or []),
        "lead_units_written": list(t.lead_units_written or []),
        "co_units_written": list(t.co_units_written or []),
        "closed_at": t.closed_at,
    }


@router.get(
    "tasks/", response={200: TaskListOut, **ERRORS}, url_name="task_list", summary="任务列表", exclude_unset=True
)
def task_list(
    request: HttpRequest,
    plan: RecordId | None = Query(None, description="计划 ID"),
    open: bool | None = Query(None, description="true 只要未销号的任务"),  # noqa: A002 (the parameter's public name)
    due_before: dt.date | None = Query(None, description="完成时限早于（不含）"),
    ordering: Literal["number", "-id", "id"] = Query("number"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
    fields: str | None = Query(None, max_length=300, description=f"只返回这些字段：{','.join(TASK_FIELDS)}"),
) -> dict:
    """数据范围内单位有分工的任务（`plans.task.view`）。任务全文较长，可用 `fields` 只取部分字段。"""
    user = require(request, "plans.task.view")
    selected = fields_parse(fields, TASK_FIELDS)
    qs = tasks_visible_to(user)
    if plan is not None:
        qs = qs.filter(plan_id=plan)
    if open is not None:
        qs = qs.filter(closed_at__isnull=open)
    if due_before is not None:
        qs = qs.filter(due_date__lt=due_before)
    return keyset_page(
        qs, orderings=TASK_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_task_row, fields=selected
    )


@router.get("tasks/{task_id}/", response={200: TaskOut, **ERRORS}, url_name="task_detail", summary="任务详情")
def task_detail(request: HttpRequest, task_id: RecordId) -> dict:
    """一项任务及其各单位分工（数据范围内的单位）。"""
    user = require(request, "plans.task.view")
    task = task_get_for(user, task_id)
    from .policies import TaskAssignmentPolicy

    shares = (
        TaskAssignmentPolicy.visible(user, "view")
        .filter(task=task)
        .select_related("unit")
        .order_by("-role", "unit__path")
    )
    return {**_task_row(task), "shares": [_share_row(a) for a in shares]}


class ShareListOut(Schema):
    items: list[ShareOut]
    next_cursor: str | None


@router.get("assignments/", response={200: ShareListOut, **ERRORS}, url_name="assignment_list", summary="分工列表")
def assignment_list(
    request: HttpRequest,
    state: Literal[tuple(AssignmentState.values)] | None = Query(None, description="分工状态"),  # type: ignore[valid-type]
    task: RecordId | None = Query(None, description="任务 ID"),
    unit: RecordId | None = Query(None, description="单位 ID"),
    ordering: Literal["-id", "id"] = Query("id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内单位的任务分工（牵头 / 配合），即各单位报送进展的对象。"""
    user = require(request, "plans.task.view")
    from .policies import TaskAssignmentPolicy

    qs = TaskAssignmentPolicy.visible(user, "view").select_related("unit")
    if state:
        qs = qs.filter(state=state)
    if task is not None:
        qs = qs.filter(task_id=task)
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_share_row)


class ReportIn(Schema):
    source_id: str | None = Field(
        None, max_length=200, description="来源系统中的报送编号（无 Idempotency-Key 时用作幂等键）"
    )
    text: str = Field(..., min_length=1, max_length=REPORT_MAX, description="进展情况")  # as the page's ReportForm
    percent: int | None = Field(None, ge=0, le=100, description="完成进度（%）")


class ReportOut(Schema):
    id: int
    assignment_id: int
    kind: str
    text: str
    percent: int | None
    created_at: dt.datetime
    assignment_state: str


@router.post(
    "assignments/{assignment_id}/reports/",
    response={201: ReportOut, 200: ReportOut, 422: ErrorOut, 409: ErrorOut, **ERRORS},
    url_name="assignment_report",
    summary="报送任务进展",
)
def assignment_report_api(request: HttpRequest, assignment_id: RecordId, payload: ReportIn) -> object:
    """本单位分工的一次进展报送（`plans.task.report`；与页面相同的状态表与审计）。同一幂等键的重复请求返回第一次的报送（200）。"""
    user = require(request, "plans.task.view", "plans.task.report")
    share = assignment_get_for(user, assignment_id, "report")
    token = idempotency_token(request, OPERATION_REPORT, payload.source_id)
    print_ = fingerprint({"assignment": assignment_id, **payload.model_dump(mode="json")})
    replayed = idempotency_check(token, OPERATION_REPORT, print_)
    with transaction.atomic():
        existed = token is not None and Report.objects.filter(submit_token=token).exists()
        report = assignment_report(
            assignment=share, by=actor(request), text=payload.text, percent=payload.percent, submit_token=token
        )
        if report.item_id != share.item_id:  # a share's reports live on its supervisable item
            raise ApiError(
                422, ApiErrorCode.IDEMPOTENCY_MISMATCH, "该幂等键已用于另一项分工的报送。", field="Idempotency-Key"
            )
        idempotency_remember(token, OPERATION_REPORT, print_, report.pk)
    share.refresh_from_db(fields=["state"])
    body = {
        "id": report.pk,
        "assignment_id": share.pk,
        "kind": report.kind,
        "text": report.text,
        "percent": report.percent,
        "created_at": report.created_at,
        "assignment_state": share.state,
    }
    return Status(200 if (replayed or existed) else 201, body)
