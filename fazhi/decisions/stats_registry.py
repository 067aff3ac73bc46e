"""Registers `fazhi stats decisions` with the statistics command (discovered by fazhi.cases.stats)."""

from fazhi.cases.stats import register_stats_command
from fazhi.metrics.registry import metric_get

from .stats import decision_metric_keys, decisions_figures

LABELS = {k.split(".", 1)[1]: f"{metric_get(k).label}（{metric_get(k).unit}）" for k in decision_metric_keys()}
register_stats_command("decisions", "重大行政决策", decisions_figures, LABELS)
