"""行政应诉 (行政诉讼法; 法释〔2018〕1号; 法释〔2020〕3号): states, transitions, clock, outcomes — the docket in one place.

registered (待答辩) --submit_defence--> defended (审理中) --close--> closed (已结案)
defended: schedule_hearing, record_appearance (repeatable, no state change)
closed:   analyse_loss (败诉 → analysis + a supervisable rectification item), appeal (new case, next instance)
"""

from __future__ import annotations

from typing import Any

from fazhi.cases.registry import ClockSpec, DocketSpec, State, Transition, complete, register_docket

from .codes import OUTCOMES
from .guards import may_analyse_loss, may_appeal, may_close, may_record_appearance, may_submit_defence

S = "fazhi.dockets.litigation.services."
F = "fazhi.dockets.litigation.forms."
REGISTER, UPDATE, CLOSE = "litigation.case.register", "litigation.case.update", "litigation.case.close"

STATES = (
    State("registered", "待答辩"),
    State("defended", "审理中"),
    State("closed", "已结案", closed=True),
)

T = Transition
TRANSITIONS = (
    T(
        "submit_defence",
        "提交答辩状",
        ("registered",),
        "defended",
        UPDATE,
        S + "case_submit_defence",
        guard=may_submit_defence,
        form=F + "DefenceForm",
        public=False,
        clocks=complete("defense"),
        attach="defence",
    ),
    T(
        "schedule_hearing",
        "登记开庭",
        ("registered", "defended"),
        "defended",
        UPDATE,
        S + "case_schedule_hearing",
        form=F + "HearingForm",
        public=False,
    ),
    T(
        "record_appearance",
        "登记出庭应诉情况",
        ("defended",),
        "defended",
        UPDATE,
        S + "case_record_appearance",
        guard=may_record_appearance,
        form=F + "AppearanceForm",
        public=False,
        attach="hearing_record",
    ),
    T(
        "close",
        "登记裁判结果",
        ("registered", "defended"),
        "closed",
        CLOSE,
        S + "case_close",
        guard=may_close,
        form=F + "OutcomeForm",
        public=False,
        follows=("submit_defence", "record_appearance"),
        clocks=complete("defense"),
        attach="judgment",
    ),
    T(
        "analyse_loss",
        "败诉分析与整改",
        ("closed",),
        "closed",
        UPDATE,
        S + "case_analyse_loss",
        guard=may_analyse_loss,
        form=F + "LossAnalysisForm",
        public=False,
        follows=("close",),
    ),
    T(
        "appeal",
        "登记上诉/再审",
        ("closed",),
        "closed",
        REGISTER,
        S + "case_appeal",
        guard=may_appeal,
        form=F + "AppealForm",
        public=False,
        follows=("close",),
        date_field="served_on",
    ),
)

# The defence period runs from service of the complaint copy whether or not a hearing was set; it ends with the
# defence or the judgment. No clock runs after the outcome (an appeal is a new case with its own clock).
CLOCKS = (
    ClockSpec("defense", "litigation.defense", "答辩期限（行政诉讼法第六十七条）", runs_in=("registered", "defended")),
)

SPEC = register_docket(
    DocketSpec(
        code="litigation",
        label="行政应诉",
        states=STATES,
        initial_state="registered",
        transitions=TRANSITIONS,
        number_pattern="示应诉〔{year}〕{seq}号",
        detail_url_name="litigation:detail",
        clocks=CLOCKS,
        forms={"register": F + "RegisterForm", "import": F + "ImportForm"},
        statistics="fazhi.dockets.litigation.stats.litigation_statistics",
        importer="fazhi.dockets.litigation.imports.litigation_import",
        outcomes=OUTCOMES,
        attachment_kinds=(
            "complaint",
            "identity",
            "defence",
            "evidence",
            "hearing_record",
            "judgment",
            "service_receipt",
            "other",
        ),
    )
)


def spec() -> Any:
    return SPEC


# ---- statistics (fazhi/cases/stats.py) ----------------------------------------------------------------------------
def _register_stats() -> None:
    from fazhi.cases.stats import Figure, StatsSpec, register_stats

    st = "fazhi.dockets.litigation.stats."
    register_stats(
        StatsSpec(
            docket="litigation",
            label="行政应诉",
            compute=st + "litigation_statistics",
            case_sets=st + "litigation_case_sets",
            by_unit=st + "litigation_by_unit",
            formula=st + "formula_json",
            figures=(
                Figure("received", "收案（收到起诉状副本）"),
                Figure("accepted", "立案受理"),
                Figure("after_reconsideration", "其中经行政复议"),
                Figure("closed", "结案"),
                Figure("closed_by_judgment", "以判决方式结案"),
                Figure("lost", "败诉"),
                Figure("lost_rate", "败诉率", rate=("lost", "closed_by_judgment"), drill="lost"),
                Figure("hearings_requiring", "应出庭庭次", drill="hearings_requiring"),
                Figure("head_appeared", "负责人出庭庭次", drill="head_appeared"),
                Figure(
                    "appearance_rate",
                    "负责人出庭应诉率",
                    rate=("head_appeared", "hearings_requiring"),
                    drill="hearings_requiring",
                ),
                Figure("on_time_base", "提交答辩"),
                Figure("on_time", "按期答辩"),
                Figure("on_time_rate", "按期答辩率", rate=("on_time", "on_time_base"), drill="on_time_base"),
            ),
            unit_columns=(
                Figure("received", "收案"),
                Figure("closed", "结案"),
                Figure("lost", "败诉"),
                Figure("lost_rate", "败诉率"),
                Figure("appearance_rate", "负责人出庭应诉率"),
                Figure("on_time_rate", "按期答辩率"),
            ),
        )
    )


_register_stats()
