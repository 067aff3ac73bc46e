"""API read endpoints of 人民调解: the docket's own fields on a case (`docket_data` of `/api/v1/cases/?docket=
mediation` and `/api/v1/cases/{id}/`, the kernel's reads) and the committees with their mediators within the caller's
data scope (no personal data: mediators' phones are not exposed)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page
from fazhi.cases.api import case_extra_fields

from .selectors import committees_visible_to, hotline_calls_visible_to

api_actions("mediation.case.view", "mediation.hotline.view")
case_extra_fields(
    "mediation",
    (
        "committee_id",
        "committee_name",
        "source",
        "transfer_from",
        "dispute_type",
        "amount",
        "urgent",
        "accepted_on",
        "sessions",
        "agreement",
        "confirmation",
        "follow_ups",
        "non_performance",
        "terminated",
        "rejected",
    ),
)
router = Router(tags=["人民调解"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class MediatorOut(Schema):
    id: int
    name: str
    kind: str
    specialities: str


class CommitteeOut(Schema):
    id: int
    name: str
    kind: str
    sector: str
    unit_code: str
    unit_name: str
    is_active: bool
    mediators: list[MediatorOut]


@router.get(
    "mediation/committees/",
    response={200: list[CommitteeOut], **ERRORS},
    url_name="mediation_committees",
    summary="人民调解委员会及调解员（调用者数据范围内）",
)
def committees_api(request: HttpRequest) -> Any:
    """人民调解委员会（所在单位在调用者数据范围内的）及其在册调解员；调解员联系电话属个人信息，不经接口提供。"""
    user = require(request, "mediation.case.view")
    qs = committees_visible_to(user).prefetch_related("mediators")[:2000]
    return [
        {
            "id": c.pk,
            "name": c.name,
            "kind": c.kind,
            "sector": c.sector,
            "unit_code": c.unit.code,
            "unit_name": c.unit.name,
            "is_active": c.is_active,
            "mediators": [
                {"id": m.pk, "name": m.name, "kind": m.kind, "specialities": m.specialities}
                for m in c.mediators.all()
                if m.is_active
            ],
        }
        for c in qs
    ]


class MediationHotlineCallOut(Schema):
    id: int
    received_at: dt.datetime
    duration_seconds: int
    topic: str
    question: str
    answer: str
    transferred: bool
    transferred_to: str
    unit_code: str


class MediationHotlineListOut(Schema):
    items: list[MediationHotlineCallOut]
    next_cursor: str | None


HOTLINE_ORDERINGS = {
    "-received_at": (("-received_at", "datetime"), ("-id", "int")),
    "received_at": (("received_at", "datetime"), ("id", "int")),
}


@router.get(
    "mediation/hotline/",
    response={200: MediationHotlineListOut, **ERRORS},
    url_name="mediation_hotline",
    summary="12348热线咨询记录（调用者数据范围内的接听单位）",
)
def hotline_api(
    request: HttpRequest,
    received_from: dt.date | None = Query(None, description="来电日期自（含）"),
    received_to: dt.date | None = Query(None, description="来电日期至（含）"),
    topic: str | None = Query(None, max_length=16, description="咨询类别代码"),
    transferred: bool | None = Query(None, description="是否转办"),
    ordering: Literal["-received_at", "received_at"] = Query("-received_at"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """12348热线咨询记录（`mediation.hotline.view`，接听单位在调用者数据范围内）；回访电话属个人信息，不经接口提供。"""
    from django.utils import timezone

    user = require(request, "mediation.hotline.view")
    qs = hotline_calls_visible_to(user).select_related("unit").defer("callback_phone")
    if received_from is not None:
        qs = qs.filter(received_at__gte=timezone.make_aware(dt.datetime.combine(received_from, dt.time())))
    if received_to is not None:
        end = dt.datetime.combine(received_to + dt.timedelta(days=1), dt.time())
        qs = qs.filter(received_at__lt=timezone.make_aware(end))
    if topic:
        qs = qs.filter(topic=topic)
    if transferred is not None:
        qs = qs.filter(transferred=transferred)

    def row(c: Any) -> dict[str, Any]:
        return {
            "id": c.pk,
            "received_at": c.received_at,
            "duration_seconds": c.duration_seconds,
            "topic": c.topic,
            "question": c.question,
            "answer": c.answer,
            "transferred": c.transferred,
            "transferred_to": c.transferred_to,
            "unit_code": c.unit.code,
        }

    return keyset_page(qs, orderings=HOTLINE_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=row)
