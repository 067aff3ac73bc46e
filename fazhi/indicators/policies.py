"""Who may do what with indicator sets (deny by default). A set is the area's common yardstick: whoever holds the view
action reads it; the organising office (its data scope) imports, edits and freezes the computed values."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import (
    AbilityResult,
    AbilityTest,
    Adviser,
    AdviserEngagement,
    AdviserOpinion,
    DutyReport,
    IndicatorNode,
    IndicatorSet,
    StudySession,
)

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


# ---------------------------------------------------------------- the sources: 述法, 学法, 法律顾问 records
# A unit's record is read and kept within the user's data scope (a liaison: their unit; the office: the area).


class DutyReportPolicy(Policy):
    model = DutyReport
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.record.view") & in_scope("unit"),
        "record": has_action(f"{A}.record.manage") & in_scope("unit"),
    }


class StudySessionPolicy(Policy):
    model = StudySession
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.record.view") & in_scope("unit"),
        "record": has_action(f"{A}.record.manage") & in_scope("unit"),
    }


class AdviserEngagementPolicy(Policy):
    """An engagement is the unit's; its adviser is seen through it."""

    model = AdviserEngagement
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.record.view") & in_scope("unit"),
        "record": has_action(f"{A}.record.manage") & in_scope("unit"),
    }


class AdviserOpinionPolicy(Policy):
    model = AdviserOpinion
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.record.view") & in_scope("engagement__unit"),
        "record": has_action(f"{A}.record.manage") & in_scope("engagement__unit"),
    }


class AdviserPolicy(Policy):
    """The registry of advisers is the area's: whoever records engagements may add an adviser to it."""

    model = Adviser
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.record.view"),
        "record": has_action(f"{A}.record.manage"),
    }


class AbilityTestPolicy(Policy):
    """A 法治能力测试 sitting is the organiser's; its results are read per unit (AbilityResultPolicy)."""

    model = AbilityTest
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.record.view"),
        "import": has_action(f"{A}.test.import") & in_scope("owner"),
    }


class AbilityResultPolicy(Policy):
    model = AbilityResult
    rules: ClassVar[dict[str, Rule]] = {"view": has_action(f"{A}.record.view") & in_scope("unit")}
