"""指标口径说明 (every metric with its definition) and one metric's page: its value for the viewer's data scope, the
口径, the settings it depends on and the records behind it. Parse → authorise → registry → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.http import urlencode

from fazhi.core.errors import DomainError
from fazhi.orgs.rules import has_action

from .periods import CHOICES, Period, date_range, period_parse
from .registry import RECORD_KINDS, metric_get, metrics_all
from .selectors import metric_value, unit_resolve
from .years import this_year, year_check

app_name = "metrics"


def _require(request: HttpRequest) -> None:
    if not has_action("metrics.definitions.view").allows(request.user, None):
        raise Http404


def _setting(name: str) -> str:
    value = getattr(settings, name, None)
    if value in (None, "", {}, []):
        return "（默认）"
    if isinstance(value, dict):  # a settings group: its entries, not a Python dict (issue #11)
        return "；".join(f"{k} = {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


@login_required
def metrics_index(request: HttpRequest) -> HttpResponse:
    _require(request)
    modules: dict[str, list[dict[str, Any]]] = {}
    for m in metrics_all():
        modules.setdefault(m.module, []).append({"metric": m, "settings": [(s, _setting(s)) for s in m.settings]})
    # a note every metric of a module shares is shown once under the module's heading
    shown = []
    for module, items in modules.items():
        notes = {it["metric"].scope_note for it in items}
        common = notes.pop() if len(notes) == 1 else ""
        for it in items:
            it["note"] = "" if common else it["metric"].scope_note
        shown.append((module, common, items))
    return render(request, "metrics/index.html", {"modules": shown})


def _params(request: HttpRequest) -> tuple[Period, Any, bool, dict[str, str]]:
    """(period, unit, subordinates, errors by field): bad input shows its message beside the field (keeping what was
    typed) and the figure falls back to this year / the whole year / all units."""
    errors: dict[str, str] = {}
    year = this_year()
    if request.GET.get("year"):
        try:
            year = year_check(request.GET["year"])
        except DomainError as exc:
            errors["year"] = exc.message
    period = Period(year)
    first, last = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    try:
        if first or last:
            try:
                period = date_range(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
            except ValueError:
                raise DomainError("bad_period", "起止日期应写作 YYYY-MM-DD，且两个都要填。", field="period") from None
        elif request.GET.get("period"):
            period = period_parse(year, request.GET["period"])
    except DomainError as exc:
        errors["period"] = exc.message
    unit = None
    if request.GET.get("unit"):
        try:
            unit = unit_resolve(request.GET["unit"])
        except DomainError as exc:
            errors["unit"] = exc.message
    return period, unit, request.GET.get("subordinates") == "1", errors


@login_required
def metric_detail(request: HttpRequest, key: str) -> HttpResponse:
    _require(request)
    try:
        metric = metric_get(key)
    except DomainError:
        raise Http404 from None
    period, unit, subordinates, errors = _params(request)
    filters = {p: request.GET[p] for p in metric.params if request.GET.get(p)}
    try:
        value = metric_value(
            metric.key,
            period=period,
            unit=unit,
            subordinates=subordinates,
            viewer=request.user,
            records=True,
            **filters,
        )
    except DomainError as exc:
        raise Http404(exc.message) from None
    side = request.GET.get("side", "denominator") if metric.is_rate else ""
    records = value["records"]
    ids = (records or {}).get(side) or [] if metric.is_rate else (records or [])
    page = Paginator(sorted(ids, reverse=True), 50).get_page(request.GET.get("page"))
    kind = RECORD_KINDS.get(metric.record_kind)
    rows = kind.describe(list(page.object_list)) if kind else [{"url": "", "cells": [i]} for i in page.object_list]
    base = {
        "year": period.year,
        **({"period": period.code} if period.code and "." not in period.code else {}),
        **({"from": period.start.isoformat(), "to": period.end.isoformat()} if "." in period.code else {}),
        **({"unit": unit.code} if unit is not None else {}),
        **({"subordinates": "1"} if subordinates else {}),
        **filters,
    }
    return render(
        request,
        "metrics/detail.html",
        {
            "metric": metric,
            "value": value,
            "period": period,
            "periods": CHOICES,
            "unit": unit,
            "subordinates": subordinates,
            "errors": errors,
            "settings": [(s, _setting(s)) for s in metric.settings],
            "side": side,
            "kind": kind,
            "page": page,
            "rows": rows,
            "query": urlencode({**base, **({"side": side} if side else {})}),
            "side_query": urlencode(base),
            "is_range": "." in period.code,
            "hidden": sorted(filters.items()),
            "typed": {f: request.GET.get(f, "") for f in ("year", "period", "from", "to", "unit")},
        },
    )


urlpatterns = [
    path("", metrics_index, name="index"),
    path("<str:key>/", metric_detail, name="detail"),
]
