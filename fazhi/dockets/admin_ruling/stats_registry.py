"""The 行政裁决 StatsSpec (fazhi/cases/stats.py): `fazhi stats admin_ruling`, the statistics pages and Excel."""

from __future__ import annotations

from fazhi.cases.stats import Figure, StatsSpec, register_stats

st = "fazhi.dockets.admin_ruling.stats."
register_stats(
    StatsSpec(
        docket="admin_ruling",
        label="行政裁决",
        compute=st + "admin_ruling_statistics",
        case_sets=st + "admin_ruling_case_sets",
        by_unit=st + "admin_ruling_by_unit",
        formula=st + "formula_json",
        figures=(
            Figure("received", "收到申请"),
            Figure("accepted", "受理"),
            Figure("ruled", "作出裁决"),
            Figure("on_time", "按期裁决"),
            Figure("on_time_rate", "按期裁决率", rate=("on_time", "ruled"), drill="ruled"),
            Figure("withdrawn", "终止（撤回）"),
            Figure("closed", "结案"),
        ),
        unit_columns=(
            Figure("received", "收到申请"),
            Figure("accepted", "受理"),
            Figure("ruled", "作出裁决"),
            Figure("on_time_rate", "按期裁决率"),
        ),
    )
)
