"""Writes of the consultation engine: one service per state change, each atomic and audited."""

from .comments import comment_enter, comment_hide, comment_show, comment_submit, comments_export
from .consultation import (
    consultation_close,
    consultation_create,
    consultation_draft_import,
    consultation_open,
    consultation_update,
    consultations_close_due,
)
from .ledger import adoption_record, explanation_publish
from .notices import reply_notices_send

__all__ = [
    "adoption_record",
    "comment_enter",
    "comment_hide",
    "comment_show",
    "comment_submit",
    "comments_export",
    "consultation_close",
    "consultation_create",
    "consultation_draft_import",
    "consultation_open",
    "consultation_update",
    "consultations_close_due",
    "explanation_publish",
    "reply_notices_send",
]
