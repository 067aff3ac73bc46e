"""API read endpoints of 建议提案: the docket's own fields on a case (`docket_data` of `/api/v1/cases/?docket=
proposals` and `/api/v1/cases/{id}/`, the kernel's reads) and a session's 对账销号 sheet, within the caller's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode
from fazhi.api.handlers import ErrorOut
from fazhi.cases.api import case_extra_fields

from .models import Session
from .selectors import SHEET_COLUMNS, reconciliation_rows

api_actions("proposals.case.view")
case_extra_fields(
    "proposals",
    ("kind", "source", "session", "number", "category", "round", "sign_due", "reply_due", "replied_on",
     "reply_class", "on_time", "rating", "ratings", "rehandled", "open_commitments", "open_parts", "reconciled_on"),
)  # fmt: skip
router = Router(tags=["建议提案"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class SheetRowOut(Schema):
    number: str
    kind: str
    title: str
    lead: str
    split: str
    assist: str
    assigned_on: str
    replied_on: str
    on_time: str
    result_class: str
    rating: str
    rehandled: str
    open_commitments: int
    state: str
    reconciled_on: str


class SheetOut(Schema):
    session: str
    columns: list[str]
    items: list[SheetRowOut]


@router.get(
    "proposals/reconciliation/",
    response={200: SheetOut, **ERRORS},
    url_name="proposals_reconciliation",
    summary="建议提案对账销号表（一个会次）",
)
def reconciliation_api(
    request: HttpRequest,
    session: str = Query(..., max_length=100, description="会次名称，如 示范市第十八届人民代表大会第四次会议"),
) -> Any:
    """一个会次的全部建议提案：主办、分办、协办单位，交办和答复日期，是否按期，办理结果，评价，未销号承诺事项，销号日期
    （与页面导出的 Excel 相同；只含调用者数据范围内的建议提案，`proposals.case.view`）。"""
    user = require(request, "proposals.case.view")
    found = Session.objects.filter(name=session.strip()).first()
    if found is None:
        raise ApiError(404, ApiErrorCode.NOT_FOUND, f"未找到会次“{session}”。", field="session")
    rows = reconciliation_rows(user=user, session=found)
    return {
        "session": found.name,
        "columns": [label for _, label in SHEET_COLUMNS],
        "items": [{k: r[k] for k, _ in SHEET_COLUMNS} for r in rows],
    }
