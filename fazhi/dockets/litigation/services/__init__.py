"""行政应诉 services: registration, and one service per transition (spec.py names them by their dotted path here).

Each runs in a transaction, changes state only through `case_transition_apply` (which audits every step), starts and
completes the defence clock through `fazhi.cases.clocks` (never adding days itself). A lost case's rectification task
is raised as a supervisable item (`fazhi.supervision.services.item_raise`, kind `litigation.rectification`). The package re-exports
every public name:

- `registration`: litigation_register, reconsideration_case_find
- `details`: litigation_case_update (court, court case number, cause, instance, defendant, plaintiff contact)
- `trial`: defence, hearings, appearance (负责人出庭应诉)
- `outcome`: close, analyse_loss (→ a supervisable item), appeal
"""

from ._common import DOCKET, INSTANCE_LABEL, INVALID
from .details import litigation_basics, litigation_case_update
from .outcome import case_analyse_loss, case_appeal, case_close, case_get_refusal
from .registration import litigation_register, reconsideration_case_find
from .trial import appearance_validate, case_record_appearance, case_schedule_hearing, case_submit_defence

__all__ = [
    "DOCKET",
    "INSTANCE_LABEL",
    "INVALID",
    "appearance_validate",
    "case_analyse_loss",
    "case_appeal",
    "case_close",
    "case_get_refusal",
    "case_record_appearance",
    "case_schedule_hearing",
    "case_submit_defence",
    "litigation_basics",
    "litigation_case_update",
    "litigation_register",
    "reconsideration_case_find",
]
