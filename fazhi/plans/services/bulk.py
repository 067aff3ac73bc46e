"""Bulk steps on the shares a user may act on (a district liaison with 73 shares across 7 sub-units signs and
reports them at once, #13): each share goes through its own door (assignment_sign / assignment_report), all in one
transaction — a refusal on one share changes none."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError

from ..errors import PlansErrorCode
from ..models import TaskAssignment
from ..states import AssignmentState
from .assignment import assignment_report, assignment_sign


def _none_selected() -> DomainError:
    return DomainError(PlansErrorCode.NOTHING_SELECTED, "所选任务：请至少选择一项可办理的任务。", field="items")


@transaction.atomic
def assignments_sign(*, assignments: Sequence[TaskAssignment], by: Any) -> int:
    """签收 every given share. A share already signed (a retried submit, or signed meanwhile) is left as it is and
    not counted; returns how many were signed now."""
    if not assignments:
        raise _none_selected()
    n = 0
    for a in assignments:
        current = TaskAssignment.objects.filter(pk=a.pk).values_list("state", flat=True).first()
        if current != AssignmentState.ASSIGNED:
            continue
        assignment_sign(assignment=a, by=by)
        n += 1
    return n


@transaction.atomic
def assignments_report(
    *,
    assignments: Sequence[TaskAssignment],
    by: Any,
    text: str,
    percent: int | None = None,
    submit_token: uuid.UUID | None = None,
) -> int:
    """One progress report (报送进展) on every given share. With a submit token each share's report gets a token
    derived from it, so a retried submit adds no second report. Returns the number of shares reported on."""
    if not assignments:
        raise _none_selected()
    if not (text or "").strip():
        raise DomainError(PlansErrorCode.TEXT_REQUIRED, "进展情况：不能为空。", field="text")
    for a in assignments:
        token = uuid.uuid5(submit_token, f"share.{a.pk}") if submit_token is not None else None
        assignment_report(assignment=a, by=by, text=text.strip(), percent=percent, submit_token=token)
    return len(assignments)
