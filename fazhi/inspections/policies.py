"""Who may see and act on 督察. A plan is in scope through its organizing unit (the office's data scope covers the
city); its team members record fieldwork and findings and review the 整改 (销号 / 退回); a finding is also in scope
for its responsible unit, whose liaisons report the 整改. Anything not listed is denied."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Exists, OuterRef, QuerySet

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import Finding, InspectionPlan, TeamMember


def _on_team(plan_field: str) -> Rule:
    """The user is on the plan's team (leader or member)."""

    def allows(user: Any, obj: Any) -> bool:
        if obj is None:
            return False
        plan_id = obj.pk if not plan_field else getattr(obj, f"{plan_field}_id", None)
        return TeamMember.objects.filter(plan_id=plan_id, user_id=user.pk).exists()

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        ref = OuterRef("pk") if not plan_field else OuterRef(plan_field)
        return qs.filter(Exists(TeamMember.objects.filter(plan_id=ref, user_id=user.pk)))

    return Rule(allows, restrict, f"team:{plan_field or 'self'}")


class InspectionPlanPolicy(Policy):
    model = InspectionPlan
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("inspections.plan.view") & in_scope("organizer"),
        "manage": has_action("inspections.manage") & in_scope("organizer"),
        # fieldwork and findings: the team, or who manages the plan
        "record": has_action("inspections.record") & in_scope("organizer") & _on_team(""),
    }


class FindingPolicy(Policy):
    model = Finding
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("inspections.finding.view") & (in_scope("responsible_unit") | in_scope("organizer")),
        "rectify": has_action("inspections.rectify") & in_scope("responsible_unit"),
        "review": has_action("inspections.review") & in_scope("organizer") & _on_team("plan"),
        "recheck": has_action("inspections.record") & in_scope("organizer") & _on_team("plan"),
    }
