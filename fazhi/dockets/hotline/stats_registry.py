"""The 12345 statistics registration (fazhi/cases/stats.py): `fazhi stats hotline`, the statistics pages (per
responsible unit: 响应率、解决率、满意率) and their Excel export."""

from __future__ import annotations

from fazhi.cases.stats import Figure, StatsSpec, register_stats

ST = "fazhi.dockets.hotline.stats."
register_stats(
    StatsSpec(
        docket="hotline",
        label="12345热线工单",
        compute=ST + "hotline_statistics",
        case_sets=ST + "hotline_case_sets",
        by_unit=ST + "hotline_by_unit",
        formula=ST + "formula_json",
        pages=(("承办单位月度排名与热点诉求", "hotline:ranking"),),
        figures=(
            Figure("received", "受理诉求"),
            Figure("returned", "退单"),
            Figure("diverted", "依法分流（不计入考核）"),
            Figure("answered", "直接答复办结"),
            Figure("scored", "计入考核的工单"),
            Figure("responded", "按时签收"),
            Figure("response_rate", "响应率", rate=("responded", "scored"), drill="scored"),
            Figure("on_time", "按期办结"),
            Figure("on_time_rate", "按期办结率", rate=("on_time", "scored"), drill="scored"),
            Figure("rated", "回访成功"),
            Figure("resolved", "已解决"),
            Figure("resolution_rate", "解决率", rate=("resolved", "rated"), drill="rated"),
            Figure("satisfied", "满意"),
            Figure("satisfaction_rate", "满意率", rate=("satisfied", "rated"), drill="rated"),
            Figure("closed", "办结"),
        ),
        unit_columns=(
            Figure("received", "受理"),
            Figure("scored", "计入考核"),
            Figure("response_rate", "响应率"),
            Figure("resolution_rate", "解决率"),
            Figure("satisfaction_rate", "满意率"),
            Figure("returned", "退单"),
        ),
    )
)
