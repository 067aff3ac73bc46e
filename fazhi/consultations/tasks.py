"""Background jobs of the consultation engine: the daily close of consultations past their closing date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

CLOSE_KIND = "consultations.close_due"

register_periodic(CLOSE_KIND, "征求意见到期自动截止", hour=0)


@job_handler(CLOSE_KIND)
def close_due(job: Any, progress: Any) -> dict[str, Any]:
    from .services import consultations_close_due

    on = dt.date.fromisoformat(job.params["date"]) if job.params.get("date") else None
    return consultations_close_due(on=on)
