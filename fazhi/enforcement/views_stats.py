"""行政执法统计: the figures of the metric registry, the table of the case figures per 执法主体 — every cell a link to
the registry's page of that figure for that body's unit, which lists the records behind it (fazhi/metrics: one
drill-down for every statistics page) — a chart of the bodies' counts and the table's Excel. Parse → authorise →
stats → render."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from fazhi.core.downloads import xlsx_response
from fazhi.core.errors import DomainError
from fazhi.metrics.periods import CHOICES, Period, period_check
from fazhi.metrics.registry import metric_get
from fazhi.metrics.years import this_year, year_check
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.rules import has_action

from .stats import enforcement_by_body, enforcement_export, enforcement_figures, enforcement_metric_keys

STATS = "enforcement.stats.view"
CHART_BODIES = 30  # the chart shows the first 30 lines (the table has them all)
CHART_SERIES = ("enforcement.cases", "enforcement.decided", "enforcement.review_defects")


def _params(request: HttpRequest) -> tuple[Period, str, list[str]]:
    """(period, unit code, errors): a bad year, period or unit code shows its message (naming the field) and the
    page falls back to this year / the whole year / every unit."""
    errors: list[str] = []
    year = this_year()
    if request.GET.get("year"):
        try:
            year = year_check(request.GET["year"])
        except DomainError as exc:
            errors.append(exc.message)
    period = Period(year)
    if request.GET.get("period"):
        try:
            period = period_check(year, request.GET["period"])
        except DomainError as exc:
            errors.append(exc.message)
    unit = request.GET.get("unit", "").strip()
    if unit and not Unit.objects.filter(code=unit).exists():
        errors.append(f"执法单位编码：未找到编码为“{unit}”的单位。")
        unit = ""
    return period, unit, errors


def _query(period: Period, unit: str = "") -> str:
    return urlencode(
        {"year": period.year, **({"period": period.part} if period.part else {}), **({"unit": unit} if unit else {})}
    )


def _metric_url(key: str, period: Period, unit: str = "", *, drill: bool = True) -> str:
    """The registry's page of one figure: its value, 口径 and the records behind it, for the unit and the viewer ("" for
    a user who may not open it: the number is then shown without a link)."""
    return reverse("metrics:detail", args=[key]) + "?" + _query(period, unit) if drill else ""


def _shown(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value}%" if unit == "%" else str(value)


@menu_page(STATS)
def stats(request: HttpRequest) -> HttpResponse:
    period, unit, errors = _params(request)
    drill = has_action("metrics.definitions.view").allows(request.user, None)
    figures = enforcement_figures(period=period, unit_code=unit or None, viewer=request.user)
    rows = []
    for key in enforcement_metric_keys():
        m = metric_get(key)
        value = figures.get(key.split(".", 1)[1])
        rows.append(
            {
                "key": key,
                "label": m.label,
                "unit": m.unit,
                "value": value,
                "url": _metric_url(key, period, unit, drill=drill),
            }
        )
    counts = [r for r in rows if r["unit"] == "件"]
    chart = {
        "xAxis": {"type": "category", "data": [r["label"] for r in counts], "axisLabel": {"rotate": 40}},
        "grid": {"left": 40, "right": 10, "bottom": 110},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "data": [r["value"] for r in counts]}],
    }
    table = enforcement_by_body(period=period, viewer=request.user, unit_code=unit or None)
    columns = [metric_get(k) for k in table["keys"]]
    lines = [
        {
            "name": line["name"],
            "unit": line["unit"],
            "url": reverse("enforcement:stats") + "?" + _query(period, line["unit"]),
            "cells": [
                {
                    "text": _shown(line["values"][m.key]["value"], m.unit),
                    "url": _metric_url(m.key, period, line["unit"], drill=drill),
                }
                for m in columns
            ],
        }
        for line in table["lines"]
    ]
    total = [
        {"text": _shown(table["total"][m.key]["value"], m.unit), "url": _metric_url(m.key, period, unit, drill=drill)}
        for m in columns
    ]
    charted = table["lines"][:CHART_BODIES]
    body_chart = {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "grid": {"left": 40, "right": 10, "bottom": 110},
        "xAxis": {"type": "category", "data": [line["name"] for line in charted], "axisLabel": {"rotate": 40}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": metric_get(k).label, "type": "bar", "data": [line["values"][k]["value"] for line in charted]}
            for k in CHART_SERIES
        ],
    }
    return render(
        request,
        "enforcement/stats.html",
        {
            "rows": rows,
            "year": period.year,
            "period": period,
            "periods": CHOICES,
            "unit": unit,
            "errors": errors,
            "option_json": json.dumps(chart, ensure_ascii=False),
            "columns": columns,
            "lines": lines,
            "total": total,
            "body_option": json.dumps(body_chart, ensure_ascii=False),
            "body_links": json.dumps({line["name"]: line["url"] for line in lines[:CHART_BODIES]}, ensure_ascii=False),
            "drill": drill,
            "query": _query(period, unit),
            "period_query": _query(period),
        },
    )


@menu_page(STATS)
def stats_export(request: HttpRequest) -> HttpResponse:
    period, unit, _errors = _params(request)
    data = enforcement_export(period=period, by=request.user, unit_code=unit or None)
    return xlsx_response(data, f"行政执法统计分执法主体{period.label}{('-' + unit) if unit else ''}.xlsx")
