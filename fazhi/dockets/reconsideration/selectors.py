"""Reads of 行政复议 cases, pre-scoped through the kernel's CasePolicy (list and export share the filters)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from fazhi.cases.models import Case
from fazhi.cases.selectors import cases_visible_to

DOCKET = "reconsideration"


def by_state(qs: QuerySet[Case], state: str, user: Any = None) -> QuerySet[Case]:
    return qs.filter(state=state)


def by_text(qs: QuerySet[Case], q: str, user: Any = None) -> QuerySet[Case]:
    """案号 or 案由 contains q."""
    return qs.filter(Q(case_number__contains=q) | Q(title__contains=q))


def reconsideration_cases(user: Any, *, state: str = "", q: str = "", action: str = "view") -> QuerySet[Case]:
    """Cases the user may `action` (view / export), filtered like the list page (the same filters)."""
    qs = cases_visible_to(user, docket=DOCKET, action=action)
    if state:
        qs = by_state(qs, state)
    q = q.strip()
    if q:
        qs = by_text(qs, q)
    return qs.order_by("-received_on", "-id")


def reconsideration_case_get_for(user: Any, pk: int, *, action: str = "view") -> Case:
    """The 行政复议 case if the user may `action` it; Http404 alike for a missing, other-docket or forbidden row."""
    from django.http import Http404

    from .policies import ReconsiderationCasePolicy

    case = Case.objects.select_related("handling_unit", "handler", "respondent_unit").filter(pk=pk).first()
    if case is None or case.docket != DOCKET or not ReconsiderationCasePolicy.can(user, action, case):
        raise Http404("案件不存在")
    return case
