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


PARSE_KIND = "plans.parse"


@job_handler(PARSE_KIND)
def parse_job(job: Any, progress: Any) -> dict[str, Any]:
    """The parse step of the web plan import (issue #10 finding 5): the staged upload is read in the bounded child
    (fazhi.core.bounded) and the preview state comes back as the result; nothing is saved until the user confirms."""
    from django.urls import reverse

    from fazhi.core.bounded import ParseLimitError, run_bounded
    from fazhi.jobs.staging import staged_open

    from .parsing import PlanParseError, parse_plan, plan_to_state

    def parse(data: bytes, name: str, year: int | None) -> dict[str, Any]:
        return plan_to_state(parse_plan(data, name, year=year))

    next_url = f"{reverse('plans:import_upload')}?job={job.pk}"
    progress(10, "正在识别计划文件")
    with staged_open(job) as f:
        data, name = f.read(), f.name or ""
    try:
        state = run_bounded(parse, data, name, job.params.get("year"))
    except PlanParseError as exc:
        message = exc.message if exc.line is None else f"第{exc.line}行：{exc.message}"
        return {"ok": False, "error": message, "next_url": next_url, "auto_next": True}
    except ParseLimitError as exc:
        return {"ok": False, "error": exc.message, "next_url": next_url, "auto_next": True}
    return {"ok": True, "plan": state, "source": name, "next_url": next_url, "auto_next": True}
