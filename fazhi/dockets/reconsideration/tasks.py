"""Background jobs: the daily deemed acceptance (Art. 30 ¶3) and large Excel exports of the case list."""

from __future__ import annotations

from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

from .exports import JOB_KIND as EXPORT_KIND
from .exports import export_job_run
from .services import reconsideration_deem_accept_due

register_periodic("reconsideration.deem_accept", "行政复议：审查期限届满视为受理", hour=1)


@job_handler("reconsideration.deem_accept")
def deem_accept(job: Any, progress: Any) -> dict[str, Any]:
    done = reconsideration_deem_accept_due()
    return {"deemed_accepted": [c.case_number for c in done]}


@job_handler(EXPORT_KIND)
def export(job: Any, progress: Any) -> dict[str, Any]:
    return export_job_run(job, progress)
