"""`fazhi stats disclosure --year YYYY [--unit CODE] [--json]` through the statistics command's hook: the common keys
of the dockets' statistics (docket, year, unit, received, closed, outcomes, on_time …) and `annual_table` — every
number read from the metric registry (metrics.py)."""

from __future__ import annotations

from typing import Any

from fazhi.cases.stats import register_stats_command
from fazhi.metrics.periods import Period

from .codes import COLUMNS, OUTCOMES, TABLE_ROWS
from .stats import table_check

LABELS = {
    "received": "本年新收申请",
    "closed": "本年办结",
    "carried_out": "结转下年度继续办理",
    "answered": "已答复",
    "on_time": "按期答复",
    "on_time_rate": "按期答复率（%）",
}


def disclosure_figures(*, period: Period, unit_code: str | None = None, viewer: Any = None) -> dict[str, Any]:
    from fazhi.metrics.selectors import metric_values

    keys = [f"disclosure.{k}" for k, _ in TABLE_ROWS] + [
        "disclosure.answered",
        "disclosure.on_time",
        "disclosure.on_time_rate",
    ]
    values = metric_values(keys, period=period, unit=unit_code or None, viewer=viewer)
    rows: dict[str, list[int]] = {}
    for key, _label in TABLE_ROWS:
        v = values[f"disclosure.{key}"]
        cells = [b["value"] for b in v["breakdown"]]
        rows[key] = [*cells, v["value"]]
    figures: dict[str, Any] = {
        "docket": "disclosure",
        "year": period.year,
        "unit": unit_code or "",
        "formula": {"fee_clock_on_payment": _fee_setting()},
        "received": rows["new"][-1],
        "carried_in": rows["carried_in"][-1],
        "closed": rows["total"][-1],
        "carried_out": rows["carried_out"][-1],
        "outcomes": [{"code": c, "label": label, "count": rows[c][-1]} for c, label in OUTCOMES],
        "answered": values["disclosure.answered"]["value"],
        "on_time": values["disclosure.on_time"]["value"],
        "on_time_base": values["disclosure.answered"]["value"],
        "on_time_rate": values["disclosure.on_time_rate"]["value"],
        "annual_table": {"columns": list(COLUMNS), "rows": rows, "check": table_check(rows)},
    }
    if period.part:
        figures["period"] = period.part
    return figures


def _fee_setting() -> str:
    from django.conf import settings

    return str(getattr(settings, "FAZHI_DISCLOSURE", {}).get("FEE_CLOCK_ON_PAYMENT", "restart"))


register_stats_command("disclosure", "政府信息公开（依申请公开）", disclosure_figures, LABELS)
