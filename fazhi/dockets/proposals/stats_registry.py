"""`fazhi stats proposals --year YYYY [--unit CODE] [--period P] --json`, the statistics pages (drill-down, charts)
and their Excel: the kernel's StatsSpec over the registry's `proposals.*` metrics (metrics.py)."""

from __future__ import annotations

from fazhi.cases.stats import Figure, StatsSpec, register_stats

st = "fazhi.dockets.proposals.stats."
register_stats(
    StatsSpec(
        docket="proposals",
        label="建议提案",
        compute=st + "proposals_statistics",
        case_sets=st + "proposals_case_sets",
        by_unit=st + "proposals_by_unit",
        formula=st + "formula_json",
        figures=(
            Figure("received", "交办件数"),
            Figure("answered", "已答复"),
            Figure("on_time", "按期答复"),
            Figure("on_time_rate", "按期办复率", rate=("on_time", "answered"), drill="answered"),
            Figure("class_a", "A类答复"),
            Figure("class_b", "B类答复"),
            Figure("class_c", "C类答复"),
            Figure("class_d", "D类答复"),
            Figure("rated", "已评价"),
            Figure("satisfied", "满意（含基本满意）"),
            Figure("satisfaction_rate", "满意率", rate=("satisfied", "rated"), drill="rated"),
            Figure("rehandled", "不满意重新办理"),
            Figure("open_commitments", "承诺事项未销号"),
            Figure("closed", "对账销号"),
        ),
        unit_columns=(
            Figure("received", "交办"),
            Figure("answered", "已答复"),
            Figure("on_time_rate", "按期办复率"),
            Figure("satisfaction_rate", "满意率"),
            Figure("rehandled", "重新办理"),
            Figure("open_commitments", "承诺未销号"),
        ),
    )
)
