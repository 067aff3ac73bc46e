"""行政裁决 (中办国办《关于健全行政裁决制度加强行政裁决工作的意见》2018; sector laws, see codes.MATTERS ⚠): states,
transitions, clocks, documents, outcomes — the docket in one place. The department with the statutory power decides a
civil dispute closely tied to its administration.

applied (待受理审查) ─accept→ accepted (审理中) ─rule→ ruled (已裁决)
applied ─reject→ rejected (不予受理: reasons, remedy told)
accepted: send_copy (申请书副本送被申请人, starts 答辩), record_reply (答辩书 or none by the due date), record_hearing
(听证/调查, repeatable), mediate (调解未达成, repeatable); ─settle→ mediated (调解结案) · applied/accepted ─withdraw→ withdrawn
ruled: the remedy windows run after the outcome (行政复议 60 days, 行政诉讼 6 months or the sector's 30 days);
record_remedy (a party applied) or record_final (windows passed) ends them.
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
from .codes import OUTCOMES, SECTOR_SUIT
from .guards import may_record_final, may_record_remedy, may_record_reply, may_rule, may_send_copy

DOCKET = "admin_ruling"
S = "fazhi.dockets.admin_ruling.services."
F = "fazhi.dockets.admin_ruling.forms."
HANDLE, DECIDE = "admin_ruling.case.handle", "admin_ruling.case.decide"
REMEDY_CLOCKS = ("remedy_reconsideration", "remedy_litigation", "remedy_sector_suit")

STATES = (
    State("applied", "待受理审查"),
    State("accepted", "审理中"),
    State("ruled", "已裁决", closed=True),
    State("mediated", "调解结案", closed=True),
    State("rejected", "不予受理", closed=True),
    State("withdrawn", "已终止（撤回申请）", closed=True),
)


def sector(case: Any) -> bool:
    """土地、林木林地、草原权属争议: the sector law's 30 days to sue replace 《行政诉讼法》第四十六条's 6 months (⚠)."""
    return (case.extra or {}).get("matter") in SECTOR_SUIT


def general(case: Any) -> bool:
    return not sector(case)


def served(case: Any, on: Any) -> Any:
    """The remedy windows run from the parties' receipt of the 裁决书 (复议法 第二十条: 知道之日; 行诉法 第四十六条)."""
    import datetime as dt

    return dt.date.fromisoformat(case.extra["ruling"]["served_on"])


T = Transition
HEARD = ("accept", "send_copy", "record_reply", "record_hearing", "mediate")
TRANSITIONS = (
    T(
        "accept",
        "受理",
        ("applied",),
        "accepted",
        HANDLE,
        S + "case_accept",
        form=F + "DatedNoteForm",
        clocks=(*complete("acceptance"), start("decision")),
    ),
    T(
        "reject",
        "不予受理",
        ("applied",),
        "rejected",
        DECIDE,
        S + "case_reject",
        form=F + "RejectForm",
        attach="decision",
    ),
    T(
        "send_copy",
        "向被申请人送达申请书副本",
        ("accepted",),
        STAY,
        HANDLE,
        S + "case_send_copy",
        guard=may_send_copy,
        form=F + "DatedNoteForm",
        follows=("accept",),
        clocks=(start("reply"),),
        attach="service_receipt",
    ),
    T(
        "record_reply",
        "登记答辩",
        ("accepted",),
        STAY,
        HANDLE,
        S + "case_record_reply",
        guard=may_record_reply,
        form=F + "ReplyForm",
        follows=("send_copy",),
        clocks=complete("reply"),
        attach="defence",
    ),
    T(
        "record_hearing",
        "登记听证、调查",
        ("accepted",),
        STAY,
        HANDLE,
        S + "case_record_hearing",
        form=F + "HearingForm",
        public=False,
        follows=("accept",),
        attach="hearing_record",
    ),
    T(
        "mediate",
        "登记调解（未达成协议）",
        ("accepted",),
        STAY,
        HANDLE,
        S + "case_mediate",
        form=F + "MediateForm",
        public=False,
        follows=("accept",),
        attach="mediation_record",
    ),
    T(
        "settle",
        "调解达成协议（结案）",
        ("accepted",),
        "mediated",
        HANDLE,
        S + "case_settle",
        form=F + "SettleForm",
        follows=HEARD,
        attach="agreement",
    ),
    T(
        "rule",
        "作出行政裁决",
        ("accepted",),
        "ruled",
        DECIDE,
        S + "case_rule",
        guard=may_rule,
        form=F + "RuleForm",
        follows=HEARD,
        clocks=(
            *complete("decision"),
            start("remedy_reconsideration", trigger=served),
            start("remedy_litigation", when=general, trigger=served),
            start("remedy_sector_suit", when=sector, trigger=served),
        ),
        attach="service_receipt",
    ),
    T(
        "record_remedy",
        "登记当事人申请复议或起诉",
        ("ruled",),
        STAY,
        HANDLE,
        S + "case_record_remedy",
        guard=may_record_remedy,
        form=F + "RemedyForm",
        follows=("rule",),
        clocks=complete(*REMEDY_CLOCKS),
    ),
    T(
        "record_final",
        "登记裁决生效（期限内未申请复议、起诉）",
        ("ruled",),
        STAY,
        HANDLE,
        S + "case_record_final",
        guard=may_record_final,
        form=F + "DatedNoteForm",
        public=False,
        follows=("rule",),
        clocks=complete(*REMEDY_CLOCKS),
    ),
    T(
        "withdraw",
        "终止（撤回申请）",
        ("applied", "accepted"),
        "withdrawn",
        HANDLE,
        S + "case_withdraw",
        form=F + "WithdrawForm",
        follows=("accept", "send_copy", "record_reply", "record_hearing", "mediate"),
    ),
)

CLOCKS = (
    ClockSpec("acceptance", "admin_ruling.acceptance", "受理审查期限（⚠ 可配置）", runs_in=("applied",)),
    ClockSpec("reply", "admin_ruling.reply", "答辩期限（⚠ 可配置）", runs_in=("accepted",)),
    ClockSpec("decision", "admin_ruling.decision", "行政裁决期限（⚠ 可配置）", runs_in=("accepted",)),
    ClockSpec(
        "remedy_reconsideration",
        "admin_ruling.remedy_reconsideration",
        "申请行政复议期限（《行政复议法》第二十条）",
        runs_in=("ruled",),
        after_outcome=True,
    ),
    ClockSpec(
        "remedy_litigation",
        "admin_ruling.remedy_litigation",
        "提起行政诉讼期限（《行政诉讼法》第四十六条）",
        runs_in=("ruled",),
        after_outcome=True,
    ),
    ClockSpec(
        "remedy_sector_suit",
        "admin_ruling.remedy_sector_suit",
        "向人民法院起诉期限（《土地管理法》第十四条等 ⚠）",
        runs_in=("ruled",),
        after_outcome=True,
    ),
)

DOCUMENTS = tuple(DocumentSpec(code, title, body) for code, title, body in defaults.DOCUMENTS)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="行政裁决",
        states=STATES,
        initial_state="applied",
        transitions=TRANSITIONS,
        number_pattern="示裁〔{year}〕{seq}号",
        detail_url_name="admin_ruling:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={"register": F + "RegisterForm"},
        statistics="fazhi.dockets.admin_ruling.stats.admin_ruling_statistics",
        outcomes=OUTCOMES,
        attachment_kinds=(
            "application",
            "identity",
            "evidence",
            "defence",
            "hearing_record",
            "mediation_record",
            "agreement",
            "decision",
            "service_receipt",
            "other",
        ),
        # 转行政裁决: an intake's dispute handed to the department with the statutory power as an application
        # (待受理审查), the applicants and the other party carried over; the received date carries over, so the
        # acceptance clock runs from it.
        handover=HandoverSpec(
            label="转行政裁决",
            create=S + "admin_ruling_handover_create",
            fields=(("request", "account"), ("matter", "ruling_matter"), ("intake_ref", "intake_ref")),
            options=(("handling_unit", "行政裁决机关"), ("matter", "裁决事项"), ("request", "裁决请求和事实理由")),
            initial_state="applied",
            action="admin_ruling.case.register",
            choices=(("matter", "fazhi.dockets.admin_ruling.codes.matter_options"),),
        ),
    )
)


def spec() -> Any:
    return SPEC
