"""API read endpoints of 行政执法协调监督: enforcement cases, 执法主体 and 执法人员 in the caller's scope. Same
policies and scoped selectors as the pages; a party who is a natural person is masked."""

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

from .models import Body, Case
from .selectors import bodies_visible_to, case_flags, case_get_for, cases_visible_to, officer_rows

VIEW = "enforcement.view"
api_actions(VIEW)
router = Router(tags=["行政执法协调监督"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
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
