"""Who may read and keep the 法律援助人员 registry: the centre's unit inside the viewer's data scope. Reading needs
the docket's view action (who sees the centre's cases sees whom it assigns); keeping it (register, edit,
deactivate) needs `legal_aid.person.manage` — the 法律援助机构's head. Anything not listed is denied."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import AidPerson

VIEW = "legal_aid.case.view"
MANAGE = "legal_aid.person.manage"


class AidPersonPolicy(Policy):
    model = AidPerson
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("centre"),
        "manage": has_action(MANAGE) & in_scope("centre"),
    }
