"""Code lists from 行政复议法 2023: suspension (Art. 39) and termination (Art. 41) grounds, simplified-procedure
conditions (Art. 53), outcome field requirements (Chapter 5)."""

from __future__ import annotations

from fazhi.core.forms import REASON_MAX, REPORT_MAX

# an application's texts: the same limits on the portal's form, the office's forms, the API (ApplicationIn) and the
# Excel import; the act is the case's 案由 (Case.title, 300)
ACT_MAX, REQUEST_MAX, FACTS_MAX = 300, REASON_MAX, REPORT_MAX

SUSPEND_GROUNDS = (
    ("S1", "作为申请人的自然人死亡，其近亲属尚未确定是否参加行政复议"),
    ("S2", "作为申请人的自然人丧失参加行政复议的行为能力，尚未确定法定代理人参加行政复议"),
    ("S3", "作为申请人的自然人下落不明"),
    ("S4", "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人"),
    ("S5", "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议"),
    ("S6", "依照本法规定进行调解、和解，申请人和被申请人同意中止"),
    ("S7", "行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认"),
    ("S8", "行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结"),
    ("S9", "有本法第五十六条或者第五十七条规定的情形"),
    ("S10", "需要中止行政复议的其他情形"),
)

TERMINATE_GROUNDS = (
    ("T1", "申请人撤回行政复议申请，行政复议机构准予撤回"),
    ("T1S", "当事人达成和解，申请人撤回行政复议申请（第七十四条）"),
    ("T2", "作为申请人的自然人死亡，没有近亲属或者其近亲属放弃行政复议权利"),
    ("T3", "作为申请人的法人或者其他组织终止，没有权利义务承受人或者其权利义务承受人放弃行政复议权利"),
    (
        "T4",
        "申请人对行政拘留或者限制人身自由的行政强制措施不服申请行政复议后，因同一违法行为涉嫌犯罪，被采取刑事强制措施",
    ),
    ("T5", "依照第三十九条第一款第一项、第二项、第四项的规定中止行政复议满六十日，中止的原因仍未消除"),
)

# Art. 53: all three base conditions, and one of the four kinds (or all parties agree).
SIMPLIFIED_BASE = (
    ("clear_facts", "事实清楚"),
    ("clear_rights", "权利义务关系明确"),
    ("minor_dispute", "争议不大"),
)
SIMPLIFIED_KINDS = (
    ("on_the_spot", "被申请行政复议的行政行为是当场作出"),
    ("warning", "被申请行政复议的行政行为是警告或者通报批评"),
    ("small_amount", "案件涉及款额三千元以下"),
    ("disclosure", "属于政府信息公开案件"),
    ("parties_agree", "当事人各方同意适用简易程序"),
)

# Outcome code → (article, extra required fields beyond facts/reasons/decision_text)
DECISION_OUTCOMES = {
    "change": ("第六十三条", ("changed_content",)),
    "revoke": ("第六十四条", ()),
    "partial_revoke": ("第六十四条", ("revoked_part",)),
    "confirm_illegal": ("第六十五条", ()),
    "order_performance": ("第六十六条", ("performance_content",)),
    "confirm_invalid": ("第六十七条", ()),
    "uphold": ("第六十八条", ()),
    "dismiss_request": ("第六十九条", ()),
    "dismiss_application": ("第三十三条", ()),
    "agreement": ("第七十一条", ("agreement_measure",)),
    "mediation": ("第七十三条", ("mediation_content",)),
}
# Art. 72: compensation is decided together with 撤销/变更/确认违法/确认无效 (and partial revocation).
COMPENSATION_WITH = {"change", "revoke", "partial_revoke", "confirm_illegal", "confirm_invalid"}
REMAKE_WITH = {"revoke", "partial_revoke"}

FIELD_LABELS = {
    "facts": "经审理查明",
    "reasons": "理由",
    "decision_text": "决定内容",
    "changed_content": "变更内容",
    "revoked_part": "撤销部分",
    "performance_content": "履行内容及期限",
    "agreement_measure": "行政协议处理方式",
    "mediation_content": "调解内容",
    "compensation_amount": "赔偿金额",
    "remake_period": "重作期限",
}

DEFAULT_CORRECTION_NUMERATOR = (
    "change",
    "revoke",
    "partial_revoke",
    "confirm_illegal",
    "order_performance",
    "confirm_invalid",
)


# What a handler asks the 复议机构 head to approve (the head approves or refuses each).
REQUEST_KINDS = [
    ("extension", "延长审理期限"),
    ("switch", "转为普通程序"),
    ("decision", "复议决定（拟定稿）"),
    ("termination", "终止行政复议"),
]
