"""Who may see and act on plans and tasks. Tasks are visible through their assignments' units; office roles have
scope ALL. Anything not listed is denied."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import Plan, PlanTask, TaskAssignment


class PlanPolicy(Policy):
    model = Plan
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("plans.plan.view") & in_scope("tasks__assignments__unit"),
        "overview": has_action("plans.plan.overview") & in_scope("tasks__assignments__unit"),
        "manage": has_action("plans.plan.manage"),
        "import": has_action("plans.plan.import"),
        "export": has_action("plans.task.export") & in_scope("tasks__assignments__unit"),
        "supervise": has_action("plans.supervise"),
    }


class PlanTaskPolicy(Policy):
    model = PlanTask
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("plans.task.view") & in_scope("assignments__unit"),
        "export": has_action("plans.task.export") & in_scope("assignments__unit"),
        "review": has_action("plans.task.review") & in_scope("assignments__unit"),
        "supervise": has_action("plans.supervise") & in_scope("assignments__unit"),
        "extend_approve": has_action("plans.task.extend_approve") & in_scope("assignments__unit"),
    }


class TaskAssignmentPolicy(Policy):
    """A unit acts on its own share: the assignment's unit must be in the user's data scope."""

    model = TaskAssignment
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("plans.task.view") & in_scope("unit"),
        "sign": has_action("plans.task.sign") & in_scope("unit"),
        "report": has_action("plans.task.report") & in_scope("unit"),
        "contribute": has_action("plans.task.report") & in_scope("unit"),
        "complete": has_action("plans.task.complete") & in_scope("unit"),
        "extend_request": has_action("plans.task.extend_request") & in_scope("unit"),
        "accept": has_action("plans.task.review") & in_scope("unit"),
        "send_back": has_action("plans.task.review") & in_scope("unit"),
        "extend_approve": has_action("plans.task.extend_approve") & in_scope("unit"),
        "urge": has_action("plans.supervise") & in_scope("unit"),
    }
