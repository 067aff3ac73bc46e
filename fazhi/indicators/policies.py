"""Who may do what with indicator sets (deny by default). A set is the area's common yardstick: whoever holds the view
action reads it; the organising office (its data scope) imports, edits and freezes the computed values."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import IndicatorSet

A = "indicators"


class IndicatorSetPolicy(Policy):
    model = IndicatorSet
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.set.view"),
        "manage": has_action(f"{A}.set.manage") & in_scope("owner"),
    }
