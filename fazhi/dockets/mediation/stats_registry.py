"""The 人民调解 StatsSpec (fazhi/cases/stats.py, discovered on first use): `fazhi stats mediation`, the statistics
pages and their Excel export read the registry's metrics with these labels."""

from __future__ import annotations

from fazhi.cases.stats import Figure, StatsSpec, register_stats

from .stats import success_base

st = "fazhi.dockets.mediation.stats."
register_stats(
    StatsSpec(
        docket="mediation",
        label="人民调解",
        compute=st + "mediation_statistics",
        case_sets=st + "mediation_case_sets",
        by_unit=st + "mediation_by_unit",
        formula=st + "formula_json",
        figures=(
            Figure("received", "收案（登记纠纷）"),
            Figure("urgent", "其中群体性或可能激化"),
            Figure("accepted", "受理"),
            Figure("mediated", "调结"),
            Figure("successful", "调解成功"),
            Figure("written_agreements", "其中书面调解协议"),
            Figure("success_rate", "调解成功率", rate=("successful", success_base()), drill="successful"),
            Figure("confirmation_applied", "申请司法确认"),
            Figure("confirmed", "经司法确认有效"),
            Figure("performed", "协议已履行"),
            Figure("closed", "结案"),
            Figure("on_time_base", "应在期限内调结"),
            Figure("on_time", "按期调结"),
            Figure("on_time_rate", "按期调结率", rate=("on_time", "on_time_base"), drill="on_time_base"),
        ),
        unit_columns=(
            Figure("received", "收案"),
            Figure("accepted", "受理"),
            Figure("successful", "调解成功"),
            Figure("success_rate", "调解成功率"),
            Figure("confirmed", "司法确认"),
            Figure("on_time_rate", "按期调结率"),
        ),
    )
)
