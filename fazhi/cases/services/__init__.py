"""Writes to cases. Docket services call these inside their own transaction; only `case_transition_apply` changes
`Case.state`. Every write records an audit event (record_event) in the same transaction.

The package re-exports every public name (`from fazhi.cases.services import case_create` keeps working):
`case` (create, lock, the state door, edits, timeline), `numbering` (案号, 申请编号), `parties`, `attachments`,
`document_templates`; `today_local` is the legal today.
"""

from ._common import today_local
from .attachments import (
    ATTACHMENT_TYPES,
    attachment_add,
    attachment_check,
    attachments_add,
    case_file_export,
    case_file_read,
)
from .case import case_create, case_event_add, case_lock, case_transition_apply, case_update
from .document_templates import template_get, template_update, templates_seed
from .numbering import (
    RECEIPT_ALPHABET,
    case_number_format,
    case_number_parse,
    case_number_pattern,
    case_number_reserve,
    case_number_take,
    receipt_number_new,
)
from .parties import (
    PARTY_EDITABLE,
    PartyInput,
    party_add,
    party_input_from,
    party_unmask,
    party_update,
    party_validate,
)

__all__ = [
    "ATTACHMENT_TYPES",
    "PARTY_EDITABLE",
    "RECEIPT_ALPHABET",
    "PartyInput",
    "party_input_from",
    "attachment_add",
    "attachment_check",
    "attachments_add",
    "case_file_export",
    "case_file_read",
    "case_create",
    "case_event_add",
    "case_lock",
    "case_number_format",
    "case_number_parse",
    "case_number_pattern",
    "case_number_reserve",
    "case_number_take",
    "case_transition_apply",
    "case_update",
    "party_add",
    "party_unmask",
    "party_update",
    "party_validate",
    "receipt_number_new",
    "template_get",
    "template_update",
    "templates_seed",
    "today_local",
]
