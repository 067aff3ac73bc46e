"""The figures of `fazhi stats enforcement` and of the statistics page: every metric `enforcement.<key>` of the
registry as `<key>: value`, with `year`, `unit` ("" when not filtered) and, for a part of a year, `period` — the same
envelope as the dockets' statistics (fazhi/cases/README-stats.md)."""

from __future__ import annotations

from typing import Any

from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_values

PREFIX = "enforcement."


def enforcement_metric_keys() -> list[str]:
    return [m.key for m in metrics_all() if m.key.startswith(PREFIX)]


def enforcement_figures(*, period: Period, unit_code: str | None = None, viewer: Any = None) -> dict[str, Any]:
    values = metric_values(enforcement_metric_keys(), period=period, unit=unit_code or None, viewer=viewer)
    figures: dict[str, Any] = {key[len(PREFIX) :]: v["value"] for key, v in values.items()}
    figures.update(year=period.year, unit=unit_code or "")
    if period.part:
        figures["period"] = period.part
    return figures


# ------------------------------------------------------------------------------------------------ per 执法主体

CASE_KIND = "enforcement.case"
TOTAL = "合计"


def body_metric_keys() -> list[str]:
    """The columns of the per-body table: the case figures. A case has one 执法单位 (its body's unit), so the bodies'
    lines of a count add up to the total; an inspection counts for its lead and every partner, a 评查 figure takes a
    campaign — they stay on the figures above."""
    return [m.key for m in metrics_all() if m.key.startswith(PREFIX) and m.record_kind == CASE_KIND and not m.params]


def enforcement_by_body(*, period: Period, viewer: Any, unit_code: str | None = None) -> dict[str, Any]:
    """The per-body table: {"keys", "lines": [{"body", "unit", "name", "values": {key: metric_value dict}}],
    "total": {key: metric_value dict}}.

    Lines: the 执法主体 whose statistics the viewer may read (BodyPolicy "stats": `enforcement.stats.view` with the
    body's unit in the data scope — a body's own staff see their own line, the office every line; anyone else none),
    in the unit tree's order, each active or with a figure in the period; with `unit_code` only that unit's body.
    Every value is the registry's for the body's unit and the viewer (`metric_values`); the total is the registry's
    value for the whole scope (the city-wide figure for the office) — not a sum, so a rate is the total's own."""
    from fazhi.metrics.selectors import query

    from .metrics import kept_prefetch
    from .models import Body
    from .policies import BodyPolicy

    keys = body_metric_keys()
    qs = Body.objects.all() if viewer is None else BodyPolicy.visible(viewer, "stats")
    bodies = list(qs.select_related("unit").order_by("unit__path", "id"))
    if unit_code:
        bodies = [b for b in bodies if b.unit.code == unit_code]
    memos = kept_prefetch(query(period=period, viewer=viewer), [b.unit_id for b in bodies])
    lines = []
    for b in bodies:
        values = metric_values(keys, period=period, unit=b.unit, viewer=viewer, memo=memos[b.unit_id])
        if b.is_active or any(v["value"] for v in values.values()):
            lines.append({"body": b, "unit": b.unit.code, "name": b.unit.name, "values": values})
    total = metric_values(keys, period=period, unit=unit_code or None, viewer=viewer)
    return {"keys": keys, "lines": lines, "total": total}


def enforcement_workbook(*, period: Period, viewer: Any, unit_code: str | None = None) -> bytes:
    """The per-body table as .xlsx (sheet 分执法主体): a title, a header of the columns with their units, one row per
    body, the 合计 row (the registry's figures for the viewer's whole scope) and under it each column's 口径. Every
    cell through core.excel.safe_cell."""
    from io import BytesIO

    from openpyxl import Workbook

    from fazhi.core.excel import safe_cell
    from fazhi.metrics.registry import metric_get

    table = enforcement_by_body(period=period, viewer=viewer, unit_code=unit_code)
    metrics = [metric_get(k) for k in table["keys"]]
    headers = [f"{m.label}（{m.unit}）" for m in metrics]
    wb = Workbook()
    ws = wb.active
    ws.title = "分执法主体"
    ws.append([safe_cell(f"行政执法统计（分执法主体，{period.label}{('，单位 ' + unit_code) if unit_code else ''}）")])
    ws.append(["执法主体", "单位编码", *headers])
    for line in table["lines"]:
        values = [line["values"][k]["value"] for k in table["keys"]]
        ws.append([safe_cell(line["name"]), safe_cell(line["unit"]), *values])
    ws.append(
        [TOTAL, None, *[table["total"][k]["value"] for k in table["keys"]]]
    )  # None: an empty cell (a rate over 0)
    ws.append([])
    ws.append(["口径说明"])
    ws.append(["列", "指标", "口径"])
    for m, header in zip(metrics, headers, strict=True):
        ws.append([safe_cell(header), m.key, safe_cell(m.full_definition)])
    ws.append(
        [
            TOTAL,
            None,
            "合计行为查看人数据范围内（司法局为全市）的指标数值，不是各行相加：比率按合计的分子、分母计算；"
            "各执法主体的件数、金额之和等于合计。",
        ]
    )
    ws.freeze_panes = "C3"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def enforcement_export(*, period: Period, by: Any, unit_code: str | None = None) -> bytes:
    """The export is itself audited (who took which figures out)."""
    from fazhi.audit.services import record_event

    data = enforcement_workbook(period=period, viewer=by, unit_code=unit_code)
    record_event(
        actor=by,
        action="enforcement.stats.export",
        object_type="stats",
        object_id="enforcement",
        object_repr=f"行政执法 {period.label}",
        summary={"year": period.year, "period": period.part, "unit": unit_code or ""},
    )
    return data
