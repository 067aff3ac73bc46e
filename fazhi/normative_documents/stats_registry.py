"""Registers `fazhi stats documents` with the statistics command (discovered by fazhi.cases.stats)."""

from fazhi.cases.stats import register_stats_command

from .metrics import COUNTS, RATES
from .stats import documents_figures

LABELS = (
    {key: f"{label}（件）" for key, label, _ in COUNTS}
    | {key: f"{label}（%）" for key, label, *_ in RATES}
    | {"suggestions": "审查建议（件）", "cleaned": "清理（件）"}
)
register_stats_command("documents", "规范性文件", documents_figures, LABELS)
