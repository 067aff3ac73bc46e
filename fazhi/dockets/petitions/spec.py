"""信访 (《信访工作条例》2022, legal-rules.md §5): states, transitions, clocks, documents, outcomes — the docket in one
place.

received (待受理) ─route→ routed (诉访分离, Art. 31)        ─transfer→ transferred (信访部门转送/交办, Art. 22)
                 ─not_accept→ not_accepted (Art. 23)       ─object→ objected (异议, 5 working days, Art. 23)
                 ─accept→ accepted (办理中, 60 days + ≤ 30, Art. 34)
accepted ─decide→ answered (意见书; 复查 window 30 days open)  ─reply→ concluded (建议意见/检举控告)
answered ─request_review→ review ─review_decide→ reviewed (复核 window open) ─request_rereview→ rereview
rereview: hearing_start / hearing_end (hearing time excluded, Art. 36) ─rereview_decide→ final (终结)
answered / reviewed ─conclude→ concluded (the window ran out)      received/accepted ─withdraw→ concluded
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.cases.registry import (
    STAY,
    ClockSpec,
    DocketSpec,
    DocumentSpec,
    State,
    Transition,
    complete,
    pause,
    register_docket,
    start,
)

from . import defaults
from .codes import OUTCOMES
from .guards import (
    may_accept,
    may_conclude,
    may_decide,
    may_extend,
    may_hearing_end,
    may_hearing_start,
    may_object,
    may_reply,
    may_transfer,
)

DOCKET = "petitions"
S = "fazhi.dockets.petitions.services."
F = "fazhi.dockets.petitions.forms."
REGISTER, HANDLE, APPROVE = "petitions.case.register", "petitions.case.handle", "petitions.case.approve"

STATES = (
    State("received", "待受理", public_label="已收到信访事项，正在审查是否受理"),
    State("accepted", "办理中", public_label="已受理，正在办理"),
    State("answered", "已出具处理意见（复查申请期内）", public_label="已出具信访处理意见书"),
    State("review", "复查中", public_label="正在复查"),
    State("reviewed", "已出具复查意见（复核申请期内）", public_label="已出具复查意见书"),
    State("rereview", "复核中", public_label="正在复核"),
    State("concluded", "已办结", closed=True, public_label="已办结"),
    State("final", "复核终结", closed=True, public_label="已出具复核意见，信访事项终结"),
    State("routed", "已导入法定途径", closed=True, public_label="属于法定途径解决的事项，已书面告知"),
    State("transferred", "已转送交办", closed=True, public_label="已转送、交办有权处理的机关"),
    State("not_accepted", "不予受理", closed=True, public_label="不予受理，已书面告知"),
    State("objected", "已提出异议退回", closed=True, public_label="已退回转送机关重新转送"),
)
INTAKE = ("registration", "acceptance", "remit_objection")


def _served(key: str) -> Any:
    """A window's start: the day the petitioner received the written opinion (stored by the service), else the step."""

    def trigger(case: Any, on: dt.date) -> dt.date:
        served = ((case.extra or {}).get(key) or {}).get("served_on")
        return dt.date.fromisoformat(served) if served else on

    return trigger


T = Transition
TRANSITIONS = (
    # 《信访工作条例》第三十一条: route first — matters for litigation, arbitration, 复议, 公开申请 … go there, in writing.
    T(
        "route",
        "诉访分离：导入法定途径",
        ("received",),
        "routed",
        HANDLE,
        S + "case_route",
        form=F + "RouteForm",
        clocks=complete(*INTAKE),
    ),
    # 第二十二条: the 信访部门 registers and, within 15 days, transfers or assigns the matter to the body with power.
    T(
        "transfer",
        "转送、交办有权处理的机关",
        ("received",),
        "transferred",
        HANDLE,
        S + "case_transfer",
        guard=may_transfer,
        form=F + "TransferForm",
        clocks=complete(*INTAKE),
    ),
    # 第二十三条: the body with power tells the petitioner in writing whether it accepts (15 days).
    T(
        "accept",
        "受理（书面告知）",
        ("received",),
        "accepted",
        HANDLE,
        S + "case_accept",
        guard=may_accept,
        form=F + "AcceptForm",
        clocks=(*complete(*INTAKE), start("handling")),
    ),
    T(
        "not_accept",
        "不予受理（书面告知）",
        ("received",),
        "not_accepted",
        HANDLE,
        S + "case_not_accept",
        form=F + "NotAcceptForm",
        clocks=complete(*INTAKE),
    ),
    # 第二十三条: a transferred matter outside the remit — objection within 5 working days.
    T(
        "object",
        "提出异议（不属于本机关职责范围）",
        ("received",),
        "objected",
        HANDLE,
        S + "case_object",
        guard=may_object,
        form=F + "ObjectionForm",
        public=False,
        clocks=complete(*INTAKE),
    ),
    # 第三十四条: 60 days; complex cases + ≤ 30 days with the head's approval, the reason told to the petitioner.
    T(
        "extend",
        "延期办理（负责人批准）",
        ("accepted",),
        STAY,
        APPROVE,
        S + "case_extend",
        guard=may_extend,
        form=F + "ExtensionForm",
        follows=("accept",),
    ),
    # 第三十一条、第三十二条: 申诉求决类 — 信访处理意见书 (支持 / 解释说明 / 不予支持); the 复查 window opens.
    T(
        "decide",
        "出具信访处理意见书",
        ("accepted",),
        "answered",
        HANDLE,
        S + "case_decide",
        guard=may_decide,
        form=F + "OpinionForm",
        follows=("accept", "extend"),
        clocks=(*complete("handling"), start("review_window", trigger=_served("opinion"))),
        attach="decision",
    ),
    T(
        "reply",
        "办结答复（建议意见类、检举控告类）",
        ("accepted",),
        "concluded",
        HANDLE,
        S + "case_reply",
        guard=may_reply,
        form=F + "ReplyForm",
        follows=("accept", "extend"),
        attach="reply",
    ),
    # 第三十五条: 复查 — asked within 30 days of the reply, answered within 30 days.
    T(
        "request_review",
        "收到复查请求",
        ("answered",),
        "review",
        HANDLE,
        S + "case_request_review",
        form=F + "RequestForm",
        follows=("decide",),
        clocks=(*complete("review_window"), start("review")),
    ),
    T(
        "review_decide",
        "出具复查意见书",
        ("review",),
        "reviewed",
        HANDLE,
        S + "case_review_decide",
        form=F + "OpinionForm",
        follows=("request_review",),
        clocks=(*complete("review"), start("rereview_window", trigger=_served("review"))),
        attach="decision",
    ),
    # 第三十六条: 复核 — asked within 30 days, answered within 30 days, hearing time excluded; the opinion is final.
    T(
        "request_rereview",
        "收到复核请求",
        ("reviewed",),
        "rereview",
        HANDLE,
        S + "case_request_rereview",
        form=F + "RequestForm",
        follows=("review_decide",),
        clocks=(*complete("rereview_window"), start("rereview")),
    ),
    T(
        "hearing_start",
        "举行听证（听证时间不计入复核期限）",
        ("rereview",),
        STAY,
        HANDLE,
        S + "case_hearing_start",
        guard=may_hearing_start,
        form=F + "HearingForm",
        follows=("request_rereview",),
        clocks=(pause("rereview", "听证（《信访工作条例》第三十六条：听证所需时间不计算在期限内）"),),
    ),
    T(
        "hearing_end",
        "听证结束",
        ("rereview",),
        STAY,
        HANDLE,
        S + "case_hearing_end",
        guard=may_hearing_end,
        form=F + "DatedNoteForm",
        follows=("hearing_start",),
        # the service resumes the clock the day after the hearing's last day (the hearing's days are all excluded)
        attach="hearing_record",
    ),
    T(
        "rereview_decide",
        "出具复核意见书（终结）",
        ("rereview",),
        "final",
        HANDLE,
        S + "case_rereview_decide",
        guard=may_hearing_start,  # not while a hearing is open
        form=F + "OpinionForm",
        follows=("request_rereview", "hearing_end"),
        attach="decision",
    ),
    T(
        "conclude",
        "申请期满未请求复查（复核），办结",
        ("answered", "reviewed"),
        "concluded",
        HANDLE,
        S + "case_conclude",
        guard=may_conclude,
        form=F + "DatedNoteForm",
        follows=("decide", "review_decide"),
    ),
    T(
        "withdraw",
        "信访人撤回",
        ("received", "accepted"),
        "concluded",
        HANDLE,
        S + "case_withdraw",
        form=F + "DatedNoteForm",
        follows=("accept", "extend"),
    ),
)

CLOCKS = (
    ClockSpec(
        "registration", "petition.registration", "登记转送交办期限（《信访工作条例》第二十二条）", runs_in=("received",)
    ),
    ClockSpec("acceptance", "petition.acceptance_notice", "受理告知期限（第二十三条）", runs_in=("received",)),
    ClockSpec("remit_objection", "petition.remit_objection", "异议期限（第二十三条）", runs_in=("received",)),
    ClockSpec("handling", "petition.handling", "办理期限（第三十四条）", runs_in=("accepted",)),
    ClockSpec("review_window", "petition.review_application", "申请复查期限（第三十五条）", runs_in=("answered",)),
    ClockSpec("review", "petition.review", "复查期限（第三十五条）", runs_in=("review",)),
    ClockSpec("rereview_window", "petition.rereview_application", "申请复核期限（第三十六条）", runs_in=("reviewed",)),
    ClockSpec("rereview", "petition.rereview", "复核期限（第三十六条，听证时间不计入）", runs_in=("rereview",)),
)

DOCUMENTS = tuple(DocumentSpec(code, title, body) for code, title, body in defaults.DOCUMENTS)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="信访",
        states=STATES,
        initial_state="received",
        transitions=TRANSITIONS,
        number_pattern="示信〔{year}〕{seq}号",
        detail_url_name="petitions:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={"register": F + "RegisterForm"},
        statistics="fazhi.dockets.petitions.stats.petitions_statistics",
        outcomes=OUTCOMES,
        attachment_kinds=("application", "identity", "evidence", "hearing_record", "decision", "reply", "other"),
    )
)


def spec() -> Any:
    return SPEC
