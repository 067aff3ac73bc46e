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


NOTICES_KIND = "consultations.reply_notices"
register_periodic(NOTICES_KIND, "发送意见处理结果短信", hour=9)  # in the day: people are told, not woken


@job_handler(NOTICES_KIND)
def reply_notices(job: Any, progress: Any) -> dict[str, Any]:
    from .services import reply_notices_send

    return reply_notices_send()
