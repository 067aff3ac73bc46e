"""Daily: applications whose 5-working-day review ended without a decision are deemed accepted (Art. 30 ¶3)."""

from __future__ import annotations

from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler

from .services import reconsideration_deem_accept_due

register_periodic("reconsideration.deem_accept", "行政复议：审查期限届满视为受理", hour=1)


@job_handler("reconsideration.deem_accept")
def deem_accept(job: Any, progress: Any) -> dict[str, Any]:
    done = reconsideration_deem_accept_due()
    return {"deemed_accepted": [c.case_number for c in done]}
