"""Background jobs of the API: the daily purge of remembered idempotency keys."""

from __future__ import annotations

from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

PURGE_KIND = "api.idempotency_purge"

register_periodic(PURGE_KIND, "清理过期的接口幂等记录", hour=3)


@job_handler(PURGE_KIND)
def purge_idempotency(job: Any, progress: Any) -> dict[str, Any]:
    from .idempotency import idempotency_purge

    return {"deleted": idempotency_purge()}
