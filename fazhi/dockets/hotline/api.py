"""API of 12345 work orders: the hotline platform's intake (`POST /api/v1/hotline/orders/`, idempotent on the
platform's 工单编号 — the same order sent twice is one record — or on an `Idempotency-Key`), and the docket's fields
on the kernel's case reads (`docket_data`); the rates through `/api/v1/metrics/hotline.<key>/`."""

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
from fazhi.cases.api import CaseCreatedOut, case_created, case_extra_fields, domain_field
from fazhi.cases.models import Case
from fazhi.cases.services import PartyInput
from fazhi.core.errors import DomainError

from .services import hotline_register, source_token

OPERATION = "hotline.register"
api_actions("hotline.case.view", "hotline.case.register")
case_extra_fields(
    "hotline",
    (
        "type",
        "category",
        "content",
        "location",
        "area",
        "urgency",
        "source",
        "source_id",
        "proposed_unit",
        "final_ruling",
        "dispatches",
        "returns",
        "signed",
        "extensions",
        "reply",
        "visit",
        "diverted",
        "answered",
    ),
)
router = Router(tags=["12345热线"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class HotlineCallerIn(Schema):
    name: str = Field("", max_length=100, description="诉求人姓名（匿名来电可空）")
    phone: str = Field("", max_length=30, description="联系电话")


class HotlineOrderIn(Schema):
    source: str = Field("12345", min_length=1, max_length=50, description="来源系统（默认 12345 政务服务便民热线平台）")
    source_id: str = Field(..., min_length=1, max_length=100, description="来源系统的工单编号（幂等键）")
    received_on: dt.date = Field(..., description="受理日期（不晚于今天）")
    type: Literal["consult", "help", "complaint", "report", "suggestion"] = Field(
        ..., description="诉求类型：咨询、求助、投诉、举报、建议"
    )
    category: str = Field(..., min_length=1, max_length=50, description="诉求分类代码（本市分类表）")
    content: str = Field(..., min_length=1, max_length=5000, description="诉求内容")
    location: str = Field("", max_length=200, description="诉求地点")
    area: str = Field("", max_length=100, description="所属区域")
    urgency: Literal["normal", "urgent"] = Field("normal", description="紧急程度：一般、紧急")
    caller: HotlineCallerIn | None = None


@router.post(
    "hotline/orders/",
    response={201: CaseCreatedOut, 200: CaseCreatedOut, **ERRORS},
    url_name="hotline_register",
    summary="接收12345热线工单",
)
def hotline_register_api(request: HttpRequest, payload: HotlineOrderIn) -> object:
    """接收 12345 平台推送的一件工单，受理机构为调用方所属单位（与页面登记相同的服务与校验）。同一来源系统的同一工单编号
    （或同一 Idempotency-Key）重复推送时返回第一次登记的工单（200），不新建记录。"""
    user = require(request, "cases.case.view", "hotline.case.view", "hotline.case.register")
    if user.unit_id is None:
        raise ApiError(400, ApiErrorCode.INVALID, "调用方没有所属单位，不能接收工单。")
    # the 工单编号 is the order's identity for the service (one order per source and id, whoever sends it); an
    # Idempotency-Key, when sent, also refuses a different body under the same key (422)
    token = idempotency_token(request, OPERATION) if "Idempotency-Key" in request.headers else None
    print_ = fingerprint(payload)
    replayed = idempotency_check(token, OPERATION, print_)
    replayed = replayed or Case.objects.filter(submit_token=source_token(payload.source, payload.source_id)).exists()
    caller = payload.caller
    try:
        with transaction.atomic():
            case = hotline_register(
                by=user,
                centre=user.unit,
                source=payload.source,
                source_id=payload.source_id,
                received_on=payload.received_on,
                type=payload.type,
                category=payload.category,
                content=payload.content,
                location=payload.location,
                area=payload.area,
                urgency=payload.urgency,
                caller=PartyInput(role="applicant", name=caller.name, phone=caller.phone) if caller else None,
            )
            idempotency_remember(token, OPERATION, print_, case.pk)
    except DomainError as exc:
        raise domain_field(exc, {r"^parties-0-": "caller."}) from None
    return case_created(request, case, replayed=replayed)
