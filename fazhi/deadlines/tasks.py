"""Background entry points: the daily clock recompute (registered as a periodic job)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

RECOMPUTE_KIND = "deadlines.recompute"


def register() -> None:
    register_periodic(RECOMPUTE_KIND, "法定期限每日重新计算", hour=1)


register()


@job_handler(RECOMPUTE_KIND)
def recompute_clocks(job: Any, progress: Any) -> dict[str, Any]:
    from .calendar_data import calendar_invalidate
    from .recompute import clocks_recompute

    params = job.params if job is not None else {}
    day = params.get("date")
    today = dt.date.fromisoformat(day) if day else None
    audit = params.get("audit")
    if audit:
        # queued by a calendar change: this worker's cached calendar may predate it
        calendar_invalidate()
    actor = getattr(job, "created_by", None) or "system"
    return clocks_recompute(today=today, progress=progress, audit=audit, audit_actor=actor)
