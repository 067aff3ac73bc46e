"""Registers `fazhi stats enforcement` with the statistics command (discovered by fazhi.cases.stats)."""

from fazhi.cases.stats import register_stats_command
from fazhi.metrics.registry import metric_get

from .stats import enforcement_figures, enforcement_metric_keys

LABELS = {k.split(".", 1)[1]: f"{metric_get(k).label}（{metric_get(k).unit}）" for k in enforcement_metric_keys()}
register_stats_command("enforcement", "行政执法", enforcement_figures, LABELS)
