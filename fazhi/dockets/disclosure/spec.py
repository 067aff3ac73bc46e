"""政府信息公开 依申请公开 (《政府信息公开条例》2019, legal-rules.md §4): states, transitions, clocks, documents,
outcomes — the docket in one place.

received (办理中) ─request_correction→ correction ─receive_correction→ received   (Art. 30: the reply clock restarts)
                                               └─close_uncorrected→ closed (三(六)1)
received ─consult_third_party / consult_agency→ consulting ─receive_opinion→ received  (Arts. 32, 34: excluded time)
received ─fee_notice→ fee ─fee_paid→ received (Art. 42: restart, a setting) └─close_unpaid→ closed (三(六)2)
received ─reply→ replied (one of the table's 三 rows)      received ─route_out→ routed (Art. 39: 三(五)1)
any open ─withdraw→ closed (三(六)3)                        extend (Art. 33 ¶2, head), confirm_clear, excessive: STAY
"""

from __future__ import annotations

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
from .codes import OUTCOMES
from .guards import (
    may_close_uncorrected,
    may_close_unpaid,
    may_confirm_clear,
    may_extend,
    may_fee_notice,
    may_receive_opinion,
    may_request_correction,
)

DOCKET = "disclosure"
S = "fazhi.dockets.disclosure.services."
F = "fazhi.dockets.disclosure.forms."
REGISTER, HANDLE, APPROVE = "disclosure.case.register", "disclosure.case.handle", "disclosure.case.approve"

OPEN = ("received", "correction", "consulting", "fee")
STATES = (
    State("received", "办理中", public_label="已收到申请，正在办理"),
    State("correction", "待补正", public_label="已通知补正申请"),
    State("consulting", "征求意见中", public_label="正在征求第三方或有关机关意见（所需时间不计入答复期限）"),
    State("fee", "待缴费", public_label="已发出信息处理费缴费通知"),
    State("replied", "已答复", closed=True, public_label="已答复"),
    State("closed", "终止处理", closed=True, public_label="已终止处理"),
    State("routed", "不作为公开申请处理", closed=True, public_label="不作为政府信息公开申请处理，已告知有关渠道"),
)


def fee_restarts(case: Any) -> bool:
    """legal-rules.md §4.2 ⚠: on payment the reply clock restarts (default) or resumes — FAZHI_DISCLOSURE."""
    return getattr(settings, "FAZHI_DISCLOSURE", {}).get("FEE_CLOCK_ON_PAYMENT", "restart") != "resume"


def fee_resumes(case: Any) -> bool:
    return not fee_restarts(case)


# Steps that start the handling proper: the 7-working-day correction window (Art. 30) is over once one is taken.
FIRST = complete("correction_notice")
BEFORE_REPLY = (
    "created",
    "request_correction",
    "receive_correction",
    "consult_third_party",
    "consult_agency",
    "receive_opinion",
    "fee_notice",
    "fee_paid",
)

T = Transition
TRANSITIONS = (
    T(
        "confirm_clear",
        "确认申请内容明确（无需补正）",
        ("received",),
        STAY,
        HANDLE,
        S + "case_confirm_clear",
        guard=may_confirm_clear,
        form=F + "DatedNoteForm",
        public=False,
        clocks=FIRST,
    ),
    # 《条例》第三十条: one correction notice within 7 working days; the reply period runs from the corrected request.
    T(
        "request_correction",
        "通知补正",
        ("received",),
        "correction",
        HANDLE,
        S + "case_request_correction",
        guard=may_request_correction,
        form=F + "CorrectionRequestForm",
        clocks=(*FIRST, pause("reply", "补正（《政府信息公开条例》第三十条）"), start("correction_reply")),
    ),
    T(
        "receive_correction",
        "收到补正申请",
        ("correction",),
        "received",
        HANDLE,
        S + "case_receive_correction",
        form=F + "DatedNoteForm",
        follows=("request_correction",),
        clocks=(*complete("correction_reply"), restart("reply")),
        attach="correction",
    ),
    T(
        "close_uncorrected",
        "逾期未补正（不再处理）",
        ("correction",),
        "closed",
        HANDLE,
        S + "case_close_uncorrected",
        guard=may_close_uncorrected,
        form=F + "DatedNoteForm",
        follows=("request_correction",),
    ),
    # 《条例》第三十二条 / 第三十四条: consultation time is not counted in the reply period (Art. 33 ¶3).
    T(
        "consult_third_party",
        "征求第三方意见",
        ("received",),
        "consulting",
        HANDLE,
        S + "case_consult_third_party",
        form=F + "ConsultForm",
        follows=BEFORE_REPLY,
        clocks=(*FIRST, pause("reply", "征求第三方意见（《政府信息公开条例》第三十二条）"), start("third_party")),
    ),
    T(
        "consult_agency",
        "征求其他机关意见",
        ("received",),
        "consulting",
        HANDLE,
        S + "case_consult_agency",
        form=F + "ConsultForm",
        follows=BEFORE_REPLY,
        clocks=(*FIRST, pause("reply", "征求其他机关意见（《政府信息公开条例》第三十四条）"), start("other_agency")),
    ),
    T(
        "receive_opinion",
        "收到意见（或期满未提出意见）",
        ("consulting",),
        "received",
        HANDLE,
        S + "case_receive_opinion",
        guard=may_receive_opinion,
        form=F + "OpinionForm",
        follows=("consult_third_party", "consult_agency"),
        clocks=(*complete("third_party", "other_agency"), resume("reply")),
    ),
    # 《条例》第三十三条第二款: one extension of at most 20 working days, approved by the office's head, notified.
    T(
        "extend",
        "延期答复（负责人同意）",
        ("received", "consulting"),
        STAY,
        APPROVE,
        S + "case_extend",
        guard=may_extend,
        form=F + "ExtensionForm",
        follows=BEFORE_REPLY,
    ),
    # 《条例》第三十五条: a request exceeding a reasonable range — reasons asked, a longer period set (recorded).
    T(
        "excessive",
        "认定申请数量、频次明显超过合理范围",
        ("received",),
        STAY,
        HANDLE,
        S + "case_excessive",
        form=F + "ExcessiveForm",
        public=False,
        follows=BEFORE_REPLY,
        clocks=FIRST,
    ),
    # 《条例》第四十二条; 国办函〔2020〕109号: a fee notice stops the reply clock until payment.
    T(
        "fee_notice",
        "发出收费通知",
        ("received",),
        "fee",
        HANDLE,
        S + "case_fee_notice",
        guard=may_fee_notice,
        form=F + "FeeForm",
        follows=BEFORE_REPLY,
        clocks=(*FIRST, pause("reply", "收费通知至缴费（《政府信息公开条例》第四十二条）"), start("fee_payment")),
    ),
    T(
        "fee_paid",
        "申请人已缴费",
        ("fee",),
        "received",
        HANDLE,
        S + "case_fee_paid",
        form=F + "DatedNoteForm",
        follows=("fee_notice",),
        clocks=(
            *complete("fee_payment"),
            restart("reply", when=fee_restarts),
            resume("reply", when=fee_resumes),
        ),
    ),
    T(
        "close_unpaid",
        "逾期未缴费（不再处理）",
        ("fee",),
        "closed",
        HANDLE,
        S + "case_close_unpaid",
        guard=may_close_unpaid,
        form=F + "DatedNoteForm",
        follows=("fee_notice",),
    ),
    # 《条例》第三十六条、第三十七条: the reply, one of the table's 三 rows.
    T(
        "reply",
        "答复",
        ("received",),
        "replied",
        HANDLE,
        S + "case_reply",
        form=F + "ReplyForm",
        follows=(*BEFORE_REPLY, "extend", "excessive"),
        attach="reply",
    ),
    # 《条例》第三十九条第一款: a petition, complaint or report in the form of a request is not worked as one.
    T(
        "route_out",
        "不作为公开申请处理（信访、投诉、举报）",
        ("received", "correction"),
        "routed",
        HANDLE,
        S + "case_route_out",
        form=F + "RouteForm",
    ),
    T(
        "withdraw",
        "申请人撤回申请",
        OPEN,
        "closed",
        HANDLE,
        S + "case_withdraw",
        form=F + "DatedNoteForm",
        follows=BEFORE_REPLY,
    ),
)

CLOCKS = (
    ClockSpec("reply", "disclosure.reply", "答复期限（《政府信息公开条例》第三十三条）", runs_in=OPEN),
    ClockSpec("correction_notice", "disclosure.correction_notice", "补正通知期限（第三十条）", runs_in=("received",)),
    ClockSpec("correction_reply", "disclosure.correction_reply", "申请人补正期限（第三十条）", runs_in=("correction",)),
    ClockSpec("third_party", "disclosure.third_party", "第三方意见期限（第三十二条）", runs_in=("consulting",)),
    ClockSpec("other_agency", "disclosure.other_agency", "其他机关意见期限（第三十四条）", runs_in=("consulting",)),
    ClockSpec("fee_payment", "disclosure.fee_payment", "缴费期限（第四十二条）", runs_in=("fee",)),
)

DOCUMENTS = tuple(DocumentSpec(code, title, body) for code, title, body in defaults.DOCUMENTS)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="政府信息公开",
        states=STATES,
        initial_state="received",
        transitions=TRANSITIONS,
        number_pattern="示依申请〔{year}〕{seq}号",
        detail_url_name="disclosure:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={"register": F + "RegisterForm", "import": F + "ImportForm"},
        statistics="fazhi.dockets.disclosure.stats.disclosure_statistics",
        outcomes=OUTCOMES,
        importer="fazhi.dockets.disclosure.imports.disclosure_import",
        importer_needs_unit=False,
        attachment_kinds=("application", "identity", "correction", "reply", "service_receipt", "other"),
        # 转依申请公开 (诉访分离: a petition asking for government information): registered with the chosen 受理机关
        # on the hand-over date (条例 第三十一条, the date the agency receives it: the reply clock runs from it).
        handover=HandoverSpec(
            label="转依申请公开",
            create="fazhi.dockets.disclosure.services.disclosure_handover_create",
            fields=(("content", "content"), ("purpose", "purpose"), ("applicant_type", "applicant_type")),
            options=(("handling_unit", "受理机关"), ("content", "申请公开的政府信息")),
            initial_state="received",
            received="handover",
            action="disclosure.case.register",
            from_steps=(("petitions", "route"),),  # 诉访分离, 《信访工作条例》第三十一条
        ),
    )
)


def spec() -> Any:
    return SPEC
