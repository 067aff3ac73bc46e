"""A decision's procedure (《重大行政决策程序暂行条例》, 国务院令第713号), declared as a table; only services move it.

launched ──start──▶ procedures ──legality_submit──▶ legality_review ──legality_complete──▶ discussion
   (决策启动 Art.10–13)  (公众参与 14–18, 专家论证 19–21,       (合法性审查 25–28)              (集体讨论决定 29–30)
                         风险评估 22–24)                                                        │ meeting (adopted)
                                                                                                ▼
 published ◀──publish (报告党委 31, 公布 32, 归档 33)── decided
   │ ▲ suspend / resume (暂停执行 Art.35)     execution reports (34), 后评估 (36) while published
   ▼ │
 suspended          adjust (major, Art.37) ──▶ procedures (a new round: the procedure runs again)
 send_back (程序回流): any state before publication ──▶ procedures or legality_review, recorded with its reason
"""

from __future__ import annotations

from django.db import models


class DecisionState(models.TextChoices):
    LAUNCHED = "launched", "决策启动"
    PROCEDURES = "procedures", "公众参与与论证评估"
    LEGALITY_REVIEW = "legality_review", "合法性审查中"
    DISCUSSION = "discussion", "待集体讨论决定"
    DECIDED = "decided", "已决定"
    PUBLISHED = "published", "已公布执行"
    SUSPENDED = "suspended", "暂停执行"


class StepKind(models.TextChoices):
    PARTICIPATION = "participation", "公众参与"
    HEARING = "hearing", "听证"
    EXPERT = "expert", "专家论证"
    RISK = "risk", "风险评估"
    LEGALITY = "legality", "合法性审查"


# Art. 25: every decision goes through 合法性审查; the others apply as the catalogue item says (Art. 14, 19, 22).
OPTIONAL_STEPS = (StepKind.PARTICIPATION, StepKind.HEARING, StepKind.EXPERT, StepKind.RISK)
STEP_BASIS = {
    StepKind.PARTICIPATION: "《重大行政决策程序暂行条例》第十四条",
    StepKind.HEARING: "《重大行政决策程序暂行条例》第十六条",
    StepKind.EXPERT: "《重大行政决策程序暂行条例》第十九条",
    StepKind.RISK: "《重大行政决策程序暂行条例》第二十二条",
    StepKind.LEGALITY: "《重大行政决策程序暂行条例》第二十五条",
}

S = DecisionState
BEFORE_PUBLICATION = (S.PROCEDURES, S.LEGALITY_REVIEW, S.DISCUSSION, S.DECIDED)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None, str]] = {
    # name: (sources, target (None = unchanged), label)
    "start": ((S.LAUNCHED,), S.PROCEDURES, "启动决策程序"),
    "step_record": ((S.PROCEDURES, S.LEGALITY_REVIEW, S.DISCUSSION), None, "记录程序"),
    "legality_submit": ((S.PROCEDURES, S.DISCUSSION), S.LEGALITY_REVIEW, "送请合法性审查"),
    "legality_complete": ((S.LEGALITY_REVIEW,), S.DISCUSSION, "出具合法性审查意见"),
    # the gates in meeting_record answer for the earlier states, citing Art. 28 (合法性审查) and Art. 30
    "meeting": ((S.PROCEDURES, S.LEGALITY_REVIEW, S.DISCUSSION), S.DECIDED, "集体讨论决定"),
    "party_report": ((S.DECIDED,), None, "报告党委"),
    "publish": ((S.DECIDED,), S.PUBLISHED, "公布"),
    "send_back": (BEFORE_PUBLICATION, None, "程序回流"),
    "execution_report": ((S.PUBLISHED, S.SUSPENDED), None, "报送执行情况"),
    "suspend": ((S.PUBLISHED,), S.SUSPENDED, "暂停执行"),
    "resume": ((S.SUSPENDED,), S.PUBLISHED, "恢复执行"),
    "adjust": ((S.PUBLISHED, S.SUSPENDED), None, "调整决策"),
    "evaluate": ((S.PUBLISHED, S.SUSPENDED), None, "决策后评估"),
}


def may(transition: str, state: str) -> bool:
    return state in TRANSITIONS[transition][0]


def may_discuss(state: str) -> bool:
    return may("meeting", state)


def may_publish(state: str) -> bool:
    return may("publish", state)


class CatalogueState(models.TextChoices):
    DRAFTING = "drafting", "编制中"
    APPROVED = "approved", "已经党委同意"
    PUBLISHED = "published", "已公布"
