"""API read endpoints of 行政执法协调监督: enforcement cases, 执法主体 and 执法人员 in the caller's scope. Same
policies and scoped selectors as the pages; a party who is a natural person is masked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode, not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.idempotency import fingerprint, idempotency_check, idempotency_remember, idempotency_token
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page

from .models import Body, Case
from .rules import GROUND_CODES
from .selectors import bodies_visible_to, case_flags, case_get_for, cases_visible_to, officer_rows
from .services import CaseInput, case_record
from .states import DecisionKind, PartyKind, Procedure, Source, Tier

VIEW = "enforcement.view"
RECORD = "enforcement.case.record"
OPERATION = "enforcement.case.record"
api_actions(VIEW, RECORD)
router = Router(tags=["行政执法协调监督"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
WRITE_ERRORS = {**ERRORS, 413: ErrorOut, 422: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class EnforcementCaseOut(Schema):
    id: int
    number: str
    body_id: int
    unit: str
    unit_code: str
    matter_code: str
    matter: str
    kind: str
    procedure: str
    filed_on: dt.date
    party_kind: str
    party_name: str
    party_credit_code: str
    hearing_held: bool
    review_required: bool
    review_grounds: list[str]
    reviewed_on: dt.date | None
    review_defect: bool
    tier: str
    tier_defect: bool
    decided_on: dt.date | None
    decision: str
    amount: float | None
    published_on: dt.date | None
    changed_on: dt.date | None
    withdrawn_on: dt.date | None
    source: str
    version: int


class EnforcementCaseListOut(Schema):
    items: list[EnforcementCaseOut]
    next_cursor: str | None


class EnforcementCaseDetailOut(EnforcementCaseOut):
    officers: list[str]
    flags: list[str]


class EnforcementOfficerOut(Schema):
    name: str
    certificate_number: str
    certificate_kind: str
    area: str
    valid_from: dt.date
    valid_until: dt.date
    status: str
    problems: list[str]


class EnforcementBodyOut(Schema):
    id: int
    unit: str
    unit_code: str
    kind: str
    legal_basis: str
    scope: str
    entrusted_by_id: int | None
    officers: list[EnforcementOfficerOut]


class EnforcementBodyListOut(Schema):
    items: list[EnforcementBodyOut]
    next_cursor: str | None


def _case(c: Case) -> dict[str, Any]:
    return {
        "id": c.pk,
        "number": c.number,
        "body_id": c.body_id,
        "unit": c.body.unit.name,
        "unit_code": c.body.unit.code,
        "matter_code": c.matter.code,
        "matter": c.matter.name,
        "kind": c.kind,
        "procedure": c.procedure,
        "filed_on": c.filed_on,
        "party_kind": c.party_kind,
        "party_name": c.masked_party_name,
        "party_credit_code": c.party_credit_code,
        "hearing_held": c.hearing_held,
        "review_required": c.review_required,
        "review_grounds": list(c.review_grounds),
        "reviewed_on": c.reviewed_on,
        "review_defect": c.review_defect,
        "tier": c.tier.tier if c.tier_id else "",
        "tier_defect": c.tier_defect,
        "decided_on": c.decided_on,
        "decision": c.decision,
        "amount": float(c.amount) if c.amount is not None else None,
        "published_on": c.published_on,
        "changed_on": c.changed_on,
        "withdrawn_on": c.withdrawn_on,
        "source": c.source,
        "version": c.version,
    }


@router.get(
    "enforcement/cases/",
    response={200: EnforcementCaseListOut, **ERRORS},
    url_name="enforcement_case_list",
    summary="行政执法案件列表",
)
def enforcement_case_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2999, description="立案年度"),
    body_id: int | None = Query(None, ge=1, description="执法主体"),
    review_defect: bool | None = Query(None, description="法制审核缺陷"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内的行政执法案件（`enforcement.view`）。自然人当事人姓名已脱敏。"""
    user = require(request, VIEW)
    qs = cases_visible_to(user)
    if year is not None:
        qs = qs.filter(filed_on__year=year)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if review_defect is not None:
        qs = qs.filter(review_defect=review_defect)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_case)


@router.get(
    "enforcement/cases/{case_id}/",
    response={200: EnforcementCaseDetailOut, **ERRORS},
    url_name="enforcement_case_detail",
    summary="行政执法案件详情（执法人员、缺陷和逾期提示）",
)
def enforcement_case_detail(request: HttpRequest, case_id: int) -> dict:
    user = require(request, VIEW)
    try:
        c = case_get_for(user, case_id)
    except Http404:
        raise not_found() from None
    return {
        **_case(c),
        "officers": [o.certificate_number for o in c.officers.order_by("certificate_number")],
        "flags": case_flags(c),
    }


def _body(b: Body) -> dict[str, Any]:
    return {
        "id": b.pk,
        "unit": b.unit.name,
        "unit_code": b.unit.code,
        "kind": b.kind,
        "legal_basis": b.legal_basis,
        "scope": b.scope,
        "entrusted_by_id": b.entrusted_by_id,
        "officers": [
            {
                "name": r.officer.name,
                "certificate_number": r.officer.certificate_number,
                "certificate_kind": r.officer.certificate_kind,
                "area": r.officer.area,
                "valid_from": r.officer.valid_from,
                "valid_until": r.officer.valid_until,
                "status": r.officer.status,
                "problems": r.problems,
            }
            for r in officer_rows(list(b.officers.order_by("certificate_number")))
        ],
    }


@router.get(
    "enforcement/bodies/",
    response={200: EnforcementBodyListOut, **ERRORS},
    url_name="enforcement_body_list",
    summary="执法主体和执法人员（含证件和培训提示）",
)
def enforcement_body_list(
    request: HttpRequest,
    ordering: Literal["-id", "id"] = Query("id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内的执法主体（`enforcement.view`），每个主体的执法人员及其不能参与新案件的原因。"""
    user = require(request, VIEW)
    return keyset_page(
        bodies_visible_to(user), orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_body
    )


class EnforcementCaseIn(Schema):
    source_id: str | None = Field(
        None, max_length=200, description="来源系统中的编号（无 Idempotency-Key 时用作幂等键）"
    )
    number: str = Field(..., min_length=1, max_length=80, description="案号（本主体内唯一）")
    matter_code: str = Field(..., min_length=1, max_length=40, description="执法事项编码（本主体执法事项清单中的）")
    procedure: Literal[tuple(Procedure.values)] = Field(Procedure.ORDINARY, description="程序")  # type: ignore[valid-type]
    filed_on: dt.date = Field(..., description="立案日期（起算九十日办理期限，行政处罚法第六十条）")
    party_kind: Literal[tuple(PartyKind.values)] = Field(..., description="当事人类型")  # type: ignore[valid-type]
    party_name: str = Field(..., min_length=1, max_length=200, description="当事人姓名或名称（加密存储）")
    party_credit_code: str = Field("", max_length=40, description="统一社会信用代码（GB 32100-2015，校验位检查）")
    officer_numbers: list[str] = Field(..., min_length=1, max_length=20, description="执法人员执法证号")
    facts: str = Field("", max_length=2000, description="案情摘要")
    hearing_held: bool = False
    hearing_on: dt.date | None = None
    review_grounds: list[Literal[tuple(sorted(GROUND_CODES))]] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=4, description="法制审核情形（行政处罚法第五十八条第一款）"
    )
    reviewer: str = Field("", max_length=50)
    reviewer_qualified: bool = False
    reviewed_on: dt.date | None = None
    decided_on: dt.date | None = None
    decision: Literal[("", *DecisionKind.values)] = ""  # type: ignore[valid-type]
    decision_number: str = Field("", max_length=80)
    amount: float | None = Field(None, ge=0, le=1e12, description="罚没金额（元）")
    published_on: dt.date | None = None
    changed_on: dt.date | None = None
    withdrawn_on: dt.date | None = None
    tier: Literal[("", *Tier.values)] = Field("", description="适用裁量阶次（事项裁量基准中的）")  # type: ignore[valid-type]


@router.post(
    "enforcement/cases/",
    response={201: EnforcementCaseDetailOut, 200: EnforcementCaseDetailOut, **WRITE_ERRORS},
    url_name="enforcement_case_record",
    summary="报送行政执法案件（执法单位系统对接）",
)
def enforcement_case_record(request: HttpRequest, payload: EnforcementCaseIn) -> object:
    """报送一件行政执法案件，执法主体为调用方（接口账号）所属单位。与页面录入相同的服务与校验（执法证、培训、事项、
    日期、统一社会信用代码）。同一幂等键的重复请求返回第一次报送的案件（200）。"""
    user = require(request, VIEW, RECORD)
    body = Body.objects.filter(unit_id=user.unit_id, is_active=True).select_related("unit").first()
    if body is None:
        raise ApiError(400, ApiErrorCode.INVALID, "调用方所属单位未登记为执法主体，不能报送案件。")
    token = idempotency_token(request, OPERATION, payload.source_id)
    print_ = fingerprint(payload)
    replayed = idempotency_check(token, OPERATION, print_)
    x = payload.model_dump(exclude={"source_id"})
    data = CaseInput(
        **{k: v for k, v in x.items() if k != "amount"},
        amount=None if payload.amount is None else Decimal(str(payload.amount)),
    )
    with transaction.atomic():
        case = case_record(by=user, body=body, data=data, source=Source.API, submit_token=token)
        replayed = replayed or not getattr(case, "just_created", False)
        idempotency_remember(token, OPERATION, print_, case.pk)
    c = case_get_for(user, case.pk)
    body_out = {
        **_case(c),
        "officers": [o.certificate_number for o in c.officers.order_by("certificate_number")],
        "flags": case_flags(c),
    }
    return Status(200 if replayed else 201, body_out)
