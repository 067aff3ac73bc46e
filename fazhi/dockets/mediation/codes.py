"""Code lists for 人民调解 (《人民调解法》2010, 司法部《人民调解工作若干规定》2002 令第75号; legal-rules.md §7):
sources, dispute types, committee kinds, agreement forms, termination grounds and outcomes (a contract: stored on
cases and in the statistics)."""

from __future__ import annotations

# Where a dispute came from, who handed it over, its type (issue 17 §2): the kernel's lists, shared with the intake
# (fazhi/cases/disputes.py). The kernel's Case.channel keeps its coarse value beside the source (SOURCE_CHANNEL).
from fazhi.cases.disputes import (  # noqa: F401  (the docket's names for them)
    CASE_CHANNEL,
    CHANNEL_LABEL,
    CHANNELS,
    DISPUTE_TYPE_LABEL,
    DISPUTE_TYPES,
    TRANSFER_FROM,
    TRANSFER_FROM_LABEL,
)

SOURCES = CHANNELS
SOURCE_LABEL = CHANNEL_LABEL
SOURCE_CHANNEL = CASE_CHANNEL

# 《人民调解法》第八条、第三十四条: committees of villages and residents' committees, of towns and streets, of
# enterprises and institutions, and of social organisations in a sector (行业性、专业性).
COMMITTEE_KINDS = (
    ("town", "乡镇（街道）人民调解委员会"),
    ("village", "村（居）民委员会人民调解委员会"),
    ("sector", "行业性、专业性人民调解委员会"),
    ("enterprise", "企事业单位人民调解委员会"),
)
COMMITTEE_KIND_LABEL = dict(COMMITTEE_KINDS)
SECTORS = (
    ("", "—"),
    ("medical", "医疗"),
    ("labour", "劳动"),
    ("traffic", "交通"),
    ("property_mgmt", "物业"),
    ("other", "其他"),
)
SECTOR_LABEL = dict(SECTORS)
MEDIATOR_KINDS = (("full_time", "专职"), ("part_time", "兼职"))
MEDIATOR_KIND_LABEL = dict(MEDIATOR_KINDS)

# 《人民调解法》第二十八条至第三十条: a written agreement (书面调解协议书) or an oral one (口头协议, recorded).
AGREEMENT_FORMS = (("written", "书面调解协议"), ("oral", "口头协议"))
AGREEMENT_FORM_LABEL = dict(AGREEMENT_FORMS)

# 不予受理 reasons: 第十七条 (a party refuses), 第十八条 (not a 民间纠纷 / handled by other bodies by law).
REJECT_GROUNDS = (
    ("party_refused", "当事人一方明确拒绝调解（《人民调解法》第十七条）"),
    ("other_route", "已由人民法院、公安机关或者其他国家机关依法受理或者处理（《人民调解法》第十八条）"),
    ("not_civil", "不属于民间纠纷的调解范围"),
)
REJECT_GROUND_LABEL = dict(REJECT_GROUNDS)

# 终止调解: 第二十六条 (调解不成, other routes told), 第二十三条 (a party asks to end it).
TERMINATION_GROUNDS = (
    ("failed", "调解不成，终止调解（《人民调解法》第二十六条）"),
    ("party_ended", "当事人要求终止调解（《人民调解法》第二十三条）"),
)

# 回访 (《人民调解法》第三十一条: the committee supervises performance and records it).
from fazhi.cases.disputes import PERFORMANCE, PERFORMANCE_LABEL  # noqa: E402,F401  (回访: one list for both dockets)

# 司法确认 (第三十三条): valid → enforceable; invalid → change or new agreement by mediation, or sue.
CONFIRMATION_RESULTS = (("valid", "裁定确认调解协议有效"), ("invalid", "裁定驳回申请（调解协议无效或不予确认）"))
CONFIRMATION_RESULT_LABEL = dict(CONFIRMATION_RESULTS)

# Outcome codes (a contract): the result a case closes with.
OUTCOMES = (
    ("performed", "调解成功，协议已履行"),
    ("unperformed", "调解成功，协议未（全部）履行"),
    ("invalid", "调解成功，协议经司法确认不予确认"),
    ("failed", "调解不成，终止调解"),
    ("party_ended", "当事人要求终止调解"),
    ("rejected", "不予受理"),
)
SUCCESS_OUTCOMES = ("performed", "unperformed", "invalid")

# What 调解不成 tells the parties (第二十六条: 依法通过仲裁、行政、司法等途径维护自己的权利).
OTHER_ROUTES = "当事人可以依法通过仲裁、行政、司法等途径维护自己的权利"

# 12348 热线 consultation topics (the categories a 公共法律服务 hotline log keeps; a setting would be the next step if a
# province prescribes its own list — the count by topic reads whatever codes are stored).
HOTLINE_TOPICS = (
    ("family", "婚姻家庭"),
    ("labour", "劳动争议"),
    ("contract", "合同债务"),
    ("property", "房产物业"),
    ("traffic", "交通事故"),
    ("damages", "损害赔偿"),
    ("land", "土地征收"),
    ("medical", "医疗纠纷"),
    ("legal_aid", "法律援助"),
    ("notary", "公证"),
    ("appraisal", "司法鉴定"),
    ("arbitration", "仲裁"),
    ("criminal", "刑事"),
    ("administrative", "行政争议"),
    ("other", "其他"),
)
HOTLINE_TOPIC_LABEL = dict(HOTLINE_TOPICS)
