"""What the legal-aid services share: refusals naming the field (nothing written)."""

from __future__ import annotations

from typing import Any

from fazhi.core.errors import DomainError

DOCKET = "legal_aid"
INVALID = "invalid"


def required(value: Any, field: str, label: str) -> str:
    if value is None or not str(value).strip():
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return str(value).strip()


def choice(value: str, options: dict[str, str], field: str, label: str) -> str:
    if value not in options:
        raise DomainError(INVALID, f"请选择{label}。", field=field)
    return value
