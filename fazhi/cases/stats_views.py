"""Statistics pages for every docket registered in fazhi/cases/stats.py: figures, outcome and per-unit tables with
charts whose numbers drill down to the cases behind them, and the Excel export. Parse → authorise → stats → render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode

from fazhi.core.downloads import xlsx_response
from fazhi.core.errors import DomainError
from fazhi.orgs.rules import has_action

from .listing import dockets_kept
from .periods import CHOICES as PERIOD_CHOICES
from .periods import Period, period_check
from .registry import docket_get
from .stats import (
    stats_by_unit,
    stats_drill,
    stats_export,
    stats_figures,
    stats_get,
    stats_specs,
    unit_check,
    year_check,
)


def _require(request: HttpRequest, action: str) -> None:
    if not has_action(action).allows(request.user, None):
        raise Http404


def _params(request: HttpRequest, docket: str) -> tuple[Any, Period, str, list[str]]:
    """(spec, period, unit code, errors) — a bad year, period or unit shows a message and falls back to this year /
    the whole year / all units."""
    from .services import today_local

    try:
        spec = stats_get(docket)
    except DomainError:
        raise Http404 from None
    errors = []
    year = today_local().year
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
    unit = ""
    if request.GET.get("unit"):
        try:
            unit = unit_check(request.GET["unit"]).code
        except DomainError as exc:
            errors.append(exc.message)
    return spec, period, unit, errors


def _query(period: Period, unit: str = "", **extra: str) -> str:
    return urlencode(
        {
            **extra,
            "year": period.year,
            **({"period": period.part} if period.part else {}),
            **({"unit": unit} if unit else {}),
        }
    )


@login_required
def stats_index(request: HttpRequest) -> HttpResponse:
    _require(request, "cases.stats.view")
    specs = stats_specs()
    if not specs:
        raise Http404
    return redirect("cases:stats", specs[0].docket)


def _drill_url(docket: str, key: str, period: Period, unit: str) -> str:
    return reverse("cases:stats_cases", args=[docket]) + "?" + _query(period, unit, key=key)


@login_required
def stats_docket(request: HttpRequest, docket: str) -> HttpResponse:
    _require(request, "cases.stats.view")
    spec, period, unit, errors = _params(request, docket)

    def read() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        figures = stats_figures(docket=docket, year=period, unit_code=unit or None, user=request.user)
        only = [c.key for c in spec.unit_columns]
        units = [] if unit else stats_by_unit(docket=docket, year=period, user=request.user, only=only)
        return figures, units

    # The registry's reads for one page cost ~1 s at 1,000,000 cases (a metric per unit line): kept under the
    # dockets' stamps, so any committed change to a case is seen at once (bench/metrics_value.py).
    figures, kept_units = dockets_kept(request.user, f"stats:{docket}:{period.year}:{period.part}:{unit}", read)
    rows = []
    for f in spec.figures:
        value = figures.get(f.key)
        rows.append(
            {
                "label": f.label,
                "value": value,
                "rate": f.rate,
                "parts": (figures.get(f.rate[0]), figures.get(f.rate[1])) if f.rate else None,
                "url": _drill_url(docket, f.drill_key, period, unit) if f.drill_key else "",
                # the figure's definition and records in the metric registry (fazhi/metrics)
                "metric_url": reverse("metrics:detail", args=[f"{docket}.{f.key}"]) + "?" + _query(period, unit),
            }
        )
    outcomes = [{**o, "url": _drill_url(docket, f"outcome:{o['code']}", period, unit)} for o in figures["outcomes"]]
    breakdowns = [
        {
            "label": b.label,
            "metric_url": reverse("metrics:detail", args=[f"{docket}.{b.figure}"]) + "?" + _query(period, unit),
            "rows": [
                {**x, "url": _drill_url(docket, f"{b.drill}:{x['code']}", period, unit) if b.drill else ""}
                for x in figures[b.key]
            ],
        }
        for b in spec.breakdowns
    ]
    shown = [o for o in outcomes if o["count"]] or outcomes
    outcome_option = {
        "tooltip": {},
        "grid": {"left": 40, "right": 10, "bottom": 90},
        "xAxis": {"type": "category", "data": [o["label"] for o in shown], "axisLabel": {"rotate": 40}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "data": [o["count"] for o in shown]}],
    }
    units = [dict(u) for u in kept_units]  # the kept lines stay as kept: the page adds its links to copies
    for u in units:
        u["url"] = reverse("cases:stats", args=[docket]) + "?" + _query(period, u["unit"])
        u["cells"] = [u.get(c.key) for c in spec.unit_columns]
    units_with_code = [u for u in units if u["unit"]][:30]
    unit_option = {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "grid": {"left": 40, "right": 10, "bottom": 90},
        "xAxis": {"type": "category", "data": [u["name"] for u in units_with_code], "axisLabel": {"rotate": 40}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": "收案", "type": "bar", "data": [u["received"] for u in units_with_code]},
            {"name": "结案", "type": "bar", "data": [u["closed"] for u in units_with_code]},
        ],
    }
    return render(
        request,
        "cases/stats/docket.html",
        {
            "spec": spec,
            "specs": stats_specs(),
            "year": period.year,
            "period": period,
            "periods": PERIOD_CHOICES,
            "unit": unit,
            "errors": errors,
            "rows": rows,
            "outcomes": outcomes,
            "breakdowns": breakdowns,
            "units": units,
            "columns": spec.unit_columns,
            "outcome_option": json.dumps(outcome_option, ensure_ascii=False),
            "outcome_links": json.dumps({o["label"]: o["url"] for o in shown}, ensure_ascii=False),
            "unit_option": json.dumps(unit_option, ensure_ascii=False),
            "unit_links": json.dumps({u["name"]: u["url"] for u in units_with_code}, ensure_ascii=False),
            "can_export": has_action("cases.stats.export").allows(request.user, None),
            "query": _query(period, unit),
            "period_query": _query(period),
        },
    )


def _breakdown_label(docket: str, figure: str, code: str, period: Period) -> str:
    from fazhi.metrics.selectors import metric_value

    parts = metric_value(f"{docket}.{figure}", period=period)["breakdown"]
    return next((x["label"] for x in parts if x["code"] == code), code)


@login_required
def stats_cases(request: HttpRequest, docket: str) -> HttpResponse:
    _require(request, "cases.stats.view")
    spec, period, unit, errors = _params(request, docket)
    key = request.GET.get("key", "")
    try:
        qs = stats_drill(docket=docket, key=key, year=period, unit_code=unit or None, user=request.user)
    except DomainError:
        raise Http404 from None
    label = next((f.label for f in spec.figures if f.drill_key == key and not f.rate), "")
    if key.startswith("outcome:"):
        label = "结案结果：" + docket_get(docket).outcome_label(key.split(":", 1)[1])
    for b in spec.breakdowns:
        if b.drill and key.startswith(b.drill + ":"):
            label = f"{b.label}：{_breakdown_label(docket, b.figure, key.split(':', 1)[1], period)}"
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    dspec = docket_get(docket)
    return render(
        request,
        "cases/stats/cases.html",
        {
            "spec": spec,
            "year": period.year,
            "period": period,
            "unit": unit,
            "label": label or key,
            "page": page,
            "rows": [(c, dspec.state_label(c.state), dspec.outcome_label(c.outcome)) for c in page],
            "query": _query(period, unit, key=key),
            "back": reverse("cases:stats", args=[docket]) + "?" + _query(period, unit),
        },
    )


@login_required
def stats_export_view(request: HttpRequest, docket: str) -> HttpResponse:
    _require(request, "cases.stats.export")
    spec, period, unit, errors = _params(request, docket)
    data = stats_export(docket=docket, year=period, unit_code=unit or None, by=request.user)
    return xlsx_response(data, f"{spec.label}统计{period.label}{('-' + unit) if unit else ''}.xlsx")


urlpatterns = [
    path("stats/", stats_index, name="stats_index"),
    path("stats/<slug:docket>/", stats_docket, name="stats"),
    path("stats/<slug:docket>/cases/", stats_cases, name="stats_cases"),
    path("stats/<slug:docket>/export/", stats_export_view, name="stats_export"),
]
