"""Writes of 法治督察: one service per state change, each atomic and audited.

- `plans`: plan_create, plan_update, target_add, member_add, checklist_item_add, plan_start, plan_complete
- `findings`: fieldwork_record, finding_raise (→ a supervisable item on the unit's board)
- `feedback`: feedback_preview, feedback_import (督察反馈意见 → findings, all or nothing)
- `rectification`: finding_measures (整改方案), finding_report (progress / completion with evidence),
  finding_accept (销号), finding_return (退回), finding_recheck (回头看)
"""

from .feedback import feedback_import, feedback_preview
from .findings import fieldwork_record, finding_check, finding_raise
from .plans import checklist_item_add, member_add, plan_complete, plan_create, plan_start, plan_update, target_add
from .rectification import (
    accountability_record,
    finding_accept,
    finding_measures,
    finding_recheck,
    finding_report,
    finding_return,
)

__all__ = [
    "accountability_record",
    "checklist_item_add",
    "feedback_import",
    "feedback_preview",
    "fieldwork_record",
    "finding_accept",
    "finding_check",
    "finding_measures",
    "finding_raise",
    "finding_recheck",
    "finding_report",
    "finding_return",
    "member_add",
    "plan_complete",
    "plan_create",
    "plan_start",
    "plan_update",
    "target_add",
]
