"""人大代表建议 / 政协提案 (代表法2025 Art. 51; legal-rules.md §8): states, transitions, clocks, documents, outcomes.

assigned (已交办，待签收) ─sign→ handling (办理中)   ask_reassign / reassign (the government office decides): STAY
handling ─contact / draft / sign_off / extend: STAY─ send → replied (已答复，待评价; the reply clock stops)
replied ─rate (满意/基本满意)→ rated        replied ─dissatisfied (不满意)→ rehandling (重新办理; its own clock)
rehandling ─contact / draft / sign_off─ send → replied
rated ─follow_up (B类落实后再次答复): STAY─ close (对账销号: nothing open) → closed

One case per item; `handling_unit` is the 主办 unit. 分办 and 协办 units are `Assignment` rows: their signing,
opinions and part-replies are docket services (services/shares.py) with their own engine clocks.
"""

from __future__ import annotations

from typing import Any

from fazhi.cases.registry import (
    STAY,
    ClockSpec,
    DocketSpec,
    DocumentSpec,
    State,
    Transition,
    complete,
    register_docket,
    restart,
    start,
)

from .guards import (
    may_ask_reassign,
    may_close,
    may_draft,
    may_extend,
    may_follow_up,
    may_publish,
    may_reassign,
    may_send,
    may_sign,
    may_sign_off,
)

DOCKET = "proposals"
S = "fazhi.dockets.proposals.services."
F = "fazhi.dockets.proposals.forms."
HANDLE, SIGN_OFF = "proposals.case.handle", "proposals.reply.sign"
ASSIGN, APPROVE, CLOSE = "proposals.case.assign", "proposals.case.approve", "proposals.case.close"

STATES = (
    State("assigned", "已交办待签收"),
    State("handling", "办理中"),
    State("replied", "已答复待评价"),
    State("rehandling", "重新办理中"),
    State("rated", "已评价"),
    State("closed", "已办结销号", closed=True),
)
WORKING = ("handling", "rehandling")

# The reply clock's key for each kind and source (a setting each: FAZHI_PROPOSALS, rules proposals.reply_*).
REPLY_KEYS = ("reply_npc_session", "reply_npc_recess", "reply_cppcc_session", "reply_cppcc_recess")


def reply_key(case: Any) -> str:
    x = case.extra or {}
    body = "cppcc" if x.get("kind") == "proposal" else "npc"
    return f"reply_{body}_{x.get('source') or 'session'}"


T = Transition
TRANSITIONS = (
    T(
        "sign",
        "签收",
        ("assigned",),
        "handling",
        HANDLE,
        S + "case_sign",
        guard=may_sign,
        form=F + "DatedNoteForm",
        clocks=complete("sign"),
    ),
    # legal-rules.md §8: a unit that thinks the item is not its own asks within the 签收 period; it may not forward it.
    T(
        "ask_reassign",
        "申请调整承办单位",
        ("assigned",),
        STAY,
        HANDLE,
        S + "case_ask_reassign",
        guard=may_ask_reassign,
        form=F + "ReassignAskForm",
        public=False,
        follows=("reassign",),
    ),
    T(
        "reassign",
        "决定承办单位（政府办公室）",
        ("assigned",),
        STAY,
        ASSIGN,
        S + "case_reassign",
        guard=may_reassign,
        form=F + "ReassignForm",
        public=False,
        follows=("ask_reassign",),
        clocks=(restart("sign"),),
    ),
    # 代表法 Art. 51: 承办单位应当与代表联系沟通 — recorded before any answer.
    T(
        "contact",
        "登记与代表/委员沟通",
        WORKING,
        STAY,
        HANDLE,
        S + "case_contact",
        form=F + "ContactForm",
        public=False,
        follows=("sign",),
    ),
    T(
        "draft",
        "拟写答复函",
        WORKING,
        STAY,
        HANDLE,
        S + "case_draft",
        guard=may_draft,
        form=F + "DraftForm",
        public=False,
    ),
    T(
        "sign_off",
        "签发答复函（单位负责人）",
        WORKING,
        STAY,
        SIGN_OFF,
        S + "case_sign_off",
        guard=may_sign_off,
        form=F + "SignOffForm",
        public=False,
        review="fazhi.dockets.proposals.views.reply_review",
        queue=may_sign_off,
        queue_key="draft",
    ),
    # 代表法 Art. 51: broad or difficult items ≤ 6 months in all, with approval.
    T(
        "extend",
        "延期答复（批准）",
        ("handling",),
        STAY,
        APPROVE,
        S + "case_extend",
        guard=may_extend,
        form=F + "ExtensionForm",
        public=False,
        follows=("sign",),
    ),
    T(
        "send",
        "答复代表/委员",
        WORKING,
        "replied",
        HANDLE,
        S + "case_send",
        guard=may_send,
        form=F + "SendForm",
        follows=("sign", "contact", "dissatisfied"),
        clocks=complete(*REPLY_KEYS, "rehandling"),
        attach="reply",
    ),
    T(
        "rate",
        "登记代表/委员评价（满意、基本满意）",
        ("replied",),
        "rated",
        HANDLE,
        S + "case_rate",
        form=F + "RatingForm",
        follows=("send",),
    ),
    # Shandong 2017: unsatisfied → reply again within 1 month (a setting: Beijing 2 months, Sichuan 3).
    T(
        "dissatisfied",
        "代表/委员不满意（重新办理）",
        ("replied",),
        "rehandling",
        HANDLE,
        S + "case_rate",
        form=F + "RatingForm",
        follows=("send",),
        clocks=(start("rehandling"),),
    ),
    # Shandong 2017: planned (class B) items get a second reply after implementation.
    T(
        "follow_up",
        "承诺事项落实后再次答复",
        ("rated",),
        STAY,
        HANDLE,
        S + "case_follow_up",
        guard=may_follow_up,
        form=F + "FollowUpForm",
        follows=("send", "rate"),
    ),
    # 代表法 (2025) Art. 51: handling results are published (the portal's 建议提案办理结果, personal details removed).
    T(
        "publish",
        "公开办理结果",
        ("replied", "rated", "closed"),
        STAY,
        ASSIGN,
        S + "case_publish",
        guard=may_publish,
        form=F + "DatedNoteForm",
        follows=("send",),
    ),
    T(
        "close",
        "对账销号",
        ("rated",),
        "closed",
        CLOSE,
        S + "case_close",
        guard=may_close,
        form=F + "DatedNoteForm",
        follows=("send", "rate", "follow_up"),
    ),
)

OPEN_BEFORE_REPLY = ("assigned", "handling")
CLOCKS = (
    ClockSpec("sign", "proposals.signing", "签收或申请调整期限", runs_in=("assigned",)),
    ClockSpec("reply_npc_session", "proposals.reply_npc_session", "答复期限（代表法第五十一条）", OPEN_BEFORE_REPLY),
    ClockSpec("reply_npc_recess", "proposals.reply_npc_recess", "答复期限（代表法第五十一条）", OPEN_BEFORE_REPLY),
    ClockSpec("reply_cppcc_session", "proposals.reply_cppcc_session", "提案答复期限", OPEN_BEFORE_REPLY),
    ClockSpec("reply_cppcc_recess", "proposals.reply_cppcc_recess", "提案答复期限", OPEN_BEFORE_REPLY),
    ClockSpec("rehandling", "proposals.rehandling", "重新办理答复期限", runs_in=("rehandling",)),
)

REPLY_BODY = (
    "{{领衔人}}{{称谓}}：\n"
    "您在{{会次}}提出的《{{标题}}》（第{{编号}}号）收悉。{{沟通情况}}现将办理情况答复如下：\n"
    "{{答复内容}}\n"
    "办理结果：{{办理结果}}。{{承诺事项}}\n"
    "感谢您对{{发文机关}}工作的关心和支持。\n"
    ">>{{发文机关}}\n>>{{日期}}\n"
    "签发人：{{签发人}}    联系人：{{联系人}}"
)
DOCUMENTS = (DocumentSpec("reply_letter", "建议提案答复函", REPLY_BODY),)

OUTCOMES = (("A", "A类"), ("B", "B类"), ("C", "C类"), ("D", "D类"))

SPEC = register_docket(
    DocketSpec(
        code=DOCKET,
        label="建议提案",
        states=STATES,
        initial_state="assigned",
        transitions=TRANSITIONS,
        number_pattern="示建提〔{year}〕{seq}号",
        detail_url_name="proposals:detail",
        clocks=CLOCKS,
        documents=DOCUMENTS,
        forms={"register": F + "RegisterForm", "import": F + "ImportForm"},
        outcomes=OUTCOMES,
        importer="fazhi.dockets.proposals.imports.proposals_import",
        importer_needs_unit=False,
        attachment_kinds=("application", "reply", "evidence", "other"),
        visible_to="fazhi.dockets.proposals.selectors.proposals_visible_to",  # + the 分办/协办 units
    )
)


def spec() -> Any:
    return SPEC
