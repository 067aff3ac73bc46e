"""Background jobs of the plans module. Each calls one service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.jobs.registry import job_handler

# The daily 三色督办 scan is supervision's (`supervision.daily`, over every item, plan shares among them). This kind
# stays so that a job queued before the upgrade still runs.


@job_handler("plans.ladder_scan")
def ladder_scan_job(job: Any, progress: Any) -> dict[str, Any]:
    on = dt.date.fromisoformat(job.params["date"]) if job.params.get("date") else None
    progress(10, "正在巡查任务期限")
    from .supervision import ladder_scan  # here, not at import: it loads openpyxl and python-docx (start-up time)

    return ladder_scan(on=on)
