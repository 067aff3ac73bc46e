"""Who may do what with indicator sets (deny by default). A set is the area's common yardstick: whoever holds the view
action reads it; the organising office (its data scope) imports, edits and freezes the computed values."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import IndicatorNode, IndicatorSet

A = "indicators"


class IndicatorSetPolicy(Policy):
    model = IndicatorSet
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.set.view"),
        "manage": has_action(f"{A}.set.manage") & in_scope("owner"),
    }


class IndicatorNodePolicy(Policy):
    """A leaf is answered by its responsible units (牵头 / 配合) within the user's data scope, reviewed by the office
    that organises the set."""

    model = IndicatorNode
    rules: ClassVar[dict[str, Rule]] = {
        "self_assess": has_action(f"{A}.self.assess") & in_scope("units__unit"),
        "review": has_action(f"{A}.set.manage") & in_scope("indicator_set__owner"),
    }
