"""Reads, pre-scoped by the user's data scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.module_loading import import_string

from fazhi.core.rows import model_rows, value_rows
from fazhi.orgs.models import User
from fazhi.orgs.unit_cache import unit_kept

from .listing import case_kept
from .models import Case, CaseEvent, DocumentTemplate, Party
from .policies import CasePolicy
from .registry import DOCKETS, Transition, docket_get


def _docket_scope(docket: str | None) -> Any:
    """The docket's own scoped view (`DocketSpec.visible_to`) when it declares one."""
    spec = DOCKETS.get(docket) if docket else None
    return import_string(spec.visible_to) if spec is not None and spec.visible_to else None


def cases_visible_to(user: Any, *, docket: str | None = None, action: str = "view") -> QuerySet[Case]:
    scope = _docket_scope(docket) if action == "view" else None
    if scope is not None:
        return scope(user).select_related("handling_unit", "handler", "respondent_unit")
    qs = CasePolicy.visible(user, action).select_related("handling_unit", "handler", "respondent_unit")
    return qs.filter(docket=docket) if docket else qs


def _may_view(user: Any, action: str, case: Case) -> bool:
    if CasePolicy.can(user, action, case):
        return True
    scope = _docket_scope(case.docket) if action == "view" else None
    return scope is not None and scope(user).filter(pk=case.pk).exists()


def cases_in_period(
    docket: str,
    period: Any,
    *,
    user: Any = None,
    unit_code: str | None = None,
    unit_ids: list[int] | None = None,
) -> QuerySet[Case]:
    """A docket's cases that count in a period (every docket's statistics and metrics): received in it, closed in it,
    or still open at its end (open, or closed after it). Scoped to what `user` may see when given; `unit_code` is a
    unit as respondent or handler; `unit_ids` a unit with its subordinates (the metric registry's scope)."""
    from django.db.models import Q

    from .periods import as_period

    qs = cases_visible_to(user, docket=docket) if user is not None else Case.objects.filter(docket=docket)
    start, end = as_period(period).start, as_period(period).end
    qs = qs.filter(
        Q(received_on__range=(start, end))
        | Q(closed_on__range=(start, end))
        | Q(received_on__lte=end, closed_on__isnull=True)
        | Q(received_on__lte=end, closed_on__gt=end)
    )
    if unit_code:
        qs = qs.filter(Q(respondent_unit__code=unit_code) | Q(handling_unit__code=unit_code))
    if unit_ids is not None:
        qs = qs.filter(Q(respondent_unit_id__in=unit_ids) | Q(handling_unit_id__in=unit_ids))
    return qs


def case_get_for(user: Any, pk: int, *, action: str = "view", docket: str | None = None) -> Case:
    """The case if the user may `action` it; Http404 for both missing and forbidden rows. Its handling and
    respondent units come from the per-process unit cache when the user was loaded with a grants stamp (a join less
    each; the handler is then read only if a page shows it), else from the same query."""
    stamp = getattr(user, "grants_stamp", None)
    if stamp:

        def read() -> Case | None:
            found = model_rows(Case, "id = %s", [pk])
            return found[0] if found else None

        case = case_kept(user, docket, "case", pk, read) if docket else read()
    else:
        case = Case.objects.select_related("handling_unit", "handler", "respondent_unit").filter(pk=pk).first()
    if case is None or (docket and case.docket != docket) or not _may_view(user, action, case):
        raise Http404("案件不存在")
    if stamp:
        for name in ("handling_unit", "respondent_unit"):
            unit = unit_kept(getattr(case, f"{name}_id"), stamp)
            if unit is not None:
                Case._meta.get_field(name).set_cached_value(case, unit)  # type: ignore[union-attr]
    return case


def case_timeline(case: Case, *, public_only: bool = False) -> list[dict[str, Any]]:
    """The case's events in order as plain rows: occurred_on, label, actor (the person's name, "" for the system)."""
    e, u = CaseEvent._meta, User._meta
    sql = (
        f"SELECT e.occurred_on, e.label, u.full_name, u.username FROM {e.db_table} e "  # noqa: S608
        f"LEFT OUTER JOIN {u.db_table} u ON u.id = e.actor_id WHERE e.case_id = %s"
        + (" AND e.public = %s" if public_only else "")
        + " ORDER BY e.occurred_on, e.id"
    )
    fields = [e.get_field("occurred_on"), e.get_field("label"), u.get_field("full_name"), u.get_field("username")]
    rows = value_rows(CaseEvent, sql, [case.pk, True] if public_only else [case.pk], fields)
    return [{"occurred_on": on, "label": label, "actor": name or username or ""} for on, label, name, username in rows]


def case_parties(case: Case) -> list[Party]:
    """The case's parties in the order they were added."""
    return model_rows(Party, "case_id = %s", [case.pk], order_by="id")


def case_page_reads(user: Any, case: Case) -> dict[str, Any]:
    """What every case page shows besides the case and its clocks: parties, timeline, the case file's rows. The
    timeline and the file rows are kept under the docket stamp (listing.case_kept); the parties are read every time —
    their decrypted personal data never goes into a cache (which may be Redis or memcached, docs/deploy.md)."""
    from .casefile import case_file_rows

    def read() -> dict[str, Any]:
        return {"events": case_timeline(case), "file": case_file_rows(case)}

    return {"parties": case_parties(case), **case_kept(user, case.docket, "reads", case.pk, read)}


def transitions_available(user: Any, case: Case) -> list[Transition]:
    """Transitions the user may take now: right state, guard passes, action granted, case in scope."""
    spec = docket_get(case.docket)
    return [
        t
        for t in spec.transitions_from(case.state)
        if t.refusal(case) is None and CasePolicy.can_transition(user, case, t)
    ]


def case_by_receipt(receipt_number: str, phone_index: str) -> Case | None:
    """Portal lookup: the receipt number and the applicant's phone (blind index) must both match."""
    return (
        Case.objects.filter(receipt_number=receipt_number, parties__role="applicant", parties__phone_index=phone_index)
        .distinct()
        .first()
    )


def templates_for(docket: str) -> QuerySet[DocumentTemplate]:
    return DocumentTemplate.objects.filter(docket=docket)


def case_users_who_can(case: Case, transition_code: str) -> list[Any]:
    """Active users who may take `transition_code` on this case now (action granted and case in their data scope):
    the recipients of "awaiting your approval" notices. Candidates are narrowed to holders of a role granting the
    action before the policy decides each one."""
    from fazhi.orgs.models import Role, User

    transition = docket_get(case.docket).transition(transition_code)
    role_ids = [r.pk for r in Role.objects.all() if transition.action in (r.actions or [])]
    candidates = User.objects.filter(is_active=True, roles__in=role_ids).distinct().select_related("unit")
    return [u for u in candidates if CasePolicy.can_transition(u, case, transition)]
