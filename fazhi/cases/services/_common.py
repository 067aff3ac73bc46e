"""Shared by the kernel services: the audit actor and the legal today."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _actor(by: Any) -> Any:
    return by if by is not None else "system"


def today_local() -> dt.date:
    """The legal 'today' (Asia/Shanghai). Delegates to fazhi/deadlines when present."""
    try:
        from fazhi.deadlines.selectors import today_local as deadlines_today
    except ImportError:
        from django.utils import timezone

        return timezone.localdate()
    return deadlines_today()
