"""Reads of the 人民调解 organisations and cases, pre-scoped to the user's data scope (the committee's unit)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.orgs.scopes import grants_for, scope_q, unit_in_scope

from .models import Committee, Mediator

SUPERVISE = "mediation.case.supervise"


def committees_visible_to(user: Any) -> QuerySet[Committee]:
    """The committees whose unit lies in the user's scope (a committee its own, the 司法所 its town's, the 司法局
    all), for holders of `mediation.case.view`."""
    if not grants_for(user).has("mediation.case.view"):
        return Committee.objects.none()
    q = scope_q(user, "unit")
    qs = Committee.objects.select_related("unit")
    return qs if q is None else qs.filter(q)


def committee_get_for(user: Any, pk: int) -> Committee:
    committee = committees_visible_to(user).filter(pk=pk).first()
    if committee is None:
        raise Http404("调解委员会不存在")
    return committee


def committee_choices(user: Any) -> QuerySet[Committee]:
    """The active committees the user may register disputes with."""
    return committees_visible_to(user).filter(is_active=True)


def mediators_of(committee: Committee) -> QuerySet[Mediator]:
    return committee.mediators.filter(is_active=True).order_by("name")


def mediation_supervisors(case: Any) -> list[Any]:
    """Active users holding `mediation.case.supervise` with the case's committee unit in their scope (the 司法所 of
    its town, the 司法局): told at once of an urgent dispute."""
    from fazhi.orgs.models import Role, User

    role_ids = [r.pk for r in Role.objects.all() if SUPERVISE in (r.actions or [])]
    users = User.objects.filter(is_active=True, roles__in=role_ids).distinct().select_related("unit")
    return [u for u in users if grants_for(u).has(SUPERVISE) and unit_in_scope(u, case.handling_unit_id)]
