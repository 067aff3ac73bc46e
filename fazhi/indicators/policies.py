"""Who may do what with indicator sets (deny by default). A set is the area's common yardstick: whoever holds the view
action reads it; the organising office (its data scope) imports, edits and freezes the computed values."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import (
    AbilityResult,
    AbilityTest,
    Adviser,
    AdviserEngagement,
    AdviserOpinion,
    DutyReport,
    ExternalAssessor,
    IndicatorNode,
    IndicatorSet,
    StudySession,
    Survey,
)

A = "indicators"


def assigned_assessor(set_path: str = "") -> Rule:
    """The user is a 第三方评估 account currently assigned to the row's set (`set_path`: "" for a set,
    "indicator_set__" for a node). Nothing else is granted to such an account: deny by default does the rest."""
    prefix = set_path.removesuffix("__")

    def allows(user: Any, obj: Any) -> bool:
        the_set = getattr(obj, prefix) if prefix else obj
        if the_set is None:
            return False
        return ExternalAssessor.objects.filter(indicator_set=the_set, user=user, revoked_at__isnull=True).exists()

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        ids = ExternalAssessor.objects.filter(user=user, revoked_at__isnull=True).values("indicator_set_id")
        return qs.filter(**{f"{set_path}pk__in" if not set_path else f"{set_path}id__in": ids})

    return has_action(f"{A}.external.assess") & Rule(allows, restrict, "assigned_assessor")


class IndicatorSetPolicy(Policy):
    """`view`: whoever holds the view action, or a 第三方评估 account on the set it is assigned."""

    model = IndicatorSet
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.set.view") | assigned_assessor(),
        "manage": has_action(f"{A}.set.manage") & in_scope("owner"),
    }


class IndicatorNodePolicy(Policy):
    """A leaf is answered by its responsible units (牵头 / 配合) within the user's data scope, reviewed by the office
    that organises the set."""

    model = IndicatorNode
    rules: ClassVar[dict[str, Rule]] = {
        "self_assess": has_action(f"{A}.self.assess") & in_scope("units__unit"),
        "review": (has_action(f"{A}.set.manage") & in_scope("indicator_set__owner"))
        | assigned_assessor("indicator_set__"),
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


class SurveyPolicy(Policy):
    """公众满意度调查: the results are read by whoever reads the assessment, within the survey's organiser or the unit
    it is about (a liaison: surveys of their own unit); the organising office opens, closes and issues codes. Answering
    is the public's, on the portal (no user)."""

    model = Survey
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.set.view") & (in_scope("owner") | in_scope("subject")),
        "manage": has_action(f"{A}.set.manage") & in_scope("owner"),
    }
