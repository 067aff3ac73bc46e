"""API read endpoints of 人民调解: the docket's own fields on a case (`docket_data` of `/api/v1/cases/?docket=
mediation` and `/api/v1/cases/{id}/`, the kernel's reads) and the committees with their mediators within the caller's
data scope (no personal data: mediators' phones are not exposed)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.handlers import ErrorOut
from fazhi.cases.api import case_extra_fields

from .selectors import committees_visible_to

api_actions("mediation.case.view")
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
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


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
