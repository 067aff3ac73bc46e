"""纠纷/求助登记 — the single intake (issue 17 §2): a dispute or a request for legal help comes in once (窗口, 12348 热线,
网上, 转来, 主动排查), is registered with its parties, and is routed to one or several channels — 人民调解, 法律援助,
行政复议, 行政裁决, 行政调解 by the kernel's hand-over (a new case there, nothing re-typed), or a referral to a unit
(公证, 仲裁, 司法鉴定, 诉讼指引, 律师调解) whose feedback is recorded.

registered (待分流) ─route→ routed (已分流; route again to add a channel) ─close→ closed (已办结)
routed: record_feedback (a referral's feedback; STAY)
registered ─answer→ closed (当场解答, nothing to route)

No statute sets a period for routing (the channels' own clocks start on their dockets), so the intake has no clock.
"""

from __future__ import annotations

from typing import Any

from fazhi.cases.registry import STAY, DocketSpec, HandoverSpec, State, Transition, register_docket

from .codes import OUTCOMES
from .guards import may_close, may_record_feedback

DOCKET = "intake"
S = "fazhi.dockets.intake.services."
F = "fazhi.dockets.intake.forms."
ROUTE = "intake.case.route"

STATES = (
    # public_label: what the portal's progress lookup shows the one who submitted it online
    State("registered", "待分流", public_label="已收到，正在确定办理途径"),
    State("routed", "已分流", public_label="已转有关机构办理"),
    State("closed", "已办结", closed=True, public_label="已办结"),
)

T = Transition
TRANSITIONS = (
    # the routing page is the docket's own (several channels at once, each with its options): no kernel form
    T("route", "分流", ("registered", "routed"), "routed", ROUTE, S + "intake_route", follows=("route",)),
    T(
        "record_feedback",
        "登记转介反馈",
        ("routed",),
        STAY,
        ROUTE,
        S + "intake_record_feedback",
        guard=may_record_feedback,
        form=F + "FeedbackForm",
        public=False,
        follows=("route",),
    ),
    T(
        "close",
        "办结",
        ("routed",),
        "closed",
        ROUTE,
        S + "intake_close",
        guard=may_close,
        form=F + "CloseForm",
        follows=("route", "record_feedback"),
    ),
    T("answer", "当场解答（不需分流）", ("registered",), "closed", ROUTE, S + "intake_answer", form=F + "AnswerForm"),
)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="纠纷求助登记",
        states=STATES,
        initial_state="registered",
        transitions=TRANSITIONS,
        number_pattern="示登〔{year}〕{seq}号",
        detail_url_name="intake:detail",
        forms={"register": F + "RegisterForm"},
        outcomes=OUTCOMES,
        attachment_kinds=("application", "identity", "evidence", "other"),
        # 12348 call → intake: the call's question is the account, its date the received date, its topic the dispute
        # type where one matches; the one registering names the caller and the registering unit.
        handover=HandoverSpec(
            label="转纠纷求助登记",
            create=S + "intake_handover_create",
            fields=(("account", "account"), ("dispute_type", "dispute_type"), ("channel", "intake_source")),
            options=(("handling_unit", "登记单位"),),
            initial_state="registered",
            action="intake.case.register",
        ),
    )
)


def spec() -> Any:
    return SPEC
