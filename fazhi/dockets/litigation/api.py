"""API endpoints of 行政应诉: register a lawsuit (a court's system or an agency's, idempotent on `Idempotency-Key` or
the source system's id), and the docket's own fields on a case (`docket_data`). Reads are the kernel's
(`/api/v1/cases/?docket=litigation`)."""

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
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit

from .services import litigation_register

OPERATION = "litigation.register"
api_actions("litigation.case.view", "litigation.case.register")
case_extra_fields(
    "litigation",
    (
        "court",
        "court_case_number",
        "cause",
        "instance",
        "after_reconsideration",
        "defendant_name",
        "served_on",
        "defence_due",
        "reconsideration_case_number",
        "appeal_of_number",
    ),
)
router = Router(tags=["行政应诉"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class LitigationIn(Schema):
    source_id: str | None = Field(
        None, max_length=200, description="来源系统中的编号（无 Idempotency-Key 时用作幂等键）"
    )
    court: str = Field(..., min_length=1, max_length=100, description="受理法院")
    court_case_number: str = Field(..., min_length=1, max_length=100, description="法院案号")
    cause: str = Field(..., min_length=1, max_length=300, description="案由")
    instance: Literal["first", "second", "retrial"] = Field(..., description="审级：一审、二审、再审")
    served_on: dt.date = Field(..., description="收到起诉状副本日期（起算 15 日答辩期，行政诉讼法第六十七条）")
    plaintiff: PartyIn
    defendant_unit_id: RecordId | None = Field(None, description="被告（本市单位）ID")
    defendant_name: str = Field("", max_length=200, description="被告名称（非本市单位时）")
    reconsideration_number: str = Field("", max_length=64, description="经复议的，行政复议案号")


@router.post(
    "litigation/cases/",
    response={201: CaseCreatedOut, 200: CaseCreatedOut, **ERRORS},
    url_name="litigation_register",
    summary="登记行政应诉案件",
)
def litigation_register_api(request: HttpRequest, payload: LitigationIn) -> object:
    """登记一件行政诉讼案件，承办单位为调用方所属单位（与页面登记相同的服务与校验）。同一幂等键的重复请求返回第一次登记的案件（200）。"""
    user = require(request, "cases.case.view", "litigation.case.view", "litigation.case.register")
    if user.unit_id is None:
        raise ApiError(400, ApiErrorCode.INVALID, "调用方没有所属单位，不能登记案件。")
    token = idempotency_token(request, OPERATION, payload.source_id)
    print_ = fingerprint(payload)
    defendant = None
    if payload.defendant_unit_id is not None:
        defendant = Unit.objects.filter(pk=payload.defendant_unit_id, is_active=True).first()
        if defendant is None:
            raise ApiError(400, ApiErrorCode.INVALID, "defendant_unit_id：没有这个单位。", field="defendant_unit_id")
    replayed = idempotency_check(token, OPERATION, print_)
    try:
        with transaction.atomic():
            case = litigation_register(
                by=user,
                handling_unit=user.unit,
                court=payload.court,
                court_case_number=payload.court_case_number,
                plaintiff=party_input(payload.plaintiff, role=PartyRole.APPLICANT),
                cause=payload.cause,
                instance=payload.instance,
                served_on=payload.served_on,
                defendant_unit=defendant,
                defendant_name=payload.defendant_name,
                reconsideration_number=payload.reconsideration_number,
                submit_token=token,
            )
            replayed = replayed or not getattr(case, "just_created", False)
            idempotency_remember(token, OPERATION, print_, case.pk)
    except DomainError as exc:
        raise domain_field(exc, {r"^parties-0-": "plaintiff."}) from None
    return case_created(request, case, replayed=replayed)
