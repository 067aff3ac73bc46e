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


def committee_options(user: Any) -> list[tuple[int, str]]:
    """(id, name) of the active committees the user may register disputes with (every active one for the system,
    `user=None`): the hand-over's `committee` choices (spec `handover.choices`), e.g. on the intake's routing page."""
    qs = Committee.objects.filter(is_active=True) if user is None else committee_choices(user)
    return [(c.pk, c.name) for c in qs.order_by("unit__path", "name")]


def mediators_of(committee: Committee) -> QuerySet[Mediator]:
    return committee.mediators.filter(is_active=True).order_by("name")


def mediation_supervisors(case: Any) -> list[Any]:
    """Active users holding `mediation.case.supervise` with the case's committee unit in their scope (the 司法所 of
    its town, the 司法局): told at once of an urgent dispute."""
    from fazhi.orgs.models import Role, User

    role_ids = [r.pk for r in Role.objects.all() if SUPERVISE in (r.actions or [])]
    users = User.objects.filter(is_active=True, roles__in=role_ids).distinct().select_related("unit")
    return [u for u in users if grants_for(u).has(SUPERVISE) and unit_in_scope(u, case.handling_unit_id)]


HOTLINE_VIEW = "mediation.hotline.view"


def hotline_calls_visible_to(user: Any) -> QuerySet[Any]:
    """12348 calls answered by a unit in the user's scope, for holders of `mediation.hotline.view`."""
    from .models import HotlineCall

    if not grants_for(user).has(HOTLINE_VIEW):
        return HotlineCall.objects.none()
    q = scope_q(user, "unit")
    return HotlineCall.objects.all() if q is None else HotlineCall.objects.filter(q)


# what a page shows (mediation/templatetags/hotline_rows.py): the rest of the three rows stays in the database
PAGE_FIELDS = (
    "received_at",
    "duration_seconds",
    "topic",
    "question",
    "answer",
    "transferred",
    "transferred_to",
    "unit__name",
    "unit__short_name",
    "operator__full_name",
    "operator__username",
)


def hotline_page(qs: QuerySet[Any], *, after: tuple[str, int] | None, size: int) -> tuple[list[Any], Any]:
    """One page of the log, newest first, keyset-paged on (received_at, id): the cost of page N does not grow with N
    (an OFFSET would read every row before it). Returns (rows, the cursor of the next page or None)."""
    import datetime as dt

    from fazhi.core.keyset import rows_after

    if after is not None:
        qs = qs.filter(rows_after(("-received_at", "-id"), (dt.datetime.fromisoformat(after[0]), after[1])))
    rows = list(qs.order_by("-received_at", "-id").select_related("unit", "operator").only(*PAGE_FIELDS)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, ((rows[-1].received_at.isoformat(), rows[-1].pk) if more and rows else None)
