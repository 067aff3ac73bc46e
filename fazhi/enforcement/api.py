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
from .selectors import (
    bodies_visible_to,
    campaign_get_for,
    campaign_results,
    campaigns_visible_to,
    case_flags,
    case_get_for,
    cases_visible_to,
    inspections_visible_to,
    officer_rows,
)
from .services import CaseInput, case_record
from .states import DecisionKind, PartyKind, Procedure, Source, Tier

VIEW = "enforcement.view"
RECORD = "enforcement.case.record"
OPERATION = "enforcement.case.record"
REVIEW_VIEW = "enforcement.review.view"
api_actions(VIEW, RECORD, REVIEW_VIEW)
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


# 涉企行政检查 and 案卷评查 (read)


class EnforcementInspectionOut(Schema):
    id: int
    on: dt.date
    body_id: int
    unit: str
    unit_code: str
    partner_unit_codes: list[str]
    matter_code: str
    matter: str
    enterprise_code: str
    enterprise_name: str
    officers: list[str]
    result: str
    unpublished_item: bool
    over_cap: bool
    outside_plan: bool = Field(description="计划外检查：检查日无经批准并备案的年度检查计划，或事项不在计划中")
    special: bool = Field(description="专项检查")
    over_quota: bool = Field(description="超过年度计划的专项检查次数上限")
    in_quiet_period: bool = Field(description="无事不扰期内的检查（须有启动原因）")
    cause: str
    confirm_state: str
    confirm_rating: int | None
    confirmed_at: dt.datetime | None


class EnforcementInspectionListOut(Schema):
    items: list[EnforcementInspectionOut]
    next_cursor: str | None


def _inspection(i: Any) -> dict[str, Any]:
    return {
        "id": i.pk,
        "on": i.on,
        "body_id": i.body_id,
        "unit": i.body.unit.name,
        "unit_code": i.body.unit.code,
        "partner_unit_codes": sorted(p.unit.code for p in i.partners.all()),
        "matter_code": i.matter.code,
        "matter": i.matter.name,
        "enterprise_code": i.enterprise_code,
        "enterprise_name": i.enterprise_name,
        "officers": sorted(o.certificate_number for o in i.officers.all()),
        "result": i.result,
        "unpublished_item": i.unpublished_item,
        "over_cap": i.over_cap,
        "outside_plan": i.outside_plan,
        "special": i.special,
        "over_quota": i.over_quota,
        "in_quiet_period": i.in_quiet_period,
        "cause": i.cause,
        "confirm_state": i.confirm_state,
        "confirm_rating": i.confirm_rating,
        "confirmed_at": i.confirmed_at,
    }


@router.get(
    "enforcement/inspections/",
    response={200: EnforcementInspectionListOut, **ERRORS},
    url_name="enforcement_inspection_list",
    summary="涉企行政检查列表（含超上限、未公布事项和企业确认情况）",
)
def enforcement_inspection_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2999, description="检查年度"),
    body_id: int | None = Query(None, ge=1, description="牵头执法主体"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内（牵头单位）的涉企行政检查（`enforcement.view`）。确认链接不在接口中提供。"""
    user = require(request, VIEW)
    qs = inspections_visible_to(user).prefetch_related("partners__unit", "officers")
    if year is not None:
        qs = qs.filter(on__year=year)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_inspection)


class EnforcementCampaignOut(Schema):
    id: int
    title: str
    organizer_code: str
    body_ids: list[int]
    period_from: dt.date
    period_to: dt.date
    kinds: list[str]
    sample_size: int
    seed: str
    sheet: list[dict[str, Any]]
    grades: dict[str, int]
    vetoes: list[dict[str, str]] = Field(description="一票否决情形（有其中任一情形的案卷为不合格）")
    sampled: bool
    closed_at: dt.datetime | None = Field(description="结束时间：结束后评查结果不再修改")


class EnforcementCampaignListOut(Schema):
    items: list[EnforcementCampaignOut]
    next_cursor: str | None


class EnforcementReviewFileOut(Schema):
    id: int
    case_id: int
    case_number: str
    body_id: int
    unit_code: str
    state: str
    total: float | None = Field(description="最终得分（按0.5分计）")
    vetoes: list[str] = Field(description="认定的一票否决情形编码")
    grade: str
    reconciled: bool
    graded_on: dt.date | None
    defects: list[dict[str, Any]]


class EnforcementReviewBodyResultOut(Schema):
    body_id: int
    unit_code: str
    sampled: int
    graded: int
    excellent: int
    passed: int
    failed: int
    pass_rate: float | None
    defects: int
    defects_open: int


class EnforcementCampaignDetailOut(EnforcementCampaignOut):
    files: list[EnforcementReviewFileOut]
    results: list[EnforcementReviewBodyResultOut]


def _campaign(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "organizer_code": c.organizer.code,
        "body_ids": sorted(b.pk for b in c.bodies.all()),
        "period_from": c.period_from,
        "period_to": c.period_to,
        "kinds": list(c.kinds),
        "sample_size": c.sample_size,
        "seed": c.seed,
        "sheet": list(c.sheet),
        "grades": dict(c.grades),
        "vetoes": list(c.vetoes),
        "sampled": c.sampled_at is not None,
        "closed_at": c.closed_at,
    }


@router.get(
    "enforcement/campaigns/",
    response={200: EnforcementCampaignListOut, **ERRORS},
    url_name="enforcement_campaign_list",
    summary="案卷评查活动列表",
)
def enforcement_campaign_list(
    request: HttpRequest,
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内（组织单位）的案卷评查活动（`enforcement.review.view`）：范围、随机种子、评分表和等次分数线。"""
    user = require(request, REVIEW_VIEW)
    qs = campaigns_visible_to(user).prefetch_related("bodies")
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_campaign)


@router.get(
    "enforcement/campaigns/{campaign_id}/",
    response={200: EnforcementCampaignDetailOut, **ERRORS},
    url_name="enforcement_campaign_detail",
    summary="案卷评查活动详情（抽取的案卷、得分、等次、问题和各执法主体结果）",
)
def enforcement_campaign_detail(request: HttpRequest, campaign_id: int) -> dict:
    """评查活动的案卷（最终得分和等次；评查人员各自的评分不在接口中提供）和各执法主体的结果（合格率来自指标体系）。"""
    user = require(request, REVIEW_VIEW)
    try:
        c = campaign_get_for(user, campaign_id)
    except Http404:
        raise not_found() from None
    files = c.files.select_related("case", "unit").prefetch_related("defects__supervision_item").order_by("id")
    return {
        **_campaign(c),
        "files": [
            {
                "id": f.pk,
                "case_id": f.case_id,
                "case_number": f.case.number,
                "body_id": f.body_id,
                "unit_code": f.unit.code,
                "state": f.state,
                "total": float(f.total) if f.total is not None else None,
                "vetoes": list(f.vetoes),
                "grade": f.grade,
                "reconciled": f.reconciled,
                "graded_on": f.graded_on,
                "defects": [
                    {
                        "item_code": d.item_code,
                        "text": d.text,
                        "raised_on": d.raised_on.isoformat(),
                        "due_on": d.supervision_item.due_date.isoformat() if d.supervision_item_id else None,
                        "closed_on": d.closed_on.isoformat() if d.closed_on else None,
                    }
                    for d in f.defects.all()
                ],
            }
            for f in files
        ],
        "results": [
            {
                "body_id": r["body"].pk,
                "unit_code": r["body"].unit.code,
                "sampled": r["sampled"],
                "graded": r["graded"],
                "excellent": r["excellent"],
                "passed": r["pass"],
                "failed": r["fail"],
                "pass_rate": r["pass_rate"],
                "defects": r["defects"],
                "defects_open": r["defects_open"],
            }
            for r in campaign_results(c, user)
        ],
    }


# 执法监督文书 (read)


class EnforcementSupervisionDocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    body_id: int
    unit: str
    unit_code: str
    issuer: str
    subject: str
    findings: str
    requirements: str
    basis: str
    issued_on: dt.date
    reply_due: dt.date | None
    replied_on: dt.date | None
    reply_text: str
    reply_late: bool
    reply_state: str


class EnforcementSupervisionDocumentListOut(Schema):
    items: list[EnforcementSupervisionDocumentOut]
    next_cursor: str | None


def _supervision_document(d: Any) -> dict[str, Any]:
    from fazhi.deadlines.selectors import today_local

    from .selectors import supervision_state

    return {
        "id": d.pk,
        "kind": d.kind,
        "kind_label": d.get_kind_display(),
        "number": d.number,
        "body_id": d.body_id,
        "unit": d.unit.name,
        "unit_code": d.unit.code,
        "issuer": d.issuer.name,
        "subject": d.subject,
        "findings": d.findings,
        "requirements": d.requirements,
        "basis": d.basis,
        "issued_on": d.issued_on,
        "reply_due": d.reply_due,
        "replied_on": d.replied_on,
        "reply_text": d.reply_text,
        "reply_late": d.reply_late
        or (d.replied_on is None and d.reply_due is not None and d.reply_due < today_local()),
        "reply_state": supervision_state(d, today_local()),
    }


@router.get(
    "enforcement/supervision-documents/",
    response={200: EnforcementSupervisionDocumentListOut, **ERRORS},
    url_name="enforcement_supervision_document_list",
    summary="行政执法监督意见书、决定书列表（含答复期限和答复情况）",
)
def enforcement_supervision_document_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2999, description="制发年度"),
    body_id: int | None = Query(None, ge=1, description="被监督的执法主体"),
    kind: Literal["opinion", "decision"] | None = Query(None, description="opinion 意见书 / decision 决定书"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内（被监督单位）的执法监督文书（`enforcement.view`）。`reply_late`：答复晚于期限，或期限已过仍未答复。"""
    from .selectors import supervision_documents_visible_to

    user = require(request, VIEW)
    qs = supervision_documents_visible_to(user)
    if year is not None:
        qs = qs.filter(issued_on__year=year)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return keyset_page(
        qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_supervision_document
    )


@router.get(
    "enforcement/supervision-documents/{doc_id}/",
    response={200: EnforcementSupervisionDocumentOut, **ERRORS},
    url_name="enforcement_supervision_document_detail",
    summary="一件执法监督文书",
)
def enforcement_supervision_document_detail(request: HttpRequest, doc_id: int) -> dict:
    from .selectors import supervision_documents_visible_to

    user = require(request, VIEW)
    d = supervision_documents_visible_to(user).filter(pk=doc_id).first()
    if d is None:
        raise not_found()
    return _supervision_document(d)


# 执法投诉 and 监督检查 (read)

SUPERVISE = "enforcement.supervise"
api_actions(SUPERVISE)


class EnforcementComplaintOut(Schema):
    id: int
    number: str
    channel: str
    channel_label: str
    state: str
    state_label: str
    body_id: int
    unit: str
    unit_code: str
    complainant: str = Field(description="投诉人（已脱敏）")
    subject: str
    content: str
    received_on: dt.date
    due_on: dt.date | None
    accepted_on: dt.date | None
    investigation: str
    outcome: str
    result: str
    closed_on: dt.date | None
    late: bool = Field(description="办结晚于期限，或期限已过仍未办结")
    hotline_case_id: int | None
    document_ids: list[int]


class EnforcementComplaintListOut(Schema):
    items: list[EnforcementComplaintOut]
    next_cursor: str | None


def _complaint(c: Any) -> dict[str, Any]:
    from fazhi.deadlines.selectors import today_local

    return {
        "id": c.pk,
        "number": c.number or "",
        "channel": c.channel,
        "channel_label": c.get_channel_display(),
        "state": c.state,
        "state_label": c.get_state_display(),
        "body_id": c.body_id,
        "unit": c.unit.name,
        "unit_code": c.unit.code,
        "complainant": c.masked_name,
        "subject": c.subject,
        "content": c.content,
        "received_on": c.received_on,
        "due_on": c.due_on,
        "accepted_on": c.accepted_on,
        "investigation": c.investigation,
        "outcome": c.outcome,
        "result": c.result,
        "closed_on": c.closed_on,
        "late": c.late or (c.closed_on is None and c.due_on is not None and c.due_on < today_local()),
        "hotline_case_id": c.hotline_case_id,
        "document_ids": sorted(d.pk for d in c.documents.all()),
    }


@router.get(
    "enforcement/complaints/",
    response={200: EnforcementComplaintListOut, **ERRORS},
    url_name="enforcement_complaint_list",
    summary="执法投诉列表（网上投诉、12345转办、来信来访）",
)
def enforcement_complaint_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2999, description="收到年度"),
    body_id: int | None = Query(None, ge=1, description="被投诉的执法主体"),
    state: Literal["received", "investigating", "closed", "rejected"] | None = Query(None),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内（被投诉单位）的执法投诉（`enforcement.supervise`）；投诉人姓名脱敏，不含联系电话。"""
    from .selectors import complaints_visible_to

    user = require(request, SUPERVISE)
    qs = complaints_visible_to(user).prefetch_related("documents")
    if year is not None:
        qs = qs.filter(received_on__year=year)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if state is not None:
        qs = qs.filter(state=state)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_complaint)


@router.get(
    "enforcement/complaints/{complaint_id}/",
    response={200: EnforcementComplaintOut, **ERRORS},
    url_name="enforcement_complaint_detail",
    summary="一件执法投诉",
)
def enforcement_complaint_detail(request: HttpRequest, complaint_id: int) -> dict:
    from .selectors import complaints_visible_to

    user = require(request, SUPERVISE)
    c = complaints_visible_to(user).filter(pk=complaint_id).first()
    if c is None:
        raise not_found()
    return _complaint(c)


class EnforcementCheckFindingOut(Schema):
    id: int
    item: str
    text: str
    raised_on: dt.date
    due_on: dt.date
    supervision_item_id: int | None
    closed_on: dt.date | None


class EnforcementCheckOut(Schema):
    id: int
    body_id: int
    unit: str
    unit_code: str
    organizer: str
    checked_on: dt.date
    items: list[str]
    inspectors: str
    summary: str
    findings: list[EnforcementCheckFindingOut]
    document_ids: list[int]


class EnforcementCheckListOut(Schema):
    items: list[EnforcementCheckOut]
    next_cursor: str | None


def _check(k: Any) -> dict[str, Any]:
    return {
        "id": k.pk,
        "body_id": k.body_id,
        "unit": k.unit.name,
        "unit_code": k.unit.code,
        "organizer": k.organizer.name,
        "checked_on": k.checked_on,
        "items": list(k.items),
        "inspectors": k.inspectors,
        "summary": k.summary,
        "findings": [
            {
                "id": f.pk,
                "item": f.item,
                "text": f.text,
                "raised_on": f.raised_on,
                "due_on": f.due_on,
                "supervision_item_id": f.supervision_item_id,
                "closed_on": f.closed_on,
            }
            for f in sorted(k.findings.all(), key=lambda f: f.pk)
        ],
        "document_ids": sorted(d.pk for d in k.documents.all()),
    }


@router.get(
    "enforcement/checks/",
    response={200: EnforcementCheckListOut, **ERRORS},
    url_name="enforcement_check_list",
    summary="行政执法监督检查列表（含发现的问题及其督办事项）",
)
def enforcement_check_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2999, description="检查年度"),
    body_id: int | None = Query(None, ge=1, description="被检查的执法主体"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内（被检查单位）的监督检查（`enforcement.view`）。"""
    from .selectors import checks_visible_to

    user = require(request, VIEW)
    qs = checks_visible_to(user).prefetch_related("findings", "documents")
    if year is not None:
        qs = qs.filter(checked_on__year=year)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_check)


@router.get(
    "enforcement/checks/{check_id}/",
    response={200: EnforcementCheckOut, **ERRORS},
    url_name="enforcement_check_detail",
    summary="一次行政执法监督检查",
)
def enforcement_check_detail(request: HttpRequest, check_id: int) -> dict:
    from .selectors import checks_visible_to

    user = require(request, VIEW)
    k = checks_visible_to(user).prefetch_related("findings", "documents").filter(pk=check_id).first()
    if k is None:
        raise not_found()
    return _check(k)


# 涉企行政检查计划 (read)


class EnforcementPlanItemOut(Schema):
    matter_code: str
    matter: str
    subjects: str = Field(description="检查对象")
    frequency: int = Field(description="每户年度检查频次")


class EnforcementPlanOut(Schema):
    id: int
    body_id: int
    unit: str
    unit_code: str
    year: int
    special_quota: int | None = Field(description="专项检查次数上限（未设定为 null）")
    approved_on: dt.date | None
    approved_by: str
    filed_on: dt.date | None = Field(description="备案日期：批准并备案后计划生效")
    published_on: dt.date | None
    items: list[EnforcementPlanItemOut]
    version: int


class EnforcementPlanListOut(Schema):
    items: list[EnforcementPlanOut]
    next_cursor: str | None


def _plan(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "body_id": p.body_id,
        "unit": p.body.unit.name,
        "unit_code": p.body.unit.code,
        "year": p.year,
        "special_quota": p.special_quota,
        "approved_on": p.approved_on,
        "approved_by": p.approved_by,
        "filed_on": p.filed_on,
        "published_on": p.published_on,
        "items": [
            {"matter_code": i.matter.code, "matter": i.matter.name, "subjects": i.subjects, "frequency": i.frequency}
            for i in sorted(p.items.all(), key=lambda i: i.matter.code)
        ],
        "version": p.version,
    }


@router.get(
    "enforcement/plans/",
    response={200: EnforcementPlanListOut, **ERRORS},
    url_name="enforcement_plan_list",
    summary="涉企行政检查年度计划列表（含检查事项、专项检查次数上限、批准和备案）",
)
def enforcement_plan_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2999, description="计划年度"),
    body_id: int | None = Query(None, ge=1, description="执法主体"),
    filed: bool | None = Query(None, description="true：已批准并备案；false：未备案"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内执法主体的年度行政检查计划（`enforcement.view`）。"""
    from .selectors import plans_visible_to

    user = require(request, VIEW)
    qs = plans_visible_to(user)
    if year is not None:
        qs = qs.filter(year=year)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if filed is not None:
        qs = qs.filter(filed_on__isnull=not filed)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_plan)


@router.get(
    "enforcement/plans/{plan_id}/",
    response={200: EnforcementPlanOut, **ERRORS},
    url_name="enforcement_plan_detail",
    summary="一份涉企行政检查年度计划",
)
def enforcement_plan_detail(request: HttpRequest, plan_id: int) -> dict:
    from .selectors import plans_visible_to

    user = require(request, VIEW)
    p = plans_visible_to(user).filter(pk=plan_id).first()
    if p is None:
        raise not_found()
    return _plan(p)
