"""Background entry points of the job queue itself: the daily purge of old result files."""

from __future__ import annotations

from typing import Any

from .periodic import register_periodic
from .registry import job_handler

PURGE_KIND = "jobs.results_purge"
STAGING_PURGE_KIND = "jobs.staging_purge"

register_periodic(PURGE_KIND, "清理过期的导出文件", hour=3)
register_periodic(STAGING_PURGE_KIND, "清理遗留的待导入文件", hour=3)


@job_handler(PURGE_KIND)
def purge_results(job: Any, progress: Any) -> dict[str, Any]:
    from .services import job_results_purge

    return {"purged": job_results_purge()}


@job_handler(STAGING_PURGE_KIND)
def purge_staging(job: Any, progress: Any) -> dict[str, Any]:
    from .staging import staging_purge

    return {"purged": staging_purge()}
