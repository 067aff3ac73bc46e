"""法律援助 (《法律援助法》2021; 司法部《办理法律援助案件程序规定》; legal-rules.md §18 ⚠): states, transitions,
clocks, documents, outcomes — the docket in one place.

applied (待审查) ─request_materials→ supplement ─receive_materials→ applied   (补充材料: not counted)
applied ─grant→ granted (待指派) ─assign→ assigned (承办中) ─close→ closed (办结) ─evaluate (质量评估, STAY)
applied ─refuse→ refused (不予) ─object→ objection (异议审查) ─uphold→ refused | ─correct→ granted
applied/supplement: advance (先行援助 第四十四条, STAY) · withdraw → withdrawn · assigned ─terminate→ terminated
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
    pause,
    register_docket,
    resume,
    start,
)

from .codes import OUTCOMES
from .guards import may_advance, may_evaluate, may_object

DOCKET = "legal_aid"
S = "fazhi.dockets.legal_aid.services."
F = "fazhi.dockets.legal_aid.forms."
HANDLE, DECIDE, REVIEW = "legal_aid.case.handle", "legal_aid.case.decide", "legal_aid.objection.decide"

STATES = (
    State("applied", "待审查"),
    State("supplement", "待补充材料"),
    State("granted", "已决定给予（待指派）"),
    State("assigned", "承办中"),
    State("objection", "异议审查中"),
    State("closed", "已办结", closed=True),
    State("refused", "不予法律援助", closed=True),
    State("terminated", "终止法律援助", closed=True),
    State("withdrawn", "已撤回", closed=True),
)

T = Transition
TRANSITIONS = (
    T(
        "request_materials",
        "通知补充材料",
        ("applied",),
        "supplement",
        HANDLE,
        S + "case_request_materials",
        form=F + "MaterialsForm",
        clocks=(pause("decision", "申请人补充材料（《办理法律援助案件程序规定》：补充材料时间不计入）"),),
    ),
    T(
        "receive_materials",
        "收到补充材料",
        ("supplement",),
        "applied",
        HANDLE,
        S + "case_receive_materials",
        form=F + "DatedNoteForm",
        follows=("request_materials",),
        clocks=(resume("decision"),),
        attach="correction",
    ),
    # 第四十四条: urgent cases get aid first; the application is examined afterwards.
    T(
        "advance",
        "先行提供法律援助",
        ("applied", "supplement"),
        STAY,
        DECIDE,
        S + "case_advance",
        guard=may_advance,
        form=F + "AdvanceForm",
    ),
    # 第四十三条: decide within the period; 给予 → assign within 3 days.
    T(
        "grant",
        "决定给予法律援助",
        ("applied",),
        "granted",
        DECIDE,
        S + "case_grant",
        form=F + "GrantForm",
        follows=("receive_materials", "advance"),
        clocks=(*complete("decision"), start("assignment")),
    ),
    T(
        "refuse",
        "决定不予法律援助",
        ("applied",),
        "refused",
        DECIDE,
        S + "case_refuse",
        form=F + "RefuseForm",
        follows=("receive_materials", "advance"),
        clocks=complete("decision"),
    ),
    T(
        "assign",
        "指派法律援助人员",
        ("granted",),
        "assigned",
        HANDLE,
        S + "case_assign",
        form=F + "AssignForm",
        follows=("grant", "correct"),
        clocks=complete("assignment"),
    ),
    # 第四十九条: the applicant objects to the 司法行政部门 that set up the body, which reviews within the period.
    T(
        "object",
        "登记异议",
        ("refused",),
        "objection",
        HANDLE,
        S + "case_object",
        guard=may_object,
        form=F + "ObjectionForm",
        follows=("refuse",),
        clocks=(start("objection_review"),),
    ),
    T(
        "uphold",
        "异议审查：维持不予法律援助的决定",
        ("objection",),
        "refused",
        REVIEW,
        S + "case_uphold",
        form=F + "DatedNoteForm",
        follows=("object",),
        clocks=complete("objection_review"),
    ),
    T(
        "correct",
        "异议审查：责令改正（给予法律援助）",
        ("objection",),
        "granted",
        REVIEW,
        S + "case_correct",
        form=F + "DatedNoteForm",
        follows=("object",),
        clocks=(*complete("objection_review"), start("assignment")),
    ),
    T(
        "terminate",
        "终止法律援助",
        ("assigned",),
        "terminated",
        DECIDE,
        S + "case_terminate",
        form=F + "ReasonForm",
        follows=("assign",),
    ),
    T(
        "close",
        "结案（提交结案报告）",
        ("assigned",),
        "closed",
        HANDLE,
        S + "case_close",
        form=F + "CloseForm",
        follows=("assign",),
        attach="other",
    ),
    T(
        "evaluate",
        "质量评估",
        ("closed",),
        STAY,
        DECIDE,
        S + "case_evaluate",
        guard=may_evaluate,
        form=F + "EvaluateForm",
        public=False,
        follows=("close",),
    ),
    T(
        "withdraw",
        "撤回申请（含逾期未补充视为撤回）",
        ("applied", "supplement"),
        "withdrawn",
        HANDLE,
        S + "case_withdraw",
        form=F + "DatedNoteForm",
    ),
)

CLOCKS = (
    ClockSpec(
        "decision", "legal_aid.decision", "审查决定期限（《法律援助法》第四十三条）", runs_in=("applied", "supplement")
    ),
    ClockSpec("assignment", "legal_aid.assignment", "指派期限（《法律援助法》第四十三条）", runs_in=("granted",)),
    ClockSpec(
        "objection_review",
        "legal_aid.objection_review",
        "异议审查期限（《法律援助法》第四十九条）",
        runs_in=("objection",),
    ),
)

DOCUMENTS = (
    DocumentSpec(
        "grant_notice",
        "给予法律援助决定书",
        "{{申请人}}：\n你于{{申请日期}}提出的法律援助申请（{{案号}}，事项：{{事项}}），经审查，符合法律援助条件（{{条件}}），"
        "本机构决定给予法律援助，将于作出决定之日起三日内指派法律援助人员（《中华人民共和国法律援助法》第四十三条）。"
        "\n>>{{发文机关}}\n>>{{日期}}",
    ),
    DocumentSpec(
        "refusal_notice",
        "不予法律援助决定书",
        "{{申请人}}：\n你于{{申请日期}}提出的法律援助申请（{{案号}}，事项：{{事项}}），经审查，{{理由}}，本机构决定不予法律援助。"
        "\n你对本决定有异议的，可以向设立本机构的司法行政部门提出（《中华人民共和国法律援助法》第四十九条）。"
        "\n>>{{发文机关}}\n>>{{日期}}",
    ),
)

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="法律援助",
        states=STATES,
        initial_state="applied",
        transitions=TRANSITIONS,
        number_pattern="示法援〔{year}〕{seq}号",
        detail_url_name="legal_aid:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={"register": F + "RegisterForm"},
        statistics="fazhi.dockets.legal_aid.stats.legal_aid_statistics",
        outcomes=OUTCOMES,
        attachment_kinds=("application", "identity", "correction", "decision", "evidence", "other"),
        # 转法律援助: an application to the chosen 法律援助机构 with the source's applicant; the received date carries
        # over, so the decision clock (《法律援助法》第四十三条) runs from it.
        handover=HandoverSpec(
            label="转法律援助",
            create=S + "legal_aid_handover_create",
            fields=(("request", "account"), ("matter", "aid_matter"), ("intake_ref", "intake_ref")),
            options=(("handling_unit", "法律援助机构"), ("matter", "援助事项类别"), ("request", "申请事项和理由")),
            initial_state="applied",
            action="legal_aid.case.register",
            choices=(("matter", "fazhi.dockets.legal_aid.codes.matter_options"),),
        ),
    )
)


def spec() -> Any:
    return SPEC
