"""12345 work orders (接诉即办; legal-rules.md §6, local law): states, transitions, clocks, outcomes.

pending (待派单, at the centre) ─dispatch→ dispatched (待签收; the sign clock runs) ─sign→ handling (办理中; the period
of the order's type runs from 签收) ─reply→ replied (待回访; the visit clock) ─visit→ closed (满意/基本满意/不满意/未联系上)
dispatched / handling ─return_order (退单, reason)→ returned (at the centre) ─dispatch (re-assign, or the final ruling:
the unit must take it)→ dispatched.   pending / returned ─divert→ diverted (依法分流: never scored)
pending ─answer→ closed (咨询 answered by the centre).   handling: extend (the centre approves a longer period).
"""

from __future__ import annotations

from typing import Any

from fazhi.cases.registry import STAY, ClockSpec, DocketSpec, State, Transition, complete, register_docket, start

from .codes import OUTCOMES, TYPES
from .guards import may_answer, may_reply, may_return

DOCKET = "hotline"
S = "fazhi.dockets.hotline.services."
F = "fazhi.dockets.hotline.forms."
DISPATCH, HANDLE = "hotline.case.dispatch", "hotline.case.handle"

STATES = (
    State("pending", "待派单", public_label="已受理，正在派单"),
    State("dispatched", "待签收", public_label="已派至承办单位"),
    State("handling", "办理中", public_label="承办单位正在办理"),
    State("returned", "退单待处理", public_label="正在重新派单"),
    State("replied", "已回复待回访", public_label="承办单位已回复"),
    State("closed", "已办结", closed=True, public_label="已办结"),
    State("diverted", "已依法分流", closed=True, public_label="属于诉讼、复议等法定途径的事项，已告知"),
)
HANDLING = tuple(f"handling_{code}" for code, _ in TYPES)


def _of_type(code: str) -> Any:
    return lambda case: (case.extra or {}).get("type") == code


T = Transition
TRANSITIONS = (
    T(
        "dispatch",
        "派单",
        ("pending", "returned"),
        "dispatched",
        DISPATCH,
        S + "order_dispatch",
        form=F + "DispatchForm",
        clocks=(start("sign"),),
    ),
    # convention (legal-rules.md §6): the period runs from 签收; the type's period (a setting) — 潍坊 Art. 20: 5 working days
    T(
        "sign",
        "签收",
        ("dispatched",),
        "handling",
        HANDLE,
        S + "order_sign",
        form=F + "DatedForm",
        follows=("dispatch",),
        clocks=(*complete("sign"), *(start(key, when=_of_type(key.split("_", 1)[1])) for key in HANDLING)),
    ),
    T(
        "return_order",
        "退单",
        ("dispatched", "handling"),
        "returned",
        HANDLE,
        S + "order_return",
        guard=may_return,
        form=F + "ReturnForm",
        follows=("dispatch", "sign"),
        clocks=complete("sign", *HANDLING),
    ),
    T(
        "extend",
        "延期（热线工作机构批准）",
        ("handling",),
        STAY,
        DISPATCH,
        S + "order_extend",
        form=F + "ExtendForm",
        follows=("sign",),
    ),
    T(
        "reply",
        "回复办理结果",
        ("dispatched", "handling"),
        "replied",
        HANDLE,
        S + "order_reply",
        guard=may_reply,
        form=F + "ReplyForm",
        follows=("sign", "extend"),
        clocks=(*complete(*HANDLING), start("visit")),
    ),
    T(
        "visit",
        "回访",
        ("replied",),
        "closed",
        DISPATCH,
        S + "order_visit",
        form=F + "VisitForm",
        follows=("reply",),
    ),
    # 北京条例 Art. 11: matters for litigation, arbitration, 复议, 公开申请, 信访 are diverted to their channel.
    T(
        "divert",
        "依法分流",
        ("pending", "returned"),
        "diverted",
        DISPATCH,
        S + "order_divert",
        form=F + "DivertForm",
        follows=("return_order",),
    ),
    T(
        "answer",
        "直接答复办结（咨询）",
        ("pending",),
        "closed",
        DISPATCH,
        S + "order_answer",
        guard=may_answer,
        form=F + "AnswerForm",
    ),
)

CLOCKS = (
    ClockSpec("sign", "hotline.sign", "签收期限", runs_in=("dispatched",)),
    *(
        ClockSpec(f"handling_{code}", f"hotline.handling.{code}", f"办理期限（{label}）", runs_in=("handling",))
        for code, label in TYPES
    ),
    ClockSpec("visit", "hotline.visit", "回访期限", runs_in=("replied",)),
)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="12345热线工单",
        states=STATES,
        initial_state="pending",
        transitions=TRANSITIONS,
        number_pattern="示热线〔{year}〕{seq}号",
        detail_url_name="hotline:detail",
        clocks=CLOCKS,
        forms={"register": F + "RegisterForm", "import": F + "ImportForm"},
        statistics="fazhi.dockets.hotline.stats.hotline_statistics",
        outcomes=OUTCOMES,
        importer="fazhi.dockets.hotline.imports.hotline_import",  # the centre = the importer's unit (--unit)
        attachment_kinds=("application", "reply", "evidence", "other"),
    )
)


def spec() -> Any:
    return SPEC
