"""Who sees the cockpit and the leaders' page (`view`: leaders and the office by default) and who loads the district
boundary file (`manage_boundary`: the system administrator). What each figure counts is the viewer's data scope,
applied by the metric registry (every figure is asked with viewer=the user). Unlisted actions are denied."""

from __future__ import annotations

from fazhi.core.policy import Policy
from fazhi.orgs.rules import has_action

from .actions import MANAGE_BOUNDARY, VIEW
from .models import Boundary


class CockpitPolicy(Policy):
    model = Boundary
    rules = {"view": has_action(VIEW), "manage_boundary": has_action(MANAGE_BOUNDARY)}
