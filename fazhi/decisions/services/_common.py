from __future__ import annotations

from typing import Any

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from ..errors import DecisionErrorCode as E
from ..models import Decision
from ..policies import DecisionPolicy
from ..states import TRANSITIONS

A = "《重大行政决策程序暂行条例》"


def who(by: Any) -> Any:
    """The user for a foreign key ("fazhi demo" acting as the system leaves it empty; the audit names it)."""
    return by if getattr(by, "is_authenticated", False) else None


def lock(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().get(pk=decision.pk)


def enter(decision: Decision, transition: str, by: Any, action: str) -> Decision:
    """Lock, check the policy and the state table; the caller applies the target state."""
    d = lock(decision)
    if by is not None and not isinstance(by, str) and not DecisionPolicy.can(by, action, d):
        raise DomainError(E.FORBIDDEN, "您无权对该决策执行此操作。")
    sources, _, label = TRANSITIONS[transition]
    if d.state not in sources:
        raise DomainError(E.TRANSITION, f"决策当前为“{d.get_state_display()}”，不能{label}。", field="state")
    return d


def move(d: Decision, transition: str) -> None:
    target = TRANSITIONS[transition][1]
    if target is not None:
        d.state = target
    d.save()


def event(d: Decision, action: str, by: Any, **summary: Any) -> None:
    record_event(actor=by, action=action, obj=d, unit=d.lead_unit, summary={"state": d.state, **summary})


def need(text: str, field: str, label: str) -> str:
    if not (text or "").strip():
        raise DomainError(E.REASON_REQUIRED, f"请填写{label}。", field=field)
    return text.strip()
