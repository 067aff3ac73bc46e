"""Reads of 行政复议 cases, pre-scoped through the kernel's CasePolicy (list and export share the filters)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from fazhi.cases.models import Case
from fazhi.cases.selectors import cases_visible_to

DOCKET = "reconsideration"


def reconsideration_cases(user: Any, *, state: str = "", q: str = "", action: str = "view") -> QuerySet[Case]:
    """Cases the user may `action` (view / export), filtered like the list page: state, and 案号 or 案由 contains q."""
    qs = cases_visible_to(user, docket=DOCKET, action=action)
    if state:
        qs = qs.filter(state=state)
    q = q.strip()
    if q:
        qs = qs.filter(Q(case_number__contains=q) | Q(title__contains=q))
    return qs.order_by("-received_on", "-id")
