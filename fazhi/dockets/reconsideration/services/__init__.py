"""行政复议 services: one per transition (spec.py names them by their dotted path here), plus intake and the daily
deemed-acceptance job.

Each runs in a transaction, changes state only through `case_transition_apply`, starts/stops clocks through
`fazhi.cases.clocks` (never adding days itself) and generates the step's document from its editable template.
The package re-exports every public name, so `from fazhi.dockets.reconsideration.services import x` keeps working:

- `intake`: reconsideration_intake
- `details`: reconsideration_case_update (the editable basics), case_note
- `review`: 补正 / 受理 / 不予受理 / 视为放弃, deemed acceptance (Arts. 30, 31)
- `hearing`: copy, reply, hearing notice (Arts. 48–54)
- `approvals`: requests for the head (延期, 程序转换), refusals, who is told
- `suspension`: 中止 / 恢复 / 终止 (Arts. 39, 41)
- `decision`: drafting, approval and publication of the decision (Arts. 61–79)
"""

from fazhi.core.errors import DomainError

from ._common import DOCKET, INVALID
from .approvals import (
    APPROVING_TRANSITION,
    REFUSE_CLEARS,
    case_approve_extension,
    case_approve_switch,
    case_refuse,
    case_request_extension,
    case_request_switch,
)
from .decision import (
    DECISION_FIELDS,
    case_approve_decision,
    case_draft_decision,
    case_publish,
    decision_validate,
    publication_text,
)
from .details import case_note, reconsideration_basics, reconsideration_case_update
from .hearing import case_record_reply, case_schedule_hearing, case_send_copy, hearing_earliest
from .intake import reconsideration_intake
from .review import (
    case_abandon,
    case_accept,
    case_deem_accept,
    case_receive_correction,
    case_reject,
    case_request_correction,
    reconsideration_deem_accept_due,
    review_due,
)
from .suspension import case_request_termination, case_resume, case_suspend, case_terminate

__all__ = [
    "APPROVING_TRANSITION",
    "DECISION_FIELDS",
    "DOCKET",
    "INVALID",
    "REFUSE_CLEARS",
    "DomainError",
    "case_abandon",
    "case_accept",
    "case_approve_decision",
    "case_approve_extension",
    "case_approve_switch",
    "case_deem_accept",
    "case_draft_decision",
    "case_note",
    "case_publish",
    "case_receive_correction",
    "case_record_reply",
    "case_refuse",
    "case_reject",
    "case_request_correction",
    "case_request_extension",
    "case_request_switch",
    "case_request_termination",
    "case_resume",
    "case_schedule_hearing",
    "case_send_copy",
    "case_suspend",
    "case_terminate",
    "decision_validate",
    "hearing_earliest",
    "publication_text",
    "reconsideration_basics",
    "reconsideration_case_update",
    "reconsideration_deem_accept_due",
    "reconsideration_intake",
    "review_due",
]
