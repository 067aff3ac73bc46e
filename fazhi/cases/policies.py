"""CasePolicy: who may see a case and take each transition. Data scope is the handling unit."""

from __future__ import annotations

from typing import Any

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope
from fazhi.orgs.scopes import grants_for

from .models import Case
from .registry import Transition


def _docket_view() -> Rule:
    """The docket's own view action (`<docket>.case.view`, the one its pages already require): cases.case.view alone
    does not open another docket's cases of the same unit (a department's 建议提案 liaison sees no 行政复议 case)."""

    def allows(user: Any, obj: Any) -> bool:
        return obj is not None and grants_for(user).has(f"{obj.docket}.case.view")

    def restrict(user: Any, qs: Any) -> Any:
        from .registry import DOCKETS

        g = grants_for(user)
        return qs.filter(docket__in=[code for code in DOCKETS if g.has(f"{code}.case.view")])

    return Rule(allows, restrict, "docket_view")


DOCKET_VIEW = _docket_view()


class CasePolicy(Policy):
    model = Case
    rules = {
        "view": has_action("cases.case.view") & DOCKET_VIEW & in_scope("handling_unit"),
        "export": has_action("cases.case.export") & DOCKET_VIEW & in_scope("handling_unit"),
        # The one rule for a case's personal data (issue 9 ¶6): the handling unit's handlers and heads, by the
        # permission cases.pii.view, see it everywhere — unmasking, identity documents, generated documents, the
        # case file; everyone else sees masked data. Every unmasking and download is audited.
        "pii": has_action("cases.pii.view") & DOCKET_VIEW & in_scope("handling_unit"),
        "unmask": has_action("cases.pii.view") & DOCKET_VIEW & in_scope("handling_unit"),
        # Adding to the case file: whoever may work a case of the handling unit (cases.case.attach).
        "attach": has_action("cases.case.attach") & DOCKET_VIEW & in_scope("handling_unit"),
        "export_file": has_action("cases.case.view") & DOCKET_VIEW & in_scope("handling_unit"),
    }

    @classmethod
    def can_transition(cls, user: Any, case: Case, transition: Transition) -> bool:
        if not cls.can(user, "view", case):
            return False
        return (has_action(transition.action) & in_scope("handling_unit")).allows(user, case)


class TemplatePolicy:
    @staticmethod
    def can_manage(user: Any) -> bool:
        return bool(user.is_authenticated) and has_action("cases.template.manage").allows(user, None)
