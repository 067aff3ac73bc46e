"""API endpoints of the case kernel, for every registered docket: the list (cursor, filters, ordering, fields), one
case with its parties masked, its timeline and its clocks with their explanation. The same policy and scoped
selectors as the docket pages: CasePolicy (cases.case.view + handling-unit scope) and the docket's own view action.

A docket adds what its cases carry beyond the kernel with `case_extra_fields(docket, names)` in its own api.py (only
named keys of `Case.extra` are shown: the rest may hold text the parties wrote)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from fazhi.api.access import actor
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode, not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, RecordId, fields_parse, keyset_page
from fazhi.core.actions import ACTIONS
from fazhi.core.errors import DomainError
from fazhi.core.pii import mask_id_number, mask_name, mask_phone
from fazhi.deadlines.api import ClockOut, clock_row
from fazhi.orgs.rules import has_action

from . import clocks
from .listing import docket_kept
from .models import Case, Party
from .registry import DOCKETS, DocketSpec
from .selectors import case_get_for, case_parties, case_timeline, cases_visible_to
from .services import PartyInput

api_actions("cases.case.view")
router = Router(tags=["案件"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
EXTRA_FIELDS: dict[str, tuple[str, ...]] = {}


def case_extra_fields(docket: str, names: tuple[str, ...]) -> None:
    """The keys of `Case.extra` a docket shows through the API (`docket_data` of a case)."""
    EXTRA_FIELDS[docket] = names


def docket_view_codes(spec: DocketSpec) -> tuple[str, ...]:
    """What seeing a docket's cases takes: the kernel's view code and the docket's own (`<docket>.case.view`)."""
    own = f"{spec.code}.case.view"
    return (spec.view_action, own) if own in ACTIONS else (spec.view_action,)


def _docket_for(user: Any, docket: str) -> DocketSpec:
    spec = DOCKETS.get(docket)
    if spec is None:
        raise ApiError(400, ApiErrorCode.INVALID, f"docket：取值应为 {'、'.join(DOCKETS)} 之一。", field="docket")
    if not all(has_action(code).allows(user, None) for code in docket_view_codes(spec)):
        raise not_found()
    return spec


class CaseOut(Schema):
    id: int
    docket: str | None = None
    case_number: str | None = None
    title: str | None = None
    state: str | None = None
    state_label: str | None = None
    handling_unit_id: int | None = None
    handling_unit: str | None = None
    respondent_unit_id: int | None = None
    respondent_unit: str | None = None
    received_on: dt.date | None = None
    channel: str | None = None
    closed_on: dt.date | None = None
    outcome: str | None = None
    outcome_label: str | None = None
    version: int | None = None


class CaseListOut(Schema):
    items: list[CaseOut]
    next_cursor: str | None


LIST_VALUES = (
    "id",
    "docket",
    "case_number",
    "title",
    "state",
    "handling_unit_id",
    "handling_unit__name",
    "respondent_unit_id",
    "respondent_unit__name",
    "received_on",
    "channel",
    "closed_on",
    "outcome",
    "version",
)
CASE_FIELDS = list(CaseOut.model_fields)
ORDERINGS = {
    "-received_on": (("-received_on", "date"), ("-id", "int")),
    "received_on": (("received_on", "date"), ("id", "int")),
    "-id": (("-id", "int"),),
    "id": (("id", "int"),),
}


def _row(spec: DocketSpec, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "docket": r["docket"],
        "case_number": r["case_number"],
        "title": r["title"],
        "state": r["state"],
        "state_label": spec.state_label(r["state"]),
        "handling_unit_id": r["handling_unit_id"],
        "handling_unit": r["handling_unit__name"],
        "respondent_unit_id": r["respondent_unit_id"],
        "respondent_unit": r["respondent_unit__name"],
        "received_on": r["received_on"],
        "channel": r["channel"],
        "closed_on": r["closed_on"],
        "outcome": r["outcome"],
        "outcome_label": spec.outcome_label(r["outcome"]) if r["outcome"] else "",
        "version": r["version"],
    }


@router.get(
    "cases/", response={200: CaseListOut, **ERRORS}, url_name="case_list", summary="案件列表", exclude_unset=True
)
def case_list(
    request: HttpRequest,
    docket: str = Query(..., max_length=32, description="案件类型：reconsideration 行政复议、litigation 行政应诉 …"),
    state: str | None = Query(None, max_length=32, description="状态编码（见该案件类型的状态表）"),
    handling_unit: RecordId | None = Query(None, description="承办单位 ID"),
    respondent_unit: RecordId | None = Query(None, description="被申请人（被告）单位 ID"),
    received_from: dt.date | None = Query(None, description="收到日期不早于"),
    received_to: dt.date | None = Query(None, description="收到日期不晚于"),
    closed: bool | None = Query(None, description="true 只要已结案，false 只要未结案"),
    q: str = Query("", max_length=100, description="案号或案由包含"),
    ordering: Literal["-received_on", "received_on", "-id", "id"] = Query("-received_on"),
    cursor: str | None = Query(None, max_length=500, description="上一页的 next_cursor"),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
    fields: str | None = Query(
        None, max_length=400, description=f"只返回这些字段（逗号分隔）：{','.join(CASE_FIELDS)}"
    ),
) -> dict:
    """某一案件类型中数据范围内的案件（承办单位在数据范围内；须有 `cases.case.view` 和该类型的查看权限）。"""
    user = actor(request)
    spec = _docket_for(user, docket)
    selected = fields_parse(fields, CASE_FIELDS)
    if state and state not in {s.code for s in spec.states}:
        raise ApiError(
            400,
            ApiErrorCode.INVALID,
            f"state：取值应为 {'、'.join(s.code for s in spec.states)} 之一。",
            field="state",
        )

    def build() -> dict[str, Any]:
        qs = cases_visible_to(user, docket=spec.code).select_related(None)
        if state:
            qs = qs.filter(state=state)
        if handling_unit is not None:
            qs = qs.filter(handling_unit_id=handling_unit)
        if respondent_unit is not None:
            qs = qs.filter(respondent_unit_id=respondent_unit)
        if received_from is not None:
            qs = qs.filter(received_on__gte=received_from)
        if received_to is not None:
            qs = qs.filter(received_on__lte=received_to)
        if closed is not None:
            qs = qs.filter(closed_on__isnull=not closed)
        if q.strip():
            qs = qs.filter(Q(case_number__contains=q.strip()) | Q(title__contains=q.strip()))
        return keyset_page(
            qs,
            orderings=ORDERINGS,
            ordering=ordering,
            cursor=cursor,
            limit=limit,
            row=lambda r: _row(spec, r),
            fields=selected,
            values=LIST_VALUES,
        )

    wanted = {
        "api": 1,
        "state": state,
        "handling_unit": handling_unit,
        "respondent_unit": respondent_unit,
        "received_from": received_from,
        "received_to": received_to,
        "closed": closed,
        "q": q.strip(),
        "ordering": ordering,
        "cursor": cursor,
        "limit": limit,
        "fields": ",".join(sorted(selected)) if selected else "",
    }
    # kept like the list pages (ADR 0006): under the docket's stamp and the caller's grants stamp, never stale
    return docket_kept(
        user=user,
        docket=spec.code,
        wanted=wanted,
        kind="api",
        compute=build,
    )


class PartyOut(Schema):
    id: int
    role: str
    kind: str
    name: str
    id_number: str
    phone: str
    credit_code: str
    unit_id: int | None
    represents_id: int | None


def party_row(p: Party) -> dict[str, Any]:
    """A party with its personal information masked (names of people, ID numbers, phones; no address)."""
    return {
        "id": p.pk,
        "role": p.role,
        "kind": p.kind,
        "name": mask_name(p.name) if p.is_person else p.name,
        "id_number": mask_id_number(p.id_number),
        "phone": mask_phone(p.phone),
        "credit_code": p.credit_code,
        "unit_id": p.unit_id,
        "represents_id": p.represents_id,
    }


class CaseDetailOut(CaseOut):
    handler: str | None = None
    parties: list[PartyOut]
    docket_data: dict[str, Any]


def case_for(request: HttpRequest, case_id: RecordId) -> tuple[Case, DocketSpec]:
    """The case if the caller may see it — its docket's view codes and CasePolicy — else the 404 of a missing one."""
    user = actor(request)
    case = case_get_for(user, case_id)
    spec = DOCKETS.get(case.docket)
    if spec is None or not all(has_action(c).allows(user, None) for c in docket_view_codes(spec)):
        raise not_found()
    return case, spec


@router.get("cases/{case_id}/", response={200: CaseDetailOut, **ERRORS}, url_name="case_detail", summary="案件详情")
def case_detail(request: HttpRequest, case_id: RecordId) -> dict:
    """一件案件：基本信息、当事人（个人信息脱敏）和该案件类型公开的专有字段。"""
    case, spec = case_for(request, case_id)
    return case_detail_row(case, spec)


def case_detail_row(case: Case, spec: DocketSpec) -> dict[str, Any]:
    row = _row(
        spec,
        {
            **{f: getattr(case, f) for f in LIST_VALUES if "__" not in f},
            "handling_unit__name": case.handling_unit.name if case.handling_unit_id else None,
            "respondent_unit__name": case.respondent_unit.name if case.respondent_unit_id else None,
        },
    )
    handler = case.handler if case.handler_id else None
    return {
        **row,
        "handler": (handler.full_name or handler.username) if handler else None,
        "parties": [party_row(p) for p in case_parties(case)],
        "docket_data": {k: case.extra[k] for k in EXTRA_FIELDS.get(case.docket, ()) if k in case.extra},
    }


class TimelineEventOut(Schema):
    occurred_on: dt.date
    label: str
    actor: str


class TimelineOut(Schema):
    items: list[TimelineEventOut]


@router.get(
    "cases/{case_id}/timeline/", response={200: TimelineOut, **ERRORS}, url_name="case_timeline", summary="案件时间线"
)
def case_timeline_view(request: HttpRequest, case_id: RecordId) -> dict:
    """案件办理的每一步：法定日期、说明、经办人（系统操作为空）。"""
    case, _spec = case_for(request, case_id)
    return {"items": case_timeline(case)}


class CaseClocksOut(Schema):
    items: list[ClockOut]


@router.get(
    "cases/{case_id}/clocks/", response={200: CaseClocksOut, **ERRORS}, url_name="case_clocks", summary="案件期限"
)
def case_clocks_view(request: HttpRequest, case_id: RecordId) -> dict:
    """案件的法定期限：起算日、届满日、状态与灯色、计算说明（节假日、调休、中止、延长）和法律依据。"""
    case, _spec = case_for(request, case_id)
    return {"items": [clock_row(c, with_object=False) for c in clocks.case_clocks(case)]}


# ------------------------------------------------------------------------------------------------ writes (shared)


class PartyIn(Schema):
    kind: Literal["person", "organisation"] = "person"
    name: str = Field(..., min_length=1, max_length=100)
    id_number: str = Field("", max_length=30, description="自然人：身份证号码")
    credit_code: str = Field("", max_length=18, description="组织：统一社会信用代码")
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)


def party_input(p: PartyIn, *, role: str) -> PartyInput:
    person = p.kind == "person"
    return PartyInput(
        role=role,
        kind=p.kind,
        name=p.name,
        id_number=p.id_number if person else "",
        credit_code="" if person else p.credit_code,
        phone=p.phone,
        address=p.address,
    )


def domain_field(exc: DomainError, prefixes: dict[str, str]) -> DomainError:
    """A service's DomainError with its form-style field ("parties-0-phone", "agents-1-name") renamed to the body's
    path ("applicant.phone", "agents.1.name") through `prefixes` {regex: replacement}."""
    for pattern, replacement in prefixes.items():
        if exc.field and re.match(pattern, exc.field):
            exc.field = re.sub(pattern, replacement, exc.field, count=1)
            break
    return exc


class CaseCreatedOut(CaseDetailOut):
    receipt_number: str | None = None


def case_created(request: HttpRequest, case: Case, *, replayed: bool) -> Any:
    """The answer to a create: 201 with the case, or 200 with the first case for a repeated request."""
    spec = DOCKETS[case.docket]
    case = Case.objects.select_related("handling_unit", "respondent_unit", "handler").get(pk=case.pk)
    body = {**case_detail_row(case, spec), "receipt_number": case.receipt_number}
    return Status(200 if replayed else 201, body)
