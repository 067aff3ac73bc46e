"""API endpoints of the metric registry (here, not in fazhi/metrics: the registry sits below every module and imports
none, the API included — import contract in pyproject.toml; named metrics_routes, not metrics: the registry imports
every app's `metrics` module to find its figures, and this one would load ninja into each `fazhi metrics` command):
every metric with its 口径, and one metric's value for a year or part of it,
for a unit (and its subordinates), counted within the caller's data scope (`viewer` = the caller: the owning
module's policy decides what is counted, as on the statistics pages) — optionally with the records behind it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.core.errors import DomainError
from fazhi.metrics.periods import period_parse
from fazhi.metrics.registry import metric_get
from fazhi.metrics.selectors import metric_value, metrics_list
from fazhi.metrics.years import year_check

from .access import require
from .catalogue import api_actions
from .errors import not_found
from .handlers import ErrorOut

api_actions("metrics.definitions.view")
router = Router(tags=["指标"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class MetricOut(Schema):
    key: str
    label: str
    unit: str
    module: str
    definition: str
    settings: list[str]
    breakdown: str | None
    maintained: bool


class MetricListOut(Schema):
    items: list[MetricOut]


# operation ids as they were published when this module was fazhi/api/metrics.py (a v1 contract: clients use them)
@router.get(
    "metrics/",
    response={200: MetricListOut, **ERRORS},
    url_name="metric_list",
    summary="指标列表",
    operation_id="fazhi_api_metrics_metric_list",
)
def metric_list(request: HttpRequest) -> dict:
    """平台的全部指标及其口径（统计什么、分子分母、按哪个日期计入期间、排除什么）和所属模块（`metrics.definitions.view`，同指标口径说明页）。"""
    require(request, "metrics.definitions.view")
    return {"items": [{**m, "breakdown": m["breakdown"] or None} for m in metrics_list()]}


class BreakdownOut(Schema):
    code: str
    label: str
    value: float | int | None


class MetricValueOut(Schema):
    key: str
    year: int
    period: str
    unit: str
    value: float | int | None
    numerator: int | None
    denominator: int | None
    breakdown: list[BreakdownOut] | None = None
    records: Any = None


@router.get(
    "metrics/{key}/",
    response={200: MetricValueOut, **ERRORS},
    url_name="metric_value",
    summary="指标值",
    exclude_unset=True,
    operation_id="fazhi_api_metrics_metric_value_view",
)
def metric_value_view(
    request: HttpRequest,
    key: str,
    year: int = Query(..., description="年度（1990 至今年）"),
    period: str = Query("", max_length=30, description="Q1–Q4、H1/H2、M01–M12，或 YYYY-MM-DD..YYYY-MM-DD；空为全年"),
    unit: str = Query("", max_length=32, description="单位编码；空为数据范围内全部"),
    subordinates: bool = Query(False, description="含下级单位"),
    records: bool = Query(False, description="同时列出计入该值的记录 ID"),
) -> dict:
    """一个指标在某期间、某单位的值，只统计调用方数据范围内的记录（与统计页面同一口径、同一策略）。"""
    user = require(request, "metrics.definitions.view")
    try:
        metric_get(key)
    except DomainError:
        raise not_found(f"没有指标“{key}”。") from None
    value = metric_value(
        key,
        period=period_parse(year_check(year), period),
        unit=unit or None,
        subordinates=subordinates,
        viewer=user,
        records=records,
    )
    return value
