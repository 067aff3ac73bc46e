"""The 法律援助 StatsSpec (fazhi/cases/stats.py): `fazhi stats legal_aid`, the statistics pages and Excel."""

from __future__ import annotations

from fazhi.cases.stats import Figure, StatsSpec, register_stats

st = "fazhi.dockets.legal_aid.stats."
register_stats(
    StatsSpec(
        docket="legal_aid",
        label="法律援助",
        compute=st + "legal_aid_statistics",
        case_sets=st + "legal_aid_case_sets",
        by_unit=st + "legal_aid_by_unit",
        formula=st + "formula_json",
        figures=(
            Figure("received", "收到申请"),
            Figure("decided", "作出决定"),
            Figure("granted", "给予法律援助"),
            Figure("refused", "不予法律援助"),
            Figure("grant_rate", "给予率", rate=("granted", "decided"), drill="granted"),
            Figure("on_time", "按期决定"),
            Figure("on_time_rate", "按期决定率", rate=("on_time", "decided"), drill="decided"),
            Figure("advance_aid", "先行援助"),
            Figure("assigned", "指派"),
            Figure("objections", "异议"),
            Figure("closed", "结案"),
        ),
        unit_columns=(
            Figure("received", "收到申请"),
            Figure("granted", "给予"),
            Figure("on_time_rate", "按期决定率"),
            Figure("assigned", "指派"),
        ),
    )
)
