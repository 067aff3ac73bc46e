"""法律援助 services (spec.py names the transition services by dotted path): the cases (`cases.py`) and the
法律援助人员 registry (`people.py`)."""

from .cases import (
    case_advance,
    case_assign,
    case_close,
    case_correct,
    case_evaluate,
    case_grant,
    case_object,
    case_receive_materials,
    case_refuse,
    case_request_materials,
    case_terminate,
    case_uphold,
    case_withdraw,
    legal_aid_apply,
    legal_aid_handover_create,
    today,
)
from .people import aid_person_create, aid_person_deactivate, aid_person_reactivate, aid_person_update

__all__ = [
    "aid_person_create",
    "aid_person_deactivate",
    "aid_person_reactivate",
    "aid_person_update",
    "case_advance",
    "case_assign",
    "case_close",
    "case_correct",
    "case_evaluate",
    "case_grant",
    "case_object",
    "case_receive_materials",
    "case_refuse",
    "case_request_materials",
    "case_terminate",
    "case_uphold",
    "case_withdraw",
    "legal_aid_apply",
    "legal_aid_handover_create",
    "today",
]
