"""Writes on supervisable items. One door per state change; the package re-exports every public name:

- `raising`: item_raise (once per cause), item_due_set, item_close_by_source
- `handling`: item_report, items_report (bulk), item_accept (销号), item_return (退回), item_urge, items_urge (bulk)
- `extension`: extension_request, extension_decide, extension_limit
- `ladder`: ladder_steps, ladder_save, ladder_scan
- `notices`: notice_issue (督办单, numbered), notice_document (.docx)
- `rules`: rule_save, rules_run, rules_defaults
"""

from ._common import liaisons, office_users
from .extension import extension_decide, extension_limit, extension_request, may_request
from .handling import (
    has_evidence,
    item_accept,
    item_report,
    item_return,
    item_state_follow,
    item_urge,
    items_report,
    items_urge,
    report_add,
    report_replayed,
)
from .ladder import ladder_save, ladder_scan, ladder_steps
from .notices import notice_document, notice_issue, notice_issuer, notice_number, notice_reply_by
from .raising import item_close_by_source, item_due_set, item_raise
from .rules import rule_save, rules_defaults, rules_run

__all__ = [
    "extension_decide",
    "extension_limit",
    "extension_request",
    "has_evidence",
    "item_accept",
    "item_close_by_source",
    "item_due_set",
    "item_raise",
    "item_report",
    "item_return",
    "item_state_follow",
    "item_urge",
    "items_report",
    "items_urge",
    "ladder_save",
    "ladder_scan",
    "ladder_steps",
    "liaisons",
    "may_request",
    "notice_document",
    "notice_issue",
    "notice_issuer",
    "notice_number",
    "notice_reply_by",
    "office_users",
    "report_add",
    "report_replayed",
    "rule_save",
    "rules_defaults",
    "rules_run",
]
