"""人民调解 (《人民调解法》2010; 司法部《人民调解工作若干规定》2002, legal-rules.md §7): states, transitions, clocks,
documents, outcomes — the docket in one place.

registered (待受理) ─accept→ accepted (调解中) ─agree→ agreed (协议履行中) ─close→ closed (已结案)
registered ─reject→ rejected (不予受理, 第十七条/第十八条)
accepted: record_session (repeatable); ─terminate→ terminated (调解不成 第二十六条 / 当事人要求终止 第二十三条)
agreed: apply_confirmation, record_confirmation (司法确认 第三十三条), follow_up (回访 第三十一条; repeatable)
A case stays open (agreed) while its 司法确认 window or the follow-up runs; closing ends their clocks.
"""

from __future__ import annotations

from typing import Any

from fazhi.cases.registry import (
    STAY,
    ClockSpec,
    DocketSpec,
    DocumentSpec,
    HandoverSpec,
    State,
    Transition,
    complete,
    register_docket,
    start,
)

from . import defaults
from .codes import OUTCOMES
from .guards import may_agree, may_apply_confirmation, may_close, may_record_confirmation

DOCKET = "mediation"
S = "fazhi.dockets.mediation.services."
F = "fazhi.dockets.mediation.forms."
HANDLE = "mediation.case.handle"

STATES = (
    State("registered", "待受理"),
    State("accepted", "调解中"),
    State("agreed", "协议履行中"),
    State("closed", "已结案", closed=True),
    State("terminated", "调解终止", closed=True),
    State("rejected", "不予受理", closed=True),
)


def written(case: Any) -> bool:
    """Only a written agreement can be brought to court for 司法确认 (第三十三条 names 调解协议 signed by both sides)."""
    return ((case.extra or {}).get("agreement") or {}).get("form") == "written"


T = Transition
TRANSITIONS = (
    T(
        "accept",
        "受理",
        ("registered",),
        "accepted",
        HANDLE,
        S + "case_accept",
        form=F + "AcceptForm",
        clocks=(start("conclusion"),),  # 2002 规定 第三十三条: 一般在一个月内调结, from 受理
    ),
    T(
        "reject",
        "不予受理",
        ("registered",),
        "rejected",
        HANDLE,
        S + "case_reject",
        form=F + "RejectForm",
    ),
    # 《人民调解法》第二十七条: the committee records the mediation (调解情况记录).
    T(
        "record_session",
        "登记调解",
        ("accepted",),
        STAY,
        HANDLE,
        S + "case_record_session",
        form=F + "SessionForm",
        public=False,
        follows=("accept",),
        attach="mediation_record",
    ),
    # 第二十八条至第三十条: 书面调解协议书 (signed/sealed) or a recorded 口头协议.
    T(
        "agree",
        "调解成功（达成协议）",
        ("accepted",),
        "agreed",
        HANDLE,
        S + "case_agree",
        guard=may_agree,
        form=F + "AgreementForm",
        follows=("accept", "record_session"),
        clocks=(
            *complete("conclusion"),
            start("judicial_confirmation", when=written),
            start("follow_up"),
        ),
        attach="agreement",
    ),
    # 第二十六条: 调解不成 → 终止调解, the parties told of the other routes; 第二十三条: a party asks to end it.
    T(
        "terminate",
        "终止调解",
        ("accepted",),
        "terminated",
        HANDLE,
        S + "case_terminate",
        form=F + "TerminateForm",
        follows=("accept", "record_session"),
    ),
    # 第三十三条: a joint application to the court within 30 days of the agreement taking effect.
    T(
        "apply_confirmation",
        "登记申请司法确认",
        ("agreed",),
        STAY,
        HANDLE,
        S + "case_apply_confirmation",
        guard=may_apply_confirmation,
        form=F + "ConfirmationApplyForm",
        follows=("agree",),
        clocks=complete("judicial_confirmation"),
    ),
    T(
        "record_confirmation",
        "登记司法确认结果",
        ("agreed",),
        STAY,
        HANDLE,
        S + "case_record_confirmation",
        guard=may_record_confirmation,
        form=F + "ConfirmationResultForm",
        follows=("apply_confirmation",),
        attach="ruling",
    ),
    # 第三十一条: the committee supervises performance (回访, recorded).
    T(
        "follow_up",
        "履行回访",
        ("agreed",),
        STAY,
        HANDLE,
        S + "case_follow_up",
        form=F + "FollowUpForm",
        public=False,
        follows=("agree",),
        clocks=complete("follow_up"),
    ),
    T(
        "close",
        "结案归档",
        ("agreed",),
        "closed",
        HANDLE,
        S + "case_close",
        guard=may_close,
        form=F + "CloseForm",
        follows=("agree", "follow_up", "apply_confirmation", "record_confirmation"),
    ),
)

CLOCKS = (
    ClockSpec(
        "conclusion", "mediation.conclusion", "调解期限（《人民调解工作若干规定》第三十三条）", runs_in=("accepted",)
    ),
    ClockSpec(
        "judicial_confirmation",
        "mediation.judicial_confirmation",
        "申请司法确认期限（《人民调解法》第三十三条）",
        runs_in=("agreed",),
    ),
    ClockSpec(
        "follow_up", "mediation.performance_follow_up", "履行回访期限（《人民调解法》第三十一条）", runs_in=("agreed",)
    ),
)

DOCUMENTS = tuple(DocumentSpec(code, title, body) for code, title, body in defaults.DOCUMENTS)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="人民调解",
        states=STATES,
        initial_state="registered",
        transitions=TRANSITIONS,
        number_pattern="示调〔{year}〕{seq}号",
        detail_url_name="mediation:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={"register": F + "RegisterForm", "import": F + "ImportForm"},
        statistics="fazhi.dockets.mediation.stats.mediation_statistics",
        outcomes=OUTCOMES,
        importer="fazhi.dockets.mediation.imports.mediation_import",
        importer_needs_unit=False,
        attachment_kinds=("application", "identity", "evidence", "mediation_record", "agreement", "ruling", "other"),
        # 转人民调解: an intake, a 12348 call or another docket's case registered with a committee (待受理; the
        # 1-month target runs from 受理). The received date carries over; the committee and, if the source has
        # none, the dispute type are chosen by the one handing over.
        handover=HandoverSpec(
            label="转人民调解",
            create=S + "mediation_handover_create",
            fields=(
                ("account", "account"),
                ("dispute_type", "dispute_type"),
                ("amount", "amount"),
                ("mass", "mass"),
                ("escalation_risk", "escalation_risk"),
                ("source", "intake_source"),
                ("transfer_from", "transfer_from"),
                ("intake_ref", "intake_ref"),
            ),
            options=(("committee", "人民调解委员会"), ("dispute_type", "纠纷类型"), ("account", "纠纷简要情况")),
            initial_state="registered",
            action="mediation.case.register",
            choices=(("committee", "fazhi.dockets.mediation.selectors.committee_options"),),
        ),
    )
)


def spec() -> Any:
    return SPEC
