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
