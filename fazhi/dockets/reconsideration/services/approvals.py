"""Requests that need the 复议机构 head (延期, 程序转换) and who is told, plus the head's refusal of any pending
request (Arts. 55, 62). Decision drafts and termination requests use the same notices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.models import Case
from fazhi.cases.selectors import case_users_who_can
from fazhi.cases.services import (
    case_transition_apply,
    today_local,
)
from fazhi.core.errors import DomainError
from fazhi.notifications.services import notify

from ..codes import (
    REQUEST_KINDS,
)
from ..guards import pending_requests
from ._common import (
    INVALID,
    _doc,
    _past,
    _required,
)

APPROVING_TRANSITION = {
    "extension": "approve_extension",
    "switch": "approve_switch",
    "decision": "approve_decision",
    "termination": "terminate",
}


def _requested_by(case: Case, kind: str, by: Any) -> dict[str, Any]:
    """The `extra` update remembering who asked, so the answer goes back to them."""
    return {"requested_by": {**case.extra.get("requested_by", {}), kind: getattr(by, "pk", None)}}


def _notify_approvers(case: Case, kind: str, by: Any) -> None:
    """Tell every user who may take the approving step on this case (action + data scope), except the requester."""
    recipients = [u for u in case_users_who_can(case, APPROVING_TRANSITION[kind]) if u.pk != getattr(by, "pk", None)]
    label = dict(REQUEST_KINDS)[kind]
    title = f"待审批：{case.case_number} {label}"
    key = f"reconsideration.{case.pk}.{kind}.requested.v{case.version}"
    link = case.get_absolute_url()
    transaction.on_commit(lambda: notify(recipients=recipients, title=title, dedupe_key=key, link=link))


def _notify_requester(case: Case, kind: str, by: Any, *, approved: bool, reason: str = "") -> None:
    """Tell the handler (and whoever asked) that the head approved or refused."""
    from fazhi.orgs.models import User

    ids = {case.extra.get("requested_by", {}).get(kind), case.handler_id} - {None, getattr(by, "pk", None)}
    recipients = list(User.objects.filter(pk__in=ids, is_active=True))
    label = dict(REQUEST_KINDS)[kind]
    title = f"{label}{'已获批准' if approved else '未获批准'}：{case.case_number}"
    key = f"reconsideration.{case.pk}.{kind}.{'approved' if approved else 'refused'}.v{case.version}"
    link = case.get_absolute_url()
    transaction.on_commit(lambda: notify(recipients=recipients, title=title, body=reason, dedupe_key=key, link=link))


@transaction.atomic
def case_request_switch(*, case: Case, by: Any, reason: str, expected_version: int | None = None) -> Case:
    _required((reason or "").strip(), "reason", "理由")
    case = case_transition_apply(
        case=case,
        code="request_switch",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"switch_requested": True, "switch_reason": reason, **_requested_by(case, "switch", by)},
        detail={"reason": reason},
    )
    _notify_approvers(case, "switch", by)
    return case


@transaction.atomic
def case_approve_switch(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    """Art. 55: switching to the ordinary procedure needs the 复议机构 head's approval; the ordinary decision period
    runs from acceptance."""
    _past(on)
    case = case_transition_apply(
        case=case,
        code="approve_switch",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"procedure": "ordinary", "switch_requested": False, "switched_on": on.isoformat()},
        event_label="经批准转为普通程序",
        detail={"note": note},
    )
    _notify_requester(case, "switch", by, approved=True)
    return case


@transaction.atomic
def case_request_extension(*, case: Case, by: Any, days: int, reason: str, expected_version: int | None = None) -> Case:
    if not days or days < 1 or days > 30:
        raise DomainError(INVALID, "延长期限应为1至30日（第六十二条第一款）。", field="days")
    _required((reason or "").strip(), "reason", "延期理由")
    case = case_transition_apply(
        case=case,
        code="request_extension",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"extension_requested": days, "extension_reason": reason, **_requested_by(case, "extension", by)},
        detail={"days": days, "reason": reason},
    )
    _notify_approvers(case, "extension", by)
    return case


@transaction.atomic
def case_approve_extension(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    _past(on)
    days = int(case.extra.get("extension_requested") or 0)
    reason = case.extra.get("extension_reason", "")
    case = case_transition_apply(
        case=case,
        code="approve_extension",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"extension_requested": 0, "extension_days": days, "extension_approved_on": on.isoformat()},
        event_label=f"经批准延长审理期限{days}日",
        detail={"days": days},
    )
    clocks.case_clock_extend(case=case, key="decision", units=days, approver=by, reason=reason, by=by)
    _doc(case, "extension_notice", by, on, 延期理由=reason, 延长天数=days)
    _notify_requester(case, "extension", by, approved=True)
    return case


REFUSE_CLEARS = {
    "extension": lambda x: {"extension_requested": 0},
    "switch": lambda x: {"switch_requested": False},
    "decision": lambda x: {"decision": None, "decision_returned": x.get("decision")},  # the reason is added below
    "termination": lambda x: {"termination_requested": None},
}


@transaction.atomic
def case_refuse(*, case: Case, by: Any, request: str, reason: str, expected_version: int | None = None) -> Case:
    """The head refuses a pending request (extension, switch, decision draft, termination); the handler is told why.
    A refused decision draft is kept as `decision_returned` so the handler can revise it."""
    labels = dict(REQUEST_KINDS)
    if request not in pending_requests(case):
        raise DomainError(INVALID, f"没有待审批的{labels.get(request, '事项')}。", field="request")
    _required((reason or "").strip(), "reason", "理由")
    case = case_transition_apply(
        case=case,
        code="refuse",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={
            **REFUSE_CLEARS[request](case.extra),
            **({"decision_returned_reason": reason} if request == "decision" else {}),
        },
        event_label=f"不予批准：{labels[request]}",
        detail={"request": request, "reason": reason},
    )
    _notify_requester(case, request, by, approved=False, reason=reason)
    return case
