"""The statistics page (figures with charts and drill-down to the metric's records) and its Excel export."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.metrics.periods import period_parse
from fazhi.metrics.registry import metric_get
from fazhi.metrics.years import year_check
from fazhi.orgs.scopes import grants_for

from .metrics import KEYS
from .stats import documents_figures, documents_workbook


def _params(request: HttpRequest) -> tuple[Any, str]:
    if not grants_for(request.user).has("normative_documents.document.view"):  # type: ignore[arg-type]
        raise PermissionDenied
    try:
        year = year_check(request.GET.get("year") or today_local().year)
        period = period_parse(year, request.GET.get("period", ""))
    except DomainError:
        period = period_parse(today_local().year, "")
    return period, (request.GET.get("unit") or "").strip()


@login_required
def stats_page(request: HttpRequest) -> HttpResponse:
    period, unit = _params(request)
    try:
        figures = documents_figures(period=period, unit_code=unit or None, user=request.user)
    except DomainError as exc:
        return render(request, "normative_documents/stats.html", {"error": exc.message, "period": period}, status=400)
    from urllib.parse import urlencode

    from django.urls import reverse

    drill = urlencode({"year": period.year, "period": period.part, "unit": unit})
    rows = []
    for key in KEYS:
        m = metric_get(key)
        rows.append(
            {
                "key": key,
                "label": m.label,
                "unit": m.unit,
                "value": figures[key.split(".", 1)[1]],
                "url": f"{reverse('metrics:detail', args=[key])}?{drill}",
                "definition": m.definition,
            }
        )
    rates = [r for r in rows if r["unit"] == "%"]
    option = {
        "tooltip": {},
        "xAxis": {"type": "category", "data": [r["label"] for r in rates]},
        "yAxis": {"type": "value", "max": 100, "name": "%"},
        "series": [{"type": "bar", "data": [r["value"] if r["value"] is not None else 0 for r in rates]}],
    }
    by_issuer = figures["by_issuer"]
    issuer_option = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["本年制发", "本年废止", "现行有效"]},
        "xAxis": {"type": "category", "data": [r["name"] for r in by_issuer], "axisLabel": {"rotate": 30}},
        "yAxis": {"type": "value", "name": "件"},
        "series": [
            {"name": "本年制发", "type": "bar", "data": [r["issued"] for r in by_issuer]},
            {"name": "本年废止", "type": "bar", "data": [r["repealed"] for r in by_issuer]},
            {"name": "现行有效", "type": "bar", "data": [r["in_force"] for r in by_issuer]},
        ],
    }
    return render(
        request,
        "normative_documents/stats.html",
        {
            "rows": rows,
            "figures": figures,
            "period": period,
            "unit": unit,
            "option_json": json.dumps(option, ensure_ascii=False),
            "issuer_option_json": json.dumps(issuer_option, ensure_ascii=False),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def stats_export(request: HttpRequest) -> HttpResponse:
    from urllib.parse import quote

    period, unit = _params(request)
    data = documents_workbook(period=period, unit_code=unit or None, user=request.user)
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('规范性文件统计.xlsx')}"
    return resp
