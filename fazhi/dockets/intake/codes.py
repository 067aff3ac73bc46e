"""Code lists of the intake (纠纷/求助登记, issue 17 §2): the channels a matter comes in by, the dispute types, where it
is routed (a docket by hand-over, or a recorded referral to a unit), the referral's feedback, outcomes (a contract).

The channel, transfer and dispute-type codes are those 人民调解 registers (its `SOURCES`, `TRANSFER_FROM`,
`DISPUTE_TYPES`): a hand-over carries them unchanged (tests/test_intake_routing.py checks they match)."""

from __future__ import annotations

CHANNELS = (
    ("window", "窗口"),
    ("hotline", "12348 热线"),
    ("online", "网上"),
    ("transfer", "转来"),
    ("screening", "主动排查"),
)
CHANNEL_LABEL = dict(CHANNELS)
CASE_CHANNEL = {  # the kernel's coarse Case.channel beside it
    "window": "in_person",
    "hotline": "other",
    "online": "online",
    "transfer": "transfer",
    "screening": "other",
}
TRANSFER_FROM = (
    ("hotline_12345", "12345 热线"),
    ("petition", "信访"),
    ("court", "法院诉前委派"),
    ("police", "公安机关"),
    ("other_unit", "其他单位"),
)
TRANSFER_FROM_LABEL = dict(TRANSFER_FROM)

DISPUTE_TYPES = (
    ("family", "婚姻家庭"),
    ("neighbour", "邻里"),
    ("damages", "损害赔偿"),
    ("labour", "劳动"),
    ("property_mgmt", "物业"),
    ("land", "土地"),
    ("medical", "医疗"),
    ("traffic", "交通"),
    ("contract", "合同"),
    ("other", "其他"),
)
DISPUTE_TYPE_LABEL = dict(DISPUTE_TYPES)

# Where a matter goes. A docket route is a hand-over (fazhi/cases/handover.py): a new case on that docket with the
# parties, account and dates carried over. A referral is recorded with the unit it went to and, later, its feedback
# (行政调解 / 行政裁决 / 律师调解 are referrals until their dockets exist).
DOCKET_ROUTES = (
    ("mediation", "人民调解"),
    ("legal_aid", "法律援助"),
    ("reconsideration", "行政复议"),
)
REFERRALS = (
    ("notary", "公证"),
    ("arbitration", "仲裁"),
    ("appraisal", "司法鉴定"),
    ("litigation", "诉讼指引"),
    ("admin_mediation", "行政调解"),
    ("admin_ruling", "行政裁决"),
    ("lawyer_mediation", "律师调解"),
)
ROUTE_LABEL = dict(DOCKET_ROUTES + REFERRALS)
REFERRAL_LABEL = dict(REFERRALS)

FEEDBACK = (
    ("accepted", "已受理"),
    ("resolved", "已办结（化解）"),
    ("declined", "不予受理或退回"),
)
FEEDBACK_LABEL = dict(FEEDBACK)

OUTCOMES = (
    ("routed", "已分流"),
    ("answered", "当场解答（不需分流）"),
)
