"""`fazhi stats documents --year YYYY [--period P] [--unit CODE] --json` and the statistics page: every figure from
the metric registry (metrics.py), plus one line per issuer. JSON keys (a contract): `year`, `unit` ("" when not
filtered), `period` (only with --period), each figure of metrics.KEYS without its prefix, `cleaned_by_outcome`
({outcome code: count}) and `by_issuer` ([{"unit", "name", "issued", "repealed", "in_force"}])."""

from __future__ import annotations

from typing import Any

from fazhi.metrics.periods import Period, as_period
from fazhi.metrics.selectors import metric_values

from .metrics import KEYS, P

ISSUER_KEYS = [f"{P}.issued", f"{P}.repealed", f"{P}.in_force"]


def documents_figures(*, period: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    p = as_period(period)
    values = metric_values(KEYS, period=p, unit=unit_code or None, viewer=user)
    out: dict[str, Any] = {k.split(".", 1)[1]: v["value"] for k, v in values.items()}
    out["cleaned_by_outcome"] = {b["code"]: b["value"] for b in values[f"{P}.cleaned"]["breakdown"]}
    out.update(year=p.year, unit=unit_code or "")
    if p.part:
        out["period"] = p.part
    out["by_issuer"] = [] if unit_code else documents_by_issuer(period=p, user=user)
    return out


def documents_by_issuer(*, period: Period, user: Any = None) -> list[dict[str, Any]]:
    from fazhi.orgs.models import Unit

    from .models import NormativeDocument

    unit_ids = sorted(set(NormativeDocument.objects.exclude(published_on=None).values_list("lead_unit_id", flat=True)))
    rows = []
    for unit in Unit.objects.filter(pk__in=unit_ids).order_by("code"):
        v = metric_values(ISSUER_KEYS, period=period, unit=unit, viewer=user)
        row = {k.split(".", 1)[1]: v[k]["value"] for k in ISSUER_KEYS}
        if any(row.values()):
            rows.append({"unit": unit.code, "name": unit.name, **row})
    return rows


def documents_workbook(*, period: int | Period, unit_code: str | None = None, user: Any = None) -> bytes:
    """The figures and the per-issuer table as .xlsx (every cell through safe_cell)."""
    from io import BytesIO

    from openpyxl import Workbook

    from fazhi.core.excel import safe_cell
    from fazhi.metrics.registry import metric_get

    p = as_period(period)
    figures = documents_figures(period=p, unit_code=unit_code, user=user)
    wb = Workbook()
    ws = wb.active
    ws.title = "总体情况"
    ws.append([safe_cell(f"规范性文件统计（{p.label}{('，单位 ' + unit_code) if unit_code else ''}）")])
    ws.append(["统计项", "数值", "单位", "口径"])
    for key in KEYS:
        m = metric_get(key)
        value = figures[key.split(".", 1)[1]]
        ws.append([safe_cell(m.label), safe_cell("" if value is None else value), m.unit, safe_cell(m.definition)])
    issuers = wb.create_sheet("分制定机关")
    issuers.append(["单位编码", "制定机关", "本年制发", "本年废止", "现行有效"])
    for row in figures["by_issuer"]:
        issuers.append(
            [safe_cell(row["unit"]), safe_cell(row["name"]), row["issued"], row["repealed"], row["in_force"]]
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
