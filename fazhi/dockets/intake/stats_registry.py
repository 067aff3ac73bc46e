"""The 纠纷求助登记 StatsSpec (fazhi/cases/stats.py, discovered on first use): `fazhi stats intake`, the statistics
page (/cases/stats/intake/) and its Excel export read the registry's metrics (metrics.py) with these labels."""

from __future__ import annotations

from fazhi.cases.stats import Breakdown, Figure, StatsSpec, register_stats

from .stats import BREAKDOWNS

st = "fazhi.dockets.intake.stats."
LABELS = {"by_channel": "按来源渠道", "by_dispute_type": "按纠纷类型", "by_route": "按分流去向"}
register_stats(
    StatsSpec(
        docket="intake",
        label="纠纷求助登记",
        compute=st + "intake_statistics",
        case_sets=st + "intake_case_sets",
        by_unit=st + "intake_by_unit",
        formula=st + "formula_json",
        figures=(
            Figure("received", "登记纠纷求助"),
            Figure("urgent", "其中群体性或可能激化"),
            Figure("routed", "分流（件次）"),
            Figure("closed", "办结"),
        ),
        unit_columns=(
            Figure("received", "登记"),
            Figure("urgent", "群体性或可能激化"),
            Figure("routed", "分流（件次）"),
            Figure("closed", "办结"),
        ),
        breakdowns=tuple(Breakdown(key, figure, LABELS[key], drill) for key, figure, _codes, drill in BREAKDOWNS),
    )
)
