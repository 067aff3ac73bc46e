"""Background jobs of the plans module. Each calls one service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

from .supervision import ladder_scan

register_periodic("plans.ladder_scan", "三色督办巡查", hour=8)


@job_handler("plans.ladder_scan")
def ladder_scan_job(job: Any, progress: Any) -> dict[str, Any]:
    on = dt.date.fromisoformat(job.params["date"]) if job.params.get("date") else None
    progress(10, "正在巡查任务期限")
    return ladder_scan(on=on)
