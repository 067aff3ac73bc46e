"""Dates of the steps after freezing: the statutory publication day and the submission checklist (settings)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings


def publish_deadline(year: int) -> dt.date:
    """The last day to publish the year's report: the day before FAZHI_REPORTS["PUBLISH_BEFORE"] of the next year
    (第二十四条: 每年4月1日之前 → 31 March)."""
    month, day = settings.FAZHI_REPORTS["PUBLISH_BEFORE"]
    return dt.date(year + 1, month, day) - dt.timedelta(days=1)


def submissions(year: int) -> list[dict[str, Any]]:
    """The submission checklist: who → whom by when (of the next year), from the setting (⚠ provincial guides)."""
    return [
        {"code": code, "label": label, "due": dt.date(year + 1, month, day)}
        for code, label, month, day in settings.FAZHI_REPORTS["SUBMISSIONS"]
    ]
