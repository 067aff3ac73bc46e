"""API reads of 法律援助: the docket's own fields on the kernel's case reads (`docket_data` of
`/api/v1/cases/?docket=legal_aid` and `/api/v1/cases/{id}/`), within the caller's data scope; the figures through
`/api/v1/metrics/legal_aid.<key>/`; the 法律援助人员 registry (`/api/v1/legal-aid/people/`) with each person's
workload. The applicant's personal data stays in the kernel's parties (masked); a person's phone is not exposed."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page
from fazhi.cases.api import case_extra_fields

from .selectors import aid_people_visible_to, aid_people_workload

api_actions("legal_aid.case.view")
case_extra_fields(
    "legal_aid",
    (
        "matter",
        "request",
        "materials",
        "advance",
        "decision",
        "assignment",
        "objection",
        "terminated",
        "closure",
        "evaluation",
        "withdrawn",
    ),
)
router = Router(tags=["法律援助"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class AidPersonOut(Schema):
    id: int
    centre_code: str
    centre_name: str
    kind: str
    name: str
    licence_number: str
    organisation: str
    specialities: str
    is_active: bool
    open_cases: int
    closed_cases: int


class AidPersonListOut(Schema):
    items: list[AidPersonOut]
    next_cursor: str | None


ORDERINGS = {"id": (("id", "int"),), "-id": (("-id", "int"),)}


@router.get(
    "legal-aid/people/",
    response={200: AidPersonListOut, **ERRORS},
    url_name="legal_aid_people",
    summary="法律援助人员名册（调用者数据范围内的法律援助机构）",
)
def people_api(
    request: HttpRequest,
    kind: Literal["lawyer", "grassroots", "volunteer"] | None = Query(None, description="人员类别"),
    active: bool | None = Query(None, description="是否在册"),
    ordering: Literal["id", "-id"] = Query("id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """法律援助人员（所在法律援助机构在调用者数据范围内的）及其承办中、已结案的指派案件件数；联系电话属个人信息，
    不经接口提供。"""
    user = require(request, "legal_aid.case.view")
    qs = aid_people_visible_to(user).defer("phone")
    if kind is not None:
        qs = qs.filter(kind=kind)
    if active is not None:
        qs = qs.filter(is_active=active)
    page = keyset_page(
        qs, orderings=ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=lambda p: {"person": p}
    )
    work = aid_people_workload([r["person"].pk for r in page["items"]])

    def out(p: Any) -> dict[str, Any]:
        w = work.get(p.pk, {})
        return {
            "id": p.pk,
            "centre_code": p.centre.code,
            "centre_name": p.centre.name,
            "kind": p.kind,
            "name": p.name,
            "licence_number": p.licence_number,
            "organisation": p.organisation,
            "specialities": p.specialities,
            "is_active": p.is_active,
            "open_cases": w.get("open", 0),
            "closed_cases": w.get("closed", 0),
        }

    return {"items": [out(r["person"]) for r in page["items"]], "next_cursor": page["next_cursor"]}
