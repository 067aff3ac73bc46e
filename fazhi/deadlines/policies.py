"""Who may see and act on clocks: the action grant and the data scope on the clock's responsible unit."""

from __future__ import annotations

from fazhi.core.policy import Policy
from fazhi.orgs.rules import has_action, in_scope

from .models import CalendarYear, Clock


class ClockPolicy(Policy):
    model = Clock
    rules = {
        "view": has_action("deadlines.clock.view") & in_scope("unit", owner_field="assignee"),
    }


class CalendarPolicy(Policy):
    model = CalendarYear
    rules = {
        "view": has_action("deadlines.calendar.view") | has_action("deadlines.calendar.manage"),
        "manage": has_action("deadlines.calendar.manage"),
    }
