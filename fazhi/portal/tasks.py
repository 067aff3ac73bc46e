"""Background entry points of the portal: the daily purge of old rate-limit counts."""

from __future__ import annotations

from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

PURGE_KIND = "portal.rate_purge"

register_periodic(PURGE_KIND, "清理过期的访问频次记录", hour=3)


@job_handler(PURGE_KIND)
def purge_rate_windows(job: Any, progress: Any) -> dict[str, Any]:
    from fazhi.core.ratelimit import rate_windows_purge

    return {"deleted": rate_windows_purge()}
