"""行政复议 (行政复议法 2023): states, transitions, clocks, documents, outcomes — the docket in one place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from fazhi.cases.registry import (
    STAY,
    ClockSpec,
    DocketSpec,
    DocumentSpec,
    HandoverSpec,
    State,
    Transition,
    complete,
    pause,
    register_docket,
    restart,
    resume,
    start,
)

from . import defaults
from .guards import (
    awaits_termination,
    is_simplified,
    may_approve_decision,
    may_approve_extension,
    may_approve_switch,
    may_deem_accept,
    may_draft_decision,
    may_publish,
    may_record_reply,
    may_refuse,
    may_request_extension,
    may_request_switch,
    may_request_termination,
    may_schedule_hearing,
    may_send_copy,
)

S = "fazhi.dockets.reconsideration.services."
INTAKE, REVIEW, DECIDE = "reconsideration.case.intake", "reconsideration.case.review", "reconsideration.case.decide"
APPROVE, PUBLISH = "reconsideration.case.approve", "reconsideration.case.publish"

STATES = (
    State("received", "待受理审查", public_label="已收到申请，正在审查是否受理"),
    State("correction", "待补正", public_label="已通知补正申请材料"),
    State("accepted", "审理中", public_label="已受理，正在审理"),
    State("suspended", "中止", public_label="审理中止"),
    State("rejected", "不予受理", closed=True, public_label="决定不予受理"),
    State("abandoned", "视为放弃", closed=True, public_label="逾期未补正，视为放弃申请"),
    State("decided", "已决定", closed=True, public_label="已作出行政复议决定"),
    State("terminated", "已终止", closed=True, public_label="行政复议终止"),
)

T = Transition


def ordinary(case: Any) -> bool:
    return not is_simplified(case)


def _accepted_on(case: Any, on: dt.date) -> dt.date:
    return dt.date.fromisoformat(case.extra["accepted_on"])


# Requests and drafts (申请延期, 拟定决定 …) are dated the day they are recorded, not a legal date: approvals do
# not follow them.
ACCEPTED = ("accept", "deem_accept")
# 受理 (Art. 30): the review ends; the hearing clocks start — 发送副本 (Art. 48: 7 working days; simplified Art. 54: 3)
# and the decision (Art. 62: 60 days; simplified: 30).
ON_ACCEPT = (
    *complete("acceptance", "correction_notice", "correction_reply"),
    start("copy", when=ordinary),
    start("simplified_copy", when=is_simplified),
    start("decision", when=ordinary),
    start("simplified_decision", when=is_simplified),
)
DECISION_CLOCKS = ("decision", "simplified_decision")
TRANSITIONS = (
    # 受理审查 (Arts. 30, 31)
    T(
        "request_correction",
        "通知补正",
        ("received",),
        "correction",
        REVIEW,
        S + "case_request_correction",
        form="fazhi.dockets.reconsideration.forms.CorrectionRequestForm",
        follows=("receive_correction",),
        clocks=(*complete("correction_notice"), pause("acceptance", "补正"), start("correction_reply")),
    ),
    T(
        "receive_correction",
        "收到补正材料",
        ("correction",),
        "received",
        REVIEW,
        S + "case_receive_correction",
        form="fazhi.dockets.reconsideration.forms.CorrectionReceiveForm",
        follows=("request_correction",),
        clocks=(*complete("correction_reply"), restart("acceptance")),
        attach="correction",
    ),
    T(
        "abandon",
        "逾期未补正（视为放弃）",
        ("correction",),
        "abandoned",
        REVIEW,
        S + "case_abandon",
        form="fazhi.dockets.reconsideration.forms.DatedNoteForm",
        follows=("request_correction",),
        clocks=complete("correction_reply", "acceptance"),
    ),
    T(
        "accept",
        "受理",
        ("received",),
        "accepted",
        REVIEW,
        S + "case_accept",
        form="fazhi.dockets.reconsideration.forms.AcceptForm",
        follows=("receive_correction",),
        clocks=ON_ACCEPT,
    ),
    T(
        "deem_accept",
        "视为受理（审查期限届满）",
        ("received",),
        "accepted",
        REVIEW,
        S + "case_deem_accept",
        guard=may_deem_accept,
        follows=("receive_correction",),
        clocks=ON_ACCEPT,
    ),
    T(
        "reject",
        "不予受理",
        ("received",),
        "rejected",
        REVIEW,
        S + "case_reject",
        form="fazhi.dockets.reconsideration.forms.RejectForm",
        follows=("receive_correction",),
        clocks=complete("acceptance", "correction_notice"),
    ),
    # 审理 (Arts. 48–55)
    T(
        "send_copy",
        "发送申请书副本",
        ("accepted",),
        "accepted",
        DECIDE,
        S + "case_send_copy",
        guard=may_send_copy,
        form="fazhi.dockets.reconsideration.forms.DatedNoteForm",
        follows=ACCEPTED,
        clocks=(
            *complete("copy", "simplified_copy"),
            start("reply", when=ordinary),
            start("simplified_reply", when=is_simplified),
        ),
    ),
    T(
        "record_reply",
        "登记被申请人答复",
        ("accepted",),
        "accepted",
        DECIDE,
        S + "case_record_reply",
        guard=may_record_reply,
        form="fazhi.dockets.reconsideration.forms.ReplyForm",
        follows=("send_copy",),
        clocks=complete("reply", "simplified_reply"),
        attach="reply",
    ),
    T(
        "schedule_hearing",
        "安排听证",
        ("accepted",),
        "accepted",
        DECIDE,
        S + "case_schedule_hearing",
        guard=may_schedule_hearing,
        form="fazhi.dockets.reconsideration.forms.HearingForm",
        follows=ACCEPTED,
        attach="evidence",
    ),
    T(
        "request_switch",
        "申请转为普通程序",
        ("accepted",),
        "accepted",
        DECIDE,
        S + "case_request_switch",
        guard=may_request_switch,
        form="fazhi.dockets.reconsideration.forms.ReasonForm",
        public=False,
    ),
    T(
        "approve_switch",
        "批准转为普通程序",
        ("accepted",),
        "accepted",
        APPROVE,
        S + "case_approve_switch",
        guard=may_approve_switch,
        form="fazhi.dockets.reconsideration.forms.DatedNoteForm",
        follows=ACCEPTED,
        clocks=(*complete("simplified_decision"), start("decision", trigger=_accepted_on)),
        review="fazhi.dockets.reconsideration.approval_pages.requests_review",
        queue=may_approve_switch,
        queue_key="switch_requested",
    ),
    T(
        "request_extension",
        "申请延长审理期限",
        ("accepted",),
        "accepted",
        DECIDE,
        S + "case_request_extension",
        guard=may_request_extension,
        form="fazhi.dockets.reconsideration.forms.ExtensionRequestForm",
        public=False,
    ),
    T(
        "approve_extension",
        "批准延长审理期限",
        ("accepted",),
        "accepted",
        APPROVE,
        S + "case_approve_extension",
        guard=may_approve_extension,
        form="fazhi.dockets.reconsideration.forms.DatedNoteForm",
        follows=ACCEPTED,
        review="fazhi.dockets.reconsideration.approval_pages.requests_review",
        queue=may_approve_extension,
        queue_key="extension_requested",
    ),
    T(
        "suspend",
        "中止审理",
        ("accepted",),
        "suspended",
        DECIDE,
        S + "case_suspend",
        form="fazhi.dockets.reconsideration.forms.SuspendForm",
        follows=(*ACCEPTED, "resume"),
        clocks=tuple(pause(k, "行政复议中止（第三十九条）") for k in DECISION_CLOCKS),
    ),
    T(
        "resume",
        "恢复审理",
        ("suspended",),
        "accepted",
        DECIDE,
        S + "case_resume",
        form="fazhi.dockets.reconsideration.forms.DatedNoteForm",
        follows=("suspend",),
        clocks=tuple(resume(k) for k in DECISION_CLOCKS),
    ),
    T(
        "request_termination",
        "申请终止",
        ("accepted", "suspended"),
        STAY,
        DECIDE,
        S + "case_request_termination",
        guard=may_request_termination,
        form="fazhi.dockets.reconsideration.forms.TerminationRequestForm",
        public=False,
    ),
    T(
        "terminate",
        "终止",
        ("accepted", "suspended"),
        "terminated",
        APPROVE,
        S + "case_terminate",
        form="fazhi.dockets.reconsideration.forms.TerminateForm",
        follows=(*ACCEPTED, "suspend", "resume"),
        review="fazhi.dockets.reconsideration.approval_pages.requests_review",
        queue=awaits_termination,
        queue_key="termination_requested",
    ),
    # 决定 (Arts. 61–74)
    T(
        "draft_decision",
        "拟定复议决定",
        ("accepted",),
        "accepted",
        DECIDE,
        S + "case_draft_decision",
        guard=may_draft_decision,
        form="fazhi.dockets.reconsideration.forms.DecisionForm",
        public=False,
        # a draft weighs the respondent's reply (Art. 48) and the hearing; it cannot predate them (issue 9 ¶1)
        follows=(*ACCEPTED, "send_copy", "record_reply", "resume"),
    ),
    T(
        "approve_decision",
        "批准并作出复议决定",
        ("accepted",),
        "decided",
        APPROVE,
        S + "case_approve_decision",
        guard=may_approve_decision,
        form="fazhi.dockets.reconsideration.forms.DatedNoteForm",
        # the head approves the draft in front of them: never before it was written (the latest draft after a
        # send-back), nor before the reply
        follows=(*ACCEPTED, "send_copy", "record_reply", "resume", "draft_decision"),
        review="fazhi.dockets.reconsideration.services.decision.decision_review",
        queue=may_approve_decision,
        queue_key="decision",
    ),
    T(
        "refuse",
        "不予批准（退回）",
        ("accepted", "suspended"),
        STAY,
        APPROVE,
        S + "case_refuse",
        guard=may_refuse,
        form="fazhi.dockets.reconsideration.forms.RefuseForm",
        public=False,
        review="fazhi.dockets.reconsideration.approval_pages.requests_review",
    ),
    T(
        "publish",
        "公开复议决定",
        ("decided",),
        "decided",
        PUBLISH,
        S + "case_publish",
        guard=may_publish,
        form="fazhi.dockets.reconsideration.forms.DatedNoteForm",
        follows=("approve_decision",),
    ),
)

# runs_in: the states in which the law lets each clock run. Every clock ends with the decision (or 不予受理, 终止,
# 视为放弃): none runs after the outcome here.
HEARD = ("accepted", "suspended")
CLOCKS = (
    ClockSpec("acceptance", "reconsideration.acceptance", "受理审查", runs_in=("received", "correction")),
    ClockSpec("correction_notice", "reconsideration.correction_notice", "补正通知", runs_in=("received",)),
    ClockSpec("correction_reply", "reconsideration.correction_reply", "申请人补正", runs_in=("correction",)),
    ClockSpec("copy", "reconsideration.copy_to_respondent", "发送副本", runs_in=HEARD),
    ClockSpec("reply", "reconsideration.respondent_reply", "被申请人答复", runs_in=HEARD),
    ClockSpec("decision", "reconsideration.decision", "复议决定", runs_in=HEARD),
    ClockSpec("simplified_copy", "reconsideration.simplified_copy", "发送副本（简易程序）", runs_in=HEARD),
    ClockSpec("simplified_reply", "reconsideration.simplified_reply", "被申请人答复（简易程序）", runs_in=HEARD),
    ClockSpec("simplified_decision", "reconsideration.simplified_decision", "复议决定（简易程序）", runs_in=HEARD),
)

OUTCOMES = (
    ("change", "变更"),
    ("revoke", "撤销"),
    ("partial_revoke", "部分撤销"),
    ("confirm_illegal", "确认违法"),
    ("order_performance", "责令履行"),
    ("confirm_invalid", "确认无效"),
    ("uphold", "维持"),
    ("dismiss_request", "驳回复议请求"),
    ("dismiss_application", "驳回申请"),
    ("agreement", "行政协议决定"),
    ("mediation", "调解书"),
    ("terminated", "终止"),
    ("not_accepted", "不予受理"),
    ("abandoned", "视为放弃"),
)

# The 行政复议机关 issues every document of the docket (Art. 4: the people's government; its 司法局 is the 复议机构).
# Default: the installing government (FAZHI_ORGANISATION_NAME, 示范市人民政府 in the demo); 发文机关 is editable on
# each template.
DOCUMENT_ISSUER = getattr(settings, "FAZHI_ORGANISATION_NAME", "") or "示范市人民政府"
DOCUMENTS = tuple(DocumentSpec(code, title, body, issuer=DOCUMENT_ISSUER) for code, title, body in defaults.DOCUMENTS)

SPEC = register_docket(
    DocketSpec(
        code="reconsideration",
        label="行政复议",
        states=STATES,
        initial_state="received",
        transitions=TRANSITIONS,
        number_pattern="示政复〔{year}〕{seq}号",
        detail_url_name="reconsideration:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={
            "intake": "fazhi.dockets.reconsideration.forms.IntakeForm",
            "portal": "fazhi.portal.forms.ApplicationForm",
        },
        statistics="fazhi.dockets.reconsideration.stats.reconsideration_statistics",
        importer="fazhi.dockets.reconsideration.imports.reconsideration_import",
        outcomes=OUTCOMES,
        attachment_kinds=(
            "application",
            "identity",
            "correction",
            "reply",
            "evidence",
            "hearing_record",
            "decision",
            "service_receipt",
            "other",
        ),
        # 转行政复议 (诉访分离 from 信访; an intake routed here): an application registered with the chosen 复议机构,
        # the source's applicant and respondent carried over, its received date kept (the acceptance review runs
        # from it, 《行政复议法》第三十条); what the source does not say — the act and the request — is asked.
        handover=HandoverSpec(
            label="转行政复议",
            create="fazhi.dockets.reconsideration.services.intake.reconsideration_handover_create",
            fields=(
                ("act", "act"),
                ("request", "request"),
                ("facts", "account"),
                ("respondent_name", "respondent_name"),
                ("respondent_name", "object_name"),  # a 信访事项's 信访对象 (诉访分离)
                ("respondent_unit", "respondent_unit"),
                ("matter", "matter"),
            ),
            options=(
                ("handling_unit", "行政复议机构"),
                ("act", "被申请复议的行政行为"),
                ("request", "行政复议请求"),
            ),
            initial_state="received",
            action="reconsideration.case.intake",
            from_steps=(("petitions", "route"),),  # 诉访分离, 《信访工作条例》第三十一条
        ),
    )
)


def spec() -> Any:
    return SPEC
