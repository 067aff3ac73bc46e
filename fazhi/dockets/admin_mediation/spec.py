"""行政调解 (issue 17: "the same shape as 人民调解, handled by the competent department, with the 行政调解协议书"):
states, transitions, clocks, documents, outcomes — the docket in one place. No national statute governs 行政调解 as a
whole (legal-rules.md has no section on it): every period is a setting marked ⚠ (clocks.py).

applied (待受理审查) ─accept→ accepted (调解中) ─agree→ agreed (协议履行中) ─close→ closed (已结案)
applied ─reject→ rejected (不予受理: the ground, the reasons, the other routes told)
accepted: record_session (date, place, mediators, participants; repeatable); ─terminate→ terminated (调解不成 or a
party ends it, the other routes told: 行政裁决, 仲裁, 人民调解, 诉讼)
agreed: apply_confirmation, record_confirmation (司法确认, optional, within a window ⚠), follow_up (回访; repeatable)
The case stays open (agreed) while its follow-up or the 司法确认 window runs; closing needs a follow-up.
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

from . import clocks as _rules  # noqa: F401  (the clock rules, registered before the spec names them)
from . import defaults
from .codes import OUTCOMES
from .guards import may_agree, may_apply_confirmation, may_close, may_record_confirmation

DOCKET = "admin_mediation"
S = "fazhi.dockets.admin_mediation.services."
F = "fazhi.dockets.admin_mediation.forms."
HANDLE = "admin_mediation.case.handle"

STATES = (
    State("applied", "待受理审查"),
    State("accepted", "调解中"),
    State("agreed", "协议履行中"),
    State("closed", "已结案", closed=True),
    State("terminated", "调解终止", closed=True),
    State("rejected", "不予受理", closed=True),
)

T = Transition
TRANSITIONS = (
    T(
        "accept",
        "受理",
        ("applied",),
        "accepted",
        HANDLE,
        S + "case_accept",
        form=F + "DatedNoteForm",
        clocks=(*complete("acceptance"), start("conclusion")),
    ),
    T(
        "reject",
        "不予受理",
        ("applied",),
        "rejected",
        HANDLE,
        S + "case_reject",
        form=F + "RejectForm",
        attach="decision",
    ),
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
    T(
        "agree",
        "调解成功（签订行政调解协议书）",
        ("accepted",),
        "agreed",
        HANDLE,
        S + "case_agree",
        guard=may_agree,
        form=F + "AgreementForm",
        follows=("accept", "record_session"),
        clocks=(*complete("conclusion"), start("judicial_confirmation"), start("follow_up")),
        attach="agreement",
    ),
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
    ClockSpec("acceptance", "admin_mediation.acceptance", "受理审查期限（⚠ 可配置）", runs_in=("applied",)),
    ClockSpec("conclusion", "admin_mediation.conclusion", "调解期限（⚠ 可配置）", runs_in=("accepted",)),
    ClockSpec(
        "judicial_confirmation",
        "admin_mediation.judicial_confirmation",
        "申请司法确认期限（⚠ 可配置）",
        runs_in=("agreed",),
    ),
    ClockSpec("follow_up", "admin_mediation.performance_follow_up", "履行回访期限（⚠ 可配置）", runs_in=("agreed",)),
)

DOCUMENTS = tuple(DocumentSpec(code, title, body) for code, title, body in defaults.DOCUMENTS)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="行政调解",
        states=STATES,
        initial_state="applied",
        transitions=TRANSITIONS,
        number_pattern="示行调〔{year}〕{seq}号",
        detail_url_name="admin_mediation:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={"register": F + "RegisterForm"},
        statistics="fazhi.dockets.admin_mediation.stats.admin_mediation_statistics",
        outcomes=OUTCOMES,
        attachment_kinds=(
            "application",
            "identity",
            "evidence",
            "mediation_record",
            "agreement",
            "decision",
            "ruling",
            "other",
        ),
        # 转行政调解: an intake's dispute handed to the competent department as an application (待受理审查), the
        # applicants and the other party carried over; the received date carries over, so the acceptance clock runs
        # from it. The dispute type and the account come from the source, the department is chosen.
        handover=HandoverSpec(
            label="转行政调解",
            create=S + "admin_mediation_handover_create",
            fields=(("request", "account"), ("dispute_type", "dispute_type"), ("intake_ref", "intake_ref")),
            options=(
                ("handling_unit", "行政调解机关"),
                ("dispute_type", "纠纷类型"),
                ("request", "调解请求和纠纷简要情况"),
            ),
            initial_state="applied",
            action="admin_mediation.case.register",
            choices=(("dispute_type", "fazhi.dockets.admin_mediation.codes.dispute_type_options"),),
        ),
    )
)


def spec() -> Any:
    return SPEC
