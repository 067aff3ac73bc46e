"""中止, 恢复 and 终止 (Arts. 39, 41, 74)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases.models import Case
from fazhi.cases.services import (
    case_transition_apply,
    today_local,
)
from fazhi.core.errors import DomainError

from ..codes import (
    SUSPEND_GROUNDS,
    TERMINATE_GROUNDS,
)
from ._common import (
    INVALID,
    _decision_due,
    _doc,
    _past,
)
from .approvals import _notify_approvers, _notify_requester, _requested_by


@transaction.atomic
def case_suspend(
    *, case: Case, by: Any, on: dt.date, ground: str, note: str = "", expected_version: int | None = None
) -> Case:
    grounds = dict(SUSPEND_GROUNDS)
    if ground not in grounds:
        raise DomainError(INVALID, "请选择第三十九条规定的中止情形。", field="ground")
    _past(on)
    case = case_transition_apply(
        case=case,
        code="suspend",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"suspended_on": on.isoformat(), "suspend_ground": ground},
        event_label=f"中止审理（{grounds[ground]}）",
        detail={"ground": ground, "note": note},
    )
    _doc(case, "suspension_notice", by, on, 中止理由=grounds[ground])
    return case


@transaction.atomic
def case_resume(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    _past(on)  # not before the suspension: the kernel's date invariant (spec: follows)
    case = case_transition_apply(
        case=case,
        code="resume",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"resumed_on": on.isoformat()},
        detail={"note": note},
    )
    _doc(case, "resumption_notice", by, on)
    return case


@transaction.atomic
def case_terminate(
    *, case: Case, by: Any, on: dt.date, ground: str, note: str = "", expected_version: int | None = None
) -> Case:
    grounds = dict(TERMINATE_GROUNDS)
    if ground not in grounds:
        raise DomainError(INVALID, "请选择第四十一条规定的终止情形。", field="ground")
    _past(on)
    _check_t5(case, ground)
    requested = bool(case.extra.get("termination_requested"))
    case = case_transition_apply(
        case=case,
        code="terminate",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="terminated",
        extra={"terminate_ground": ground, "decision_due": _decision_due(case), "termination_requested": None},
        event_label=f"终止行政复议（{grounds[ground]}）",
        detail={"ground": ground},
    )
    _doc(case, "termination_notice", by, on, 终止理由=grounds[ground])
    if requested:
        _notify_requester(case, "termination", by, approved=True)
    return case


def _check_t5(case: Case, ground: str) -> None:
    if ground == "T5" and case.extra.get("suspend_ground") not in ("S1", "S2", "S4"):
        raise DomainError(INVALID, "仅因第三十九条第一款第一、二、四项中止满六十日的案件可依此项终止。", field="ground")


@transaction.atomic
def case_request_termination(
    *, case: Case, by: Any, ground: str, note: str = "", expected_version: int | None = None
) -> Case:
    """The handler proposes 终止 (Art. 41); the 复议机构 head decides (terminate or refuse)."""
    grounds = dict(TERMINATE_GROUNDS)
    if ground not in grounds:
        raise DomainError(INVALID, "请选择第四十一条规定的终止情形。", field="ground")
    _check_t5(case, ground)
    case = case_transition_apply(
        case=case,
        code="request_termination",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"termination_requested": {"ground": ground, "note": note}, **_requested_by(case, "termination", by)},
        event_label=f"申请终止行政复议（{grounds[ground]}）",
        detail={"ground": ground},
    )
    _notify_approvers(case, "termination", by)
    return case
