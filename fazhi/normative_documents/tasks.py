"""Background entry points: the daily expiry run (registered as a periodic job)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

EXPIRY_KIND = "normative_documents.expiry"

register_periodic(EXPIRY_KIND, "规范性文件有效期届满评估", hour=2)


@job_handler(EXPIRY_KIND)
def expiry_run(job: Any, progress: Any) -> dict[str, Any]:
    from fazhi.deadlines.selectors import today_local

    from .services import documents_expiry_run

    day = (job.params or {}).get("date") if job is not None else None
    return documents_expiry_run(today=dt.date.fromisoformat(day) if day else today_local())
