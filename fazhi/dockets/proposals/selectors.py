"""Reads, scoped: an item is seen by its 主办 unit (kernel scope) and by every unit it was handed to."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.cases.models import Case
from fazhi.orgs.rules import has_action
from fazhi.orgs.scopes import scope_q

from .models import Assignment
from .policies import ProposalPolicy, SharePolicy

DOCKET = "proposals"


def proposals_visible_to(user: Any) -> QuerySet[Case]:
    base = Case.objects.filter(docket=DOCKET)
    if not (has_action("cases.case.view") & has_action("proposals.case.view")).allows(user, None):
        return base.none()
    lead = scope_q(user, "handling_unit")
    if lead is None:  # data scope: all
        return base
    shares = Assignment.objects.filter(scope_q(user, "unit") or Q(), active=True).values("case_id")
    return base.filter(lead | Q(pk__in=shares))


def proposal_get_for(user: Any, pk: int) -> Case:
    case = Case.objects.select_related("handling_unit").filter(pk=pk, docket=DOCKET).first()
    if case is None or not ProposalPolicy.can(user, "view", case):
        raise Http404("建议提案不存在")
    return case


def shares_of(case: Case) -> list[Assignment]:
    return list(Assignment.objects.filter(case=case, active=True).select_related("unit").order_by("role", "id"))


def share_get_for(user: Any, pk: int, action: str = "handle") -> Assignment:
    share = Assignment.objects.select_related("unit", "case").filter(pk=pk, active=True).first()
    if share is None or not SharePolicy.can(user, action, share):
        raise Http404("承办记录不存在")
    return share


def shares_of_user(user: Any, case: Case) -> list[Assignment]:
    """The 分办/协办 shares of `case` the user may work."""
    return [s for s in shares_of(case) if s.role != "lead" and SharePolicy.can(user, "handle", s)]
