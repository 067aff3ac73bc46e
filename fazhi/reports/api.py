"""API read endpoints of the annual report (法治政府建设年度报告): reports in the caller's scope, and one report with
its figures — live for the draft, or exactly as frozen in a version (value, 口径, count of records). Same policy and
scoped selectors as the pages (ReportPolicy, action `reports.view`); 404 for a missing and a forbidden report alike.
No write endpoint."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page

from .models import Report
from .selectors import (
    content_keys,
    figures_live,
    report_get_for,
    report_saved_content,
    reports_visible_to,
    version_figures,
    version_get,
)

VIEW = "reports.view"
api_actions(VIEW)
router = Router(tags=["法治政府建设年度报告"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class AnnualReportOut(Schema):
    id: int
    year: int
    unit_code: str
    issuer: str
    title: str
    state: str
    state_label: str
    versions: list[int]


class AnnualReportListOut(Schema):
    items: list[AnnualReportOut]
    next_cursor: str | None


class AnnualReportFigureOut(Schema):
    key: str
    label: str
    unit: str
    value: float | int | None
    numerator: int | None
    denominator: int | None
    definition: str
    records: int


class AnnualReportFiguresOut(Schema):
    report_id: int
    year: int
    version: int | None
    figures: list[AnnualReportFigureOut]


def _row(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "year": r.year,
        "unit_code": r.unit.code if r.unit_id else "",
        "issuer": r.issuer,
        "title": r.title,
        "state": r.state,
        "state_label": r.get_state_display(),
        "versions": sorted(r.versions.values_list("number", flat=True)),
    }


@router.get(
    "reports/",
    response={200: AnnualReportListOut, **ERRORS},
    url_name="report_list",
    summary="法治政府建设年度报告列表",
)
def report_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2100, description="报告年度"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内（报告单位；本级人民政府的报告限全部数据范围）的年度报告（`reports.view`）。"""
    user = require(request, VIEW)
    qs = reports_visible_to(user).order_by()
    if year is not None:
        qs = qs.filter(year=year)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_row)


@router.get(
    "reports/{report_id}/figures/",
    response={200: AnnualReportFiguresOut, **ERRORS},
    url_name="report_figures",
    summary="年度报告中的指标（草稿为实时数值；指定 version 为该定稿版本冻结的数值）",
)
def report_figures(
    request: HttpRequest, report_id: int, version: int | None = Query(None, ge=1, le=10000, description="定稿版本号")
) -> dict:
    user = require(request, VIEW)
    try:
        report = report_get_for(user, report_id)
        if version is not None:
            figures = version_figures(version_get(report, version))
        else:
            content = report_saved_content(report)
            figures = figures_live(content_keys(content), year=report.year, unit=report.unit, viewer=user)
    except Http404:
        raise not_found() from None
    return {
        "report_id": report.pk,
        "year": report.year,
        "version": version,
        "figures": [
            {k: f[k] for k in ("key", "label", "unit", "value", "numerator", "denominator", "definition", "records")}
            for f in figures
        ],
    }
