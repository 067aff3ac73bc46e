"""Reads of the 法律援助人员 registry, pre-scoped by AidPersonPolicy (the centre's unit in the viewer's scope), and each
person's workload (the cases assigned to them, open and closed)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.http import Http404

from fazhi.cases.models import Case

from .models import AidPerson
from .policies import AidPersonPolicy

DOCKET = "legal_aid"


def aid_people_visible_to(user: Any, action: str = "view") -> QuerySet[AidPerson]:
    return AidPersonPolicy.visible(user, action).select_related("centre")


def aid_person_get_for(user: Any, pk: Any, action: str = "view") -> AidPerson:
    """The same 404 for a person that does not exist and one the user may not `action`."""
    try:
        person = aid_people_visible_to(user, action).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        person = None
    if person is None:
        raise Http404("法律援助人员不存在")
    return person


def aid_people_for_case(case: Any) -> QuerySet[AidPerson]:
    """Whom a case may be assigned to: the active people of its own centre (the handling unit)."""
    return AidPerson.objects.filter(centre_id=case.handling_unit_id, is_active=True).order_by("kind", "name", "id")


def aid_people_workload(person_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per person: legal-aid cases assigned to them still open, and closed (办结 or 终止). Counted over every case
    of the docket — a case is assigned only to a person of its own centre, so whoever sees the person sees the
    centre's cases. Cases assigned before the registry (a typed name) count for nobody."""
    if not person_ids:
        return {}
    closed_states = [s.code for s in _states() if s.closed]
    rows = (
        Case.objects.filter(docket=DOCKET, extra__assignment__person_id__in=person_ids)
        .annotate(person=KT("extra__assignment__person_id"))
        .values("person")
        .annotate(
            open=Count("pk", filter=~Q(state__in=closed_states)),
            closed=Count("pk", filter=Q(state__in=closed_states)),
        )
        .order_by()
    )
    return {int(r["person"]): {"open": r["open"], "closed": r["closed"]} for r in rows}


def _states() -> Any:
    from .spec import STATES

    return STATES
