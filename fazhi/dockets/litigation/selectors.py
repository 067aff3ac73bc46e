"""Reads of 行政应诉 cases, pre-scoped."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from fazhi.cases.models import Case

from .policies import LitigationCasePolicy

DOCKET = "litigation"


def litigation_case_get_for(user: Any, pk: int, *, action: str = "view") -> Case:
    """The 行政应诉 case if the user may `action` it; Http404 alike for a missing, other-docket or forbidden row."""
    case = Case.objects.select_related("handling_unit", "handler", "respondent_unit").filter(pk=pk).first()
    if case is None or case.docket != DOCKET or not LitigationCasePolicy.can(user, action, case):
        raise Http404("案件不存在")
    return case
