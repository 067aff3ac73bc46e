"""Background jobs of supervision. Each calls one service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

from .channels import deliver_deferred
from .services import ladder_scan, rules_run

register_periodic("supervision.daily", "督办巡查（生成规则、三色督办）", hour=8)


@job_handler("supervision.daily")
def daily_job(job: Any, progress: Any) -> dict[str, Any]:
    """The rule table first (new items get today's light), then the ladder over every open item."""
    on = dt.date.fromisoformat(job.params["date"]) if job.params.get("date") else None
    progress(10, "正在按督办生成规则巡查")
    raised = rules_run(on=on)
    progress(50, "正在巡查督办事项期限")
    return {"rules": raised, "ladder": ladder_scan(on=on)}


@job_handler("supervision.rules_run")
def rules_run_job(job: Any, progress: Any) -> dict[str, Any]:
    """Run after the office edits the rule table."""
    return rules_run()


@job_handler("supervision.deliver")
def deliver_job(job: Any, progress: Any) -> dict[str, Any]:
    """A message held back by quiet hours."""
    return {"sent": deliver_deferred(job.params["channel"], job.params["message"])}
