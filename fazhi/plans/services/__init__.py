"""Writes: plan import, assignment and every step of the supervision workflow. One door per state change.

The package re-exports every public name:

- `importing`: plan_import, unit_names_resolve (written unit names → units or groups; confirmed mappings become
  aliases)
- `assignment`: plan_task_assign and the workflow on one assignment: sign, report, contribute, complete, accept,
  send back, urge
- `bulk`: assignments_sign, assignments_report (the shares a user may act on, at once)
- `drafting`: a draft plan edited (draft_task_save / _add / _delete) and dispatched (plan_dispatch)
- `extension`: extension_request, extension_decide
- `rectification`: rectification_task_create (for other modules, e.g. 行政应诉)
- `_common`: helpers shared by these files (task assignment, recipients, the locked state-table move)
"""

from ._common import _liaisons, _office_users
from .assignment import (
    assignment_accept,
    assignment_complete,
    assignment_contribute,
    assignment_report,
    assignment_send_back,
    assignment_sign,
    assignment_urge,
    plan_task_assign,
)
from .bulk import assignments_report, assignments_sign
from .drafting import draft_task_add, draft_task_delete, draft_task_save, plan_dispatch
from .extension import extension_decide, extension_request
from .importing import plan_import, unit_names_resolve
from .rectification import rectification_task_create

__all__ = [
    "_liaisons",
    "_office_users",
    "assignment_accept",
    "assignment_complete",
    "assignment_contribute",
    "assignment_report",
    "assignment_send_back",
    "assignment_sign",
    "assignment_urge",
    "assignments_report",
    "assignments_sign",
    "draft_task_add",
    "draft_task_delete",
    "draft_task_save",
    "extension_decide",
    "extension_request",
    "plan_dispatch",
    "plan_import",
    "plan_task_assign",
    "rectification_task_create",
    "unit_names_resolve",
]
