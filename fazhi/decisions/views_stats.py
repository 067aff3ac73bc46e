"""重大行政决策 statistics: every figure from the metric registry in the viewer's scope, linked to its 口径 and records
(metrics:detail); a chart by state; a per-lead-unit table drilling down to the decisions; the same as Excel."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fazhi.core.downloads import file_download
from fazhi.core.errors import DomainError
from fazhi.core.excel import safe_cell
from fazhi.deadlines.selectors import today_local
from fazhi.metrics.periods import Period, period_check
from fazhi.metrics.registry import metric_get
from fazhi.metrics.selectors import metric_values
from fazhi.metrics.years import year_check
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for

from .selectors import decisions_visible_to
from .stats import decision_metric_keys

UNIT_KEYS = ["decisions.launched", "decisions.decided", "decisions.published", "decisions.legality_review_rate"]


def _query(request: HttpRequest) -> tuple[Period, Any, list[str]]:
    errors = []
    year = today_local().year
    try:
        year = year_check(request.GET.get("year") or str(year))
    except DomainError as exc:
        errors.append(exc.message)
    try:
        period = period_check(year, request.GET.get("period", ""))
    except DomainError as exc:
        errors.append(exc.message)
        period = Period(year)
    code = (request.GET.get("unit") or "").strip()
    unit = Unit.objects.filter(code=code).first() if code else None
    if code and unit is None:
        errors.append(f"未找到编码为“{code}”的单位。")
    return period, unit, errors


def _figures(request: HttpRequest, period: Period, unit: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    values = metric_values(decision_metric_keys(), period=period, unit=unit, viewer=request.user)
    qs = (
        f"?year={period.year}"
        + (f"&period={period.part}" if period.part else "")
        + (f"&unit={unit.code}" if unit else "")
    )
    figures = [
        {
            "key": k,
            "label": metric_get(k).label,
            "unit": metric_get(k).unit,
            "value": v["value"],
            "breakdown": v.get("breakdown"),
            "url": reverse("metrics:detail", args=[k]) + qs,
        }
        for k, v in values.items()
    ]
    unit_ids = decisions_visible_to(request.user).filter(year=period.year).values_list("lead_unit_id", flat=True)
    rows = []
    for u in Unit.objects.filter(pk__in=set(unit_ids)).order_by("path"):
        vals = metric_values(UNIT_KEYS, period=period, unit=u, viewer=request.user)
        rows.append(
            {
                "unit": u,
                "values": [vals[k]["value"] for k in UNIT_KEYS],
                "url": reverse("decisions:list") + f"?year={period.year}&unit={u.code}",
            }
        )
    return figures, rows


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    if not grants_for(request.user).has("decisions.stats.view"):
        raise Http404
    period, unit, errors = _query(request)
    figures, rows = _figures(request, period, unit)
    states = next(f for f in figures if f["key"] == "decisions.by_state")["breakdown"] or []
    option = {
        "tooltip": {},
        "grid": {"left": 60, "right": 20, "top": 20, "bottom": 60},
        "xAxis": {"type": "category", "data": [s["label"] for s in states], "axisLabel": {"rotate": 30}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "name": "决策", "data": [s["value"] for s in states]}],
    }
    links = {s["label"]: reverse("decisions:list") + f"?year={period.year}&state={s['code']}" for s in states}
    return render(
        request,
        "decisions/stats.html",
        {
            "period": period,
            "unit": unit,
            "errors": errors,
            "figures": figures,
            "rows": rows,
            "unit_labels": [metric_get(k).label for k in UNIT_KEYS],
            "option": json.dumps(option, ensure_ascii=False),
            "links": json.dumps(links, ensure_ascii=False),
            "query": request.GET.urlencode(),
        },
        status=400 if errors else 200,
    )


@login_required
def stats_export(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    if not grants_for(request.user).has("decisions.stats.view"):
        raise Http404
    period, unit, errors = _query(request)
    if errors:
        raise Http404
    figures, rows = _figures(request, period, unit)
    wb = Workbook()
    ws = wb.active
    ws.title = "重大行政决策统计"
    ws.append([safe_cell(f"{period.label}" + (f"（{unit.name}）" if unit else ""))])
    ws.append(["指标", "数值", "单位"])
    for f in figures:
        ws.append([safe_cell(f["label"]), f["value"], f["unit"]])
    ws2 = wb.create_sheet("按承办单位")
    ws2.append(["承办单位", *[metric_get(k).label for k in UNIT_KEYS]])
    for r in rows:
        ws2.append([safe_cell(r["unit"].name), *r["values"]])
    buf = BytesIO()
    wb.save(buf)
    return file_download(
        BytesIO(buf.getvalue()),
        filename=f"重大行政决策统计-{period.year}{period.part}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
