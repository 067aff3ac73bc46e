"""API read endpoints of 依申请公开: the docket's own fields on a case (`docket_data` of `/api/v1/cases/?docket=
disclosure` and `/api/v1/cases/{id}/`, the kernel's reads) and the annual table (国办公开办函〔2021〕30号 第三部分)
exactly as `fazhi stats disclosure --json` prints it, counted within the caller's data scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode
from fazhi.api.handlers import ErrorOut
from fazhi.cases.api import case_extra_fields
from fazhi.core.errors import DomainError

api_actions("disclosure.case.view")
case_extra_fields(
    "disclosure",
    ("applicant_type", "content", "receipt_rule", "correction", "consultations", "extension", "fee", "reply"),
)
router = Router(tags=["政府信息公开"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class CheckOut(Schema):
    ok: bool
    failures: list[dict[str, Any]]


class TableOut(Schema):
    columns: list[str]
    rows: dict[str, list[int]]
    check: CheckOut


class AnnualTableOut(Schema):
    year: int
    unit: str
    received: int
    closed: int
    carried_in: int
    carried_out: int
    answered: int
    on_time: int
    on_time_rate: float | None
    annual_table: TableOut


@router.get(
    "disclosure/annual-table/",
    response={200: AnnualTableOut, **ERRORS},
    url_name="disclosure_annual_table",
    summary="政府信息公开年度报告表格（收到和处理申请情况）",
)
def annual_table_api(
    request: HttpRequest,
    year: int = Query(..., description="年度（1990 至今年）"),
    unit: str = Query("", max_length=32, description="受理机关的单位编码；空为全部"),
) -> Any:
    """《政府信息公开条例》第五十条年度报告第三部分：各行（一、二、三(一)—(七)、四）× 申请人类型（自然人、商业企业、科研机构、
    社会公益组织、法律服务机构、其他、总计），与 `fazhi stats disclosure --year Y --json` 的 `annual_table` 相同；
    只计调用者数据范围内的申请（`disclosure.case.view`）。"""
    user = require(request, "disclosure.case.view")
    from fazhi.cases.stats import unit_check, year_check
    from fazhi.metrics.periods import Period

    from .stats_registry import disclosure_figures

    try:
        y = year_check(str(year))
        u = unit_check(unit)
    except DomainError as exc:
        raise ApiError(400, ApiErrorCode.INVALID, exc.message, field=exc.field or "year") from None
    return disclosure_figures(period=Period(y), unit_code=u.code if u else None, viewer=user)
