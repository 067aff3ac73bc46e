"""人民调解 services (spec.py names the transition services by dotted path)."""

from .hotline import hotline_call_log
from .intake import committee_resolve, mediation_handover_create, mediation_register
from .organisations import committee_create, mediator_add
from .steps import (
    case_accept,
    case_agree,
    case_apply_confirmation,
    case_close,
    case_follow_up,
    case_record_confirmation,
    case_record_session,
    case_reject,
    case_terminate,
)

__all__ = [
    "case_accept",
    "case_agree",
    "case_apply_confirmation",
    "case_close",
    "case_follow_up",
    "case_record_confirmation",
    "case_record_session",
    "case_reject",
    "case_terminate",
    "committee_create",
    "committee_resolve",
    "hotline_call_log",
    "mediation_handover_create",
    "mediation_register",
    "mediator_add",
]
