"""The figures of `fazhi stats decisions` and of the statistics page: every metric `decisions.<key>` of the registry
as `<key>: value` (a breakdown as `<key>_breakdown: {code: value}`), with `year`, `unit` ("" when not filtered) and,
for a part of a year, `period` — the same envelope as the dockets' statistics."""

from __future__ import annotations

from typing import Any

from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_values

PREFIX = "decisions."


def decision_metric_keys() -> list[str]:
    return [m.key for m in metrics_all() if m.key.startswith(PREFIX)]


def decisions_figures(*, period: Period, unit_code: str | None = None, viewer: Any = None) -> dict[str, Any]:
    values = metric_values(decision_metric_keys(), period=period, unit=unit_code or None, viewer=viewer)
    figures: dict[str, Any] = {}
    for key, v in values.items():
        name = key[len(PREFIX) :]
        figures[name] = v["value"]
        if v.get("breakdown") is not None:
            figures[f"{name}_breakdown"] = {b["code"]: b["value"] for b in v["breakdown"]}
    figures.update(year=period.year, unit=unit_code or "")
    if period.part:
        figures["period"] = period.part
    return figures
