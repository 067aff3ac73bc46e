"""Background entry point: the daily execution-report run (registered as a periodic job)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

EXECUTION_KIND = "decisions.execution_reports"

register_periodic(EXECUTION_KIND, "重大行政决策执行情况报告督办", hour=2)


@job_handler(EXECUTION_KIND)
def execution_reports(job: Any, progress: Any) -> dict[str, Any]:
    from .services.execution import execution_reports_run

    day = (job.params or {}).get("date") if job is not None else None
    return execution_reports_run(today=dt.date.fromisoformat(day) if day else None)
