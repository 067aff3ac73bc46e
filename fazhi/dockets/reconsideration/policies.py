"""Who may do what to a 行政复议 case beyond its transitions (those are checked by the kernel's CasePolicy).
Data scope is the handling unit, as for every case."""

from __future__ import annotations

from fazhi.cases.models import Case
from fazhi.core.policy import Policy
from fazhi.orgs.rules import has_action, in_scope

VIEW = has_action("cases.case.view") & has_action("reconsideration.case.view") & in_scope("handling_unit")


class ReconsiderationCasePolicy(Policy):
    model = Case
    rules = {
        "view": VIEW,
        "edit": VIEW & has_action("reconsideration.case.intake"),  # 修改基本信息: whoever may register applications
    }
