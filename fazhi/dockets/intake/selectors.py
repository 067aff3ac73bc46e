"""Reads of the intake, pre-scoped: the intakes themselves are the kernel's cases (`cases_visible_to(user,
docket="intake")`, scoped by the registering unit); here who is told of an urgent one."""

from __future__ import annotations

from typing import Any

from fazhi.orgs.scopes import grants_for, unit_in_scope

SUPERVISE = "intake.case.supervise"


def intake_supervisors(case: Any) -> list[Any]:
    """Active users holding `intake.case.supervise` with the registering unit in their scope (the 司法所 of the town,
    the 司法局): told at once of a 群体性 or 可能激化 dispute."""
    from fazhi.orgs.models import Role, User

    role_ids = [r.pk for r in Role.objects.all() if SUPERVISE in (r.actions or [])]
    users = User.objects.filter(is_active=True, roles__in=role_ids).distinct().select_related("unit")
    return [u for u in users if grants_for(u).has(SUPERVISE) and unit_in_scope(u, case.handling_unit_id)]
