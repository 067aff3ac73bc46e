from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local

from ..errors import InspectionErrorCode as E
from ..models import Finding, InspectionPlan
from ..policies import FindingPolicy, InspectionPlanPolicy


def who(by: Any) -> Any:
    """The user for a foreign key ("fazhi demo" acting as the system leaves it empty; the audit names it)."""
    return by if getattr(by, "is_authenticated", False) else None


def is_person(by: Any) -> bool:
    return by is not None and not isinstance(by, str)


def plan_lock(plan: InspectionPlan, by: Any, action: str) -> InspectionPlan:
    p = InspectionPlan.objects.select_for_update(of=("self",)).select_related("organizer").get(pk=plan.pk)
    if is_person(by) and not InspectionPlanPolicy.can(by, action, p):
        raise DomainError(E.FORBIDDEN, "您无权对该督察执行此操作。")
    return p


def finding_lock(finding: Finding, by: Any, action: str) -> Finding:
    f = Finding.objects.select_for_update(of=("self",)).select_related("plan", "responsible_unit").get(pk=finding.pk)
    if is_person(by) and not FindingPolicy.can(by, action, f):
        raise DomainError(E.FORBIDDEN, "您无权对该问题执行此操作。")
    return f


def need(text: str, field: str, label: str) -> str:
    if not (text or "").strip():
        raise DomainError(E.REQUIRED, f"请填写{label}。", field=field)
    return text.strip()


def not_future(day: dt.date | None, field: str, label: str) -> dt.date:
    if day is None:
        raise DomainError(E.REQUIRED, f"请填写{label}。", field=field)
    today = today_local()
    if day > today:
        raise DomainError(E.DATE, f"{label}（{day:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。", field=field)
    return day


def event(obj: Any, action: str, by: Any, scope_unit: Any, **summary: Any) -> None:
    record_event(actor=by, action=action, obj=obj, unit=scope_unit, summary=summary)
