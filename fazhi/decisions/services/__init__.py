"""Writes of 重大行政决策: one service per state change, each atomic and audited."""

from .catalogue import (
    catalogue_approve,
    catalogue_create,
    catalogue_item_save,
    catalogue_publish,
    proposal_decide,
    proposal_submit,
)
from .outcome import (
    decision_adjust,
    decision_evaluate,
    decision_party_report,
    decision_publish,
    decision_resume,
    decision_suspend,
    execution_report,
)
from .procedure import (
    decision_launch,
    decision_send_back,
    decision_start,
    legality_complete,
    legality_submit,
    meeting_record,
    step_record,
)

__all__ = [
    "catalogue_approve",
    "catalogue_create",
    "catalogue_item_save",
    "catalogue_publish",
    "decision_adjust",
    "decision_evaluate",
    "decision_launch",
    "decision_party_report",
    "decision_publish",
    "decision_resume",
    "decision_send_back",
    "decision_start",
    "decision_suspend",
    "execution_report",
    "legality_complete",
    "legality_submit",
    "meeting_record",
    "proposal_decide",
    "proposal_submit",
    "step_record",
]
