from __future__ import annotations

from typing import Any

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from ..errors import EnforcementErrorCode as E


def is_user(by: Any) -> bool:
    """A signed-in user (policy-checked); "fazhi demo" and the import worker act as the system."""
    return bool(getattr(by, "is_authenticated", False))


def who(by: Any) -> Any:
    return by if is_user(by) else None


def need(value: str, field: str, label: str) -> str:
    v = (value or "").strip()
    if not v:
        raise DomainError(E.INVALID, f"请填写{label}。", field=field)
    return v


def event(obj: Any, action: str, by: Any, **summary: Any) -> None:
    record_event(actor=by, action=str(action), obj=obj, summary=summary)
