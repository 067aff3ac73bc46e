"""The 行政调解 StatsSpec (fazhi/cases/stats.py): `fazhi stats admin_mediation`, the statistics pages and Excel."""

from __future__ import annotations

from fazhi.cases.stats import Figure, StatsSpec, register_stats

st = "fazhi.dockets.admin_mediation.stats."
register_stats(
    StatsSpec(
        docket="admin_mediation",
        label="行政调解",
        compute=st + "admin_mediation_statistics",
        case_sets=st + "admin_mediation_case_sets",
        by_unit=st + "admin_mediation_by_unit",
        formula=st + "formula_json",
        figures=(
            Figure("received", "收到申请"),
            Figure("accepted", "受理"),
            Figure("concluded", "调结"),
            Figure("agreed", "调解成功"),
            Figure("success_rate", "调解成功率", rate=("agreed", "concluded"), drill="concluded"),
            Figure("on_time", "按期调结"),
            Figure("on_time_rate", "按期调结率", rate=("on_time", "concluded"), drill="concluded"),
            Figure("confirmation_applied", "申请司法确认"),
            Figure("closed", "结案"),
        ),
        unit_columns=(
            Figure("received", "收到申请"),
            Figure("accepted", "受理"),
            Figure("agreed", "调解成功"),
            Figure("success_rate", "调解成功率"),
        ),
    )
)
