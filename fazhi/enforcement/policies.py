"""Who may see and act on 执法主体, 执法人员, 执法事项 and enforcement cases: the body's unit inside the viewer's data
scope (the 行政执法监督机构's office sees the city). Anything not listed is denied."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import Body, Case, Matter, Officer

VIEW = "enforcement.view"


class BodyPolicy(Policy):
    model = Body
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("unit"),
        "manage": has_action("enforcement.body.manage") & in_scope("unit"),
        "officers": has_action("enforcement.officer.manage") & in_scope("unit"),
        "matters": has_action("enforcement.matter.manage") & in_scope("unit"),
    }


class OfficerPolicy(Policy):
    model = Officer
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("body__unit"),
        "manage": has_action("enforcement.officer.manage") & in_scope("body__unit"),
    }


class MatterPolicy(Policy):
    model = Matter
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("body__unit"),
        "manage": has_action("enforcement.matter.manage") & in_scope("body__unit"),
    }


class CasePolicy(Policy):
    model = Case
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("unit"),
        "record": has_action("enforcement.case.record") & in_scope("unit"),
        "pii": has_action("enforcement.case.pii") & in_scope("unit"),
        "stats": has_action("enforcement.stats.view") & in_scope("unit"),
    }
