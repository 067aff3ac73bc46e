"""Code lists for 法律援助 (《法律援助法》2021, in force 2022-01-01; 司法部《办理法律援助案件程序规定》; legal-rules.md
§18 — the articles are cited as commonly cited, ⚠ not read here in full): matters, the groups exempt from the
financial check, the 先行援助 situations, who is assigned, outcomes (a contract)."""

from __future__ import annotations

MATTERS = (
    ("criminal", "刑事案件"),
    ("civil", "民事案件"),
    ("administrative", "行政案件"),
    ("state_compensation", "国家赔偿"),
    ("non_litigation", "非诉讼事项"),
)
MATTER_LABEL = dict(MATTERS)


def matter_options(user: object) -> tuple[tuple[str, str], ...]:
    """The hand-over's `matter` choices (spec `handover.choices`): the same for every user."""
    return MATTERS


# 《法律援助法》第四十二条 (as commonly cited ⚠): applicants in these groups need not show financial hardship.
EXEMPTIONS = (
    ("", "不属于免予核查经济困难状况的人员（须提交经济困难状况承诺）"),
    ("vulnerable", "无固定生活来源的未成年人、老年人、残疾人等特定群体"),
    ("assistance", "社会救助、司法救助或者优抚对象"),
    ("migrant_wages", "申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员"),
    ("other_law", "法律、法规、规章规定的其他人员"),
)
EXEMPTION_LABEL = dict(EXEMPTIONS)

# 《法律援助法》第四十四条 (⚠): aid given first, the application examined afterwards.
ADVANCE_GROUNDS = (
    ("deadline", "距法定时效或者期限届满不足七日，需要立即提起诉讼或者申请仲裁、行政复议"),
    ("preservation", "需要立即申请财产保全、证据保全或者先予执行"),
    ("other_urgent", "法律、法规、规章规定的其他情形"),
)
ADVANCE_GROUND_LABEL = dict(ADVANCE_GROUNDS)

# 《法律援助法》第十二条 (⚠): the 法律援助机构 assigns 律师、基层法律服务工作者、法律援助志愿者 — the registry's kinds.
PERSON_KINDS = (
    ("lawyer", "律师"),
    ("grassroots", "基层法律服务工作者"),
    ("volunteer", "法律援助志愿者"),
)
PERSON_KIND_LABEL = dict(PERSON_KINDS)
# 执业证号 required for the two licensed kinds (律师执业证, 基层法律服务工作者执业证); a volunteer holds none.
LICENSED_KINDS = frozenset({"lawyer", "grassroots"})
# Assignments typed before the registry (issue 17) carry these kinds; their cases stay readable.
TYPED_ASSIGNEE_KINDS = (
    ("aid_lawyer", "法律援助机构律师"),
    ("firm_lawyer", "律师事务所律师"),
    ("grassroots", "基层法律服务工作者"),
)
AID_PERSON_KIND_LABEL = {**dict(TYPED_ASSIGNEE_KINDS), **PERSON_KIND_LABEL}

OBJECTION_RESULTS = (("upheld", "维持法律援助机构的决定"), ("corrected", "责令法律援助机构改正"))

QUALITY = (("excellent", "优秀"), ("good", "良好"), ("pass", "合格"), ("fail", "不合格"))
QUALITY_LABEL = dict(QUALITY)

OUTCOMES = (
    ("concluded", "办结"),
    ("refused", "不予法律援助"),
    ("terminated", "终止法律援助"),
    ("withdrawn", "撤回申请（含视为撤回）"),
)
