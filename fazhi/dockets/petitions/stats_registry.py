"""The 信访 statistics registration (fazhi/cases/stats.py, discovered on first use): `fazhi stats petitions`, the
statistics pages and their Excel export."""

from __future__ import annotations

from fazhi.cases.stats import Figure, StatsSpec, register_stats

ST = "fazhi.dockets.petitions.stats."
register_stats(
    StatsSpec(
        docket="petitions",
        label="信访",
        compute=ST + "petitions_statistics",
        case_sets=ST + "petitions_case_sets",
        by_unit=ST + "petitions_by_unit",
        formula=ST + "formula_json",
        figures=(
            Figure("received", "收到信访事项"),
            Figure("repeat", "其中重复信访"),
            Figure("joint", "其中联名信访"),
            Figure("accepted", "受理"),
            Figure("routed", "诉访分离导入法定途径"),
            Figure("transferred", "转送、交办"),
            Figure("not_accepted", "不予受理"),
            Figure("handled", "出具意见书或答复"),
            Figure("on_time", "按期办结"),
            Figure("on_time_rate", "按期办结率", rate=("on_time", "handled"), drill="handled"),
            Figure("opinions", "出具信访处理意见书"),
            Figure("reviews", "请求复查"),
            Figure("rereviews", "请求复核"),
            Figure("closed", "办结"),
        ),
        unit_columns=(
            Figure("received", "收到"),
            Figure("accepted", "受理"),
            Figure("routed", "诉访分离"),
            Figure("handled", "出具意见书或答复"),
            Figure("on_time_rate", "按期办结率"),
            Figure("closed", "办结"),
        ),
    )
)
