"""API endpoints of 行政复议: a system hands in an application as the portal does (the same intake service, a receipt
number for the applicant's progress lookup), idempotent on `Idempotency-Key` or the source system's id; and the
docket's own fields on a case (`docket_data`). Reads are the kernel's (`/api/v1/cases/?docket=reconsideration`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode
from fazhi.api.handlers import ErrorOut
from fazhi.api.idempotency import fingerprint, idempotency_check, idempotency_remember, idempotency_token
from fazhi.api.lists import RecordId
from fazhi.cases.api import CaseCreatedOut, PartyIn, case_created, case_extra_fields, domain_field, party_input
from fazhi.cases.models import PartyRole
from fazhi.cases.services import today_local
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit
from fazhi.orgs.selectors import units_resolve

from .codes import ACT_MAX, FACTS_MAX, REQUEST_MAX
from .services import reconsideration_intake

OPERATION = "reconsideration.application"
api_actions("reconsideration.case.view", "reconsideration.case.intake")
case_extra_fields(
    "reconsideration", ("act", "request", "respondent_name", "review_start", "accepted_on", "procedure", "published_on")
)
router = Router(tags=["行政复议"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class ApplicationIn(Schema):
    source_id: str | None = Field(
        None, max_length=200, description="来源系统中的申请编号（无 Idempotency-Key 时用作幂等键）"
    )
    received_on: dt.date | None = Field(None, description="收到申请日期（默认今天；不得晚于今天）")
    channel: Literal["online", "mail", "transfer", "in_person"] = Field("online", description="收件渠道")
    applicant: PartyIn
    agents: list[PartyIn] = Field(default_factory=list, max_length=5, description="代理人")
    respondent_unit_id: RecordId | None = Field(None, description="被申请人（本市单位）ID")
    respondent_name: str = Field("", max_length=200, description="被申请人名称（按单位名称、简称或别名识别）")
    act: str = Field(..., min_length=1, max_length=ACT_MAX, description="被申请复议的行政行为")
    request: str = Field(..., min_length=1, max_length=REQUEST_MAX, description="行政复议请求")
    facts: str = Field("", max_length=FACTS_MAX, description="事实和理由")


@router.post(
    "reconsideration/applications/",
    response={201: CaseCreatedOut, 200: CaseCreatedOut, **ERRORS},
    url_name="reconsideration_application",
    summary="提交行政复议申请",
)
def reconsideration_application(request: HttpRequest, payload: ApplicationIn) -> object:
    """像网上申请一样提交一件行政复议申请（同一受理服务，起算 5 个工作日受理审查期，生成申请编号供申请人查询进度），
    承办单位为调用方所属单位（复议机构）。同一幂等键的重复请求返回第一次的案件（200）。"""
    user = require(request, "cases.case.view", "reconsideration.case.view", "reconsideration.case.intake")
    if user.unit_id is None:
        raise ApiError(400, ApiErrorCode.INVALID, "调用方没有所属单位，不能受理申请。")
    token = idempotency_token(request, OPERATION, payload.source_id)
    print_ = fingerprint(payload)
    if payload.respondent_unit_id is not None:
        respondent = Unit.objects.filter(pk=payload.respondent_unit_id, is_active=True).first()
        if respondent is None:
            raise ApiError(400, ApiErrorCode.INVALID, "respondent_unit_id：没有这个单位。", field="respondent_unit_id")
    else:
        respondent = units_resolve(payload.respondent_name).unit if payload.respondent_name.strip() else None
    replayed = idempotency_check(token, OPERATION, print_)
    try:
        with transaction.atomic():
            case = reconsideration_intake(
                by=user,
                handling_unit=user.unit,
                received_on=payload.received_on or today_local(),
                channel=payload.channel,
                applicant=party_input(payload.applicant, role=PartyRole.APPLICANT),
                agents=[party_input(a, role=PartyRole.AGENT) for a in payload.agents],
                act=payload.act,
                request=payload.request,
                facts=payload.facts,
                respondent_unit=respondent,
                respondent_name=payload.respondent_name,
                submit_token=token,
                with_receipt=True,
            )
            replayed = replayed or not getattr(case, "just_created", False)
            idempotency_remember(token, OPERATION, print_, case.pk)
    except DomainError as exc:
        raise domain_field(exc, {r"^parties-0-": "applicant.", r"^agents-(\d+)-": r"agents.\1."}) from None
    return case_created(request, case, replayed=replayed)
