"""Shared by the 行政应诉 services: input checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.core.errors import DomainError

from ..codes import (
    INSTANCES,
)

DOCKET = "litigation"
INVALID = "invalid"
INSTANCE_LABEL = dict(INSTANCES)


def _past(on: dt.date | None, field: str = "on", label: str = "日期") -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}不能晚于今天。", field=field)
    return on


def _required(value: Any, field: str, label: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return value.strip() if isinstance(value, str) else value


def _not_before_service(case: Case, on: dt.date, field: str = "on") -> None:
    served = case.extra.get("served_on")
    if served and on.isoformat() < served:
        raise DomainError(INVALID, "日期不能早于收到起诉状副本的日期。", field=field)
