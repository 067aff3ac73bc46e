"""Who may see an item and work a unit's share. An item is seen by its 主办 unit (the case's handling unit, as for
every case) and by every unit it was handed to (分办/协办, `Assignment.unit`); the 主办 unit's steps are the kernel's
transitions (CasePolicy); a share's steps need the action and the share's unit in the user's scope."""

from __future__ import annotations

from fazhi.cases.models import Case
from fazhi.core.policy import Policy
from fazhi.orgs.rules import has_action, in_scope

from .models import Assignment

VIEW_ACTIONS = has_action("cases.case.view") & has_action("proposals.case.view")


class ProposalPolicy(Policy):
    model = Case
    rules = {
        "view": VIEW_ACTIONS & (in_scope("handling_unit") | in_scope("assignments__unit")),
        "office": VIEW_ACTIONS & has_action("proposals.case.assign"),  # 交办, 对账 sheet, registry
    }


class SharePolicy(Policy):
    model = Assignment
    rules = {
        "handle": VIEW_ACTIONS & has_action("proposals.case.handle") & in_scope("unit"),
        "sign_off": VIEW_ACTIONS & has_action("proposals.reply.sign") & in_scope("unit"),
        "decide": VIEW_ACTIONS & has_action("proposals.case.assign"),  # the office: a share's reassignment
    }
