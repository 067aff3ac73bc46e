"""Code lists of the intake (纠纷/求助登记, issue 17 §2): the channels a matter comes in by, the dispute types, where it
is routed (a docket by hand-over, or a recorded referral to a unit), the referral's feedback, outcomes (a contract).

The channel, transfer and dispute-type codes are the kernel's (fazhi/cases/disputes.py), the lists 人民调解 registers
with too: a hand-over carries them unchanged."""

from __future__ import annotations

from fazhi.cases.disputes import (  # noqa: F401  (the kernel's lists, shared with 人民调解)
    CASE_CHANNEL,
    CHANNEL_LABEL,
    CHANNELS,
    DISPUTE_TYPE_LABEL,
    DISPUTE_TYPES,
    TRANSFER_FROM,
    TRANSFER_FROM_LABEL,
)

# Where a matter goes. A docket route is a hand-over (fazhi/cases/handover.py): a new case on that docket with the
# parties, account and dates carried over. A referral is recorded with the unit it went to and, later, its feedback
# (律师调解 is a referral until its docket exists). 行政裁决 and 行政调解 were referrals before their dockets: their
# docket code is the old referral code, so each code is in ONE list (a code in both would be offered twice and counted
# twice in the routed figure's breakdown); older intakes' referral rows (`"referral": True`) with that code keep their
# label through ROUTE_LABEL and still take their feedback.
DOCKET_ROUTES = (
    ("mediation", "人民调解"),
    ("legal_aid", "法律援助"),
    ("reconsideration", "行政复议"),
    ("admin_ruling", "行政裁决"),
    ("admin_mediation", "行政调解"),
)
REFERRALS = (
    ("notary", "公证"),
    ("arbitration", "仲裁"),
    ("appraisal", "司法鉴定"),
    ("litigation", "诉讼指引"),
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
