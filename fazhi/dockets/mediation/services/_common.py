"""What the mediation services share: refusals naming the field, Chinese dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.cases.services import today_local
from fazhi.core.cn import cn_date as cn  # noqa: F401  (re-exported: the mediation services' Chinese dates)
from fazhi.core.errors import DomainError

INVALID = "invalid"


def required(value: Any, field: str, label: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return value.strip() if isinstance(value, str) else value


def choice(value: str, options: dict[str, str], field: str, label: str) -> str:
    if value not in options:
        raise DomainError(INVALID, f"请选择{label}（{'、'.join(options.values())}）。", field=field)
    return value


def past(on: dt.date | None, field: str, label: str) -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}{cn(on)}不能晚于今天（{cn(today_local())}）。", field=field)
    return on
