"""Writes of 行政执法协调监督: one service per state change, each atomic and audited."""

from .bodies import body_save, list_item_save, matter_save, officer_save, tier_save, training_record
from .cases import CaseInput, case_record, case_unmask, case_update, clocks_sync
from .checks import check_finding_record, check_record
from .complaints import (
    complaint_attachment_read,
    complaint_clock,
    complaint_from_hotline,
    complaint_receive,
    complaint_step,
    hotline_order_problem,
)
from .inspections import cap_warnings, inspection_confirm, inspection_record, inspections_counted
from .plans import (
    outside_plan,
    plan_approve,
    plan_in_effect,
    plan_item_add,
    plan_save,
    quiet_period_save,
    quiet_periods_for,
)
from .reviews import (
    campaign_close,
    campaign_create,
    campaign_population,
    campaign_sample,
    defect_record,
    file_reconcile,
    file_score,
    grade_for,
    score_differences,
)
from .supervision import reply_clock, supervision_document_issue, supervision_replies_run, supervision_reply_record

__all__ = [
    "outside_plan",
    "plan_approve",
    "plan_in_effect",
    "plan_item_add",
    "plan_save",
    "quiet_period_save",
    "quiet_periods_for",
    "check_finding_record",
    "check_record",
    "complaint_attachment_read",
    "complaint_clock",
    "complaint_from_hotline",
    "complaint_receive",
    "complaint_step",
    "hotline_order_problem",
    "reply_clock",
    "supervision_document_issue",
    "supervision_replies_run",
    "supervision_reply_record",
    "campaign_close",
    "campaign_create",
    "campaign_population",
    "campaign_sample",
    "defect_record",
    "file_reconcile",
    "file_score",
    "grade_for",
    "inspection_confirm",
    "score_differences",
    "CaseInput",
    "body_save",
    "case_record",
    "case_unmask",
    "case_update",
    "cap_warnings",
    "clocks_sync",
    "inspection_record",
    "inspections_counted",
    "list_item_save",
    "matter_save",
    "officer_save",
    "tier_save",
    "training_record",
]
