"""建议提案 services (keyword-only, atomic, audited). spec.py names the transition services by dotted path."""

from .commitments import commitment_fulfilled, commitments_raise, rehandling_raise
from .feedback import feedback_by_code, feedback_code_issue
from .intake import ProposerLink, proposal_register, proposer_create, session_get_or_create
from .meetings import meeting_record
from .publication import case_publish, publication_text
from .shares import (
    share_ask_reassign,
    share_contact,
    share_opinion,
    share_reassign,
    share_reply_draft,
    share_reply_send,
    share_reply_sign_off,
    share_sign,
)
from .steps import (
    case_ask_reassign,
    case_close,
    case_contact,
    case_draft,
    case_extend,
    case_follow_up,
    case_rate,
    case_reassign,
    case_send,
    case_sign,
    case_sign_off,
)

__all__ = [
    "case_publish",
    "publication_text",
    "meeting_record",
    "ProposerLink",
    "case_ask_reassign",
    "case_close",
    "case_contact",
    "case_draft",
    "case_extend",
    "case_follow_up",
    "case_rate",
    "case_reassign",
    "case_send",
    "case_sign",
    "case_sign_off",
    "commitment_fulfilled",
    "commitments_raise",
    "feedback_by_code",
    "feedback_code_issue",
    "proposal_register",
    "proposer_create",
    "rehandling_raise",
    "session_get_or_create",
    "share_ask_reassign",
    "share_reassign",
    "share_contact",
    "share_opinion",
    "share_reply_draft",
    "share_reply_send",
    "share_reply_sign_off",
    "share_sign",
]
