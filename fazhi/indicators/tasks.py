"""The worker's side of the web import of 法治能力测试 results (ADR 0010): the page stages the upload and queues
`indicators.test_import`; this opens the staged file and runs the import as the user who uploaded it. Refusals (rows
and columns) are the result, not a failure: the page shows each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler
from fazhi.jobs.staging import staged_open

TEST_IMPORT_KIND = "indicators.test_import"


@job_handler(TEST_IMPORT_KIND)
def ability_import_job(job: Any, progress: Any) -> dict[str, Any]:
    from fazhi.orgs.models import Unit, User

    from .imports import ability_results_import

    p = job.params
    by = User.objects.get(pk=p["user"])
    owner = Unit.objects.get(pk=p["owner"])
    mark = Decimal(p["pass_mark"]) if p.get("pass_mark") not in (None, "") else None
    progress(10, "正在读取 Excel 文件")
    with staged_open(job) as f:
        result = ability_results_import(
            file=f, by=by, owner=owner, name=p["name"], held_on=dt.date.fromisoformat(p["held_on"]), pass_mark=mark
        )
    progress(95, "正在生成结果")
    return {
        "ok": result.ok,
        "imported": result.rows,
        "test": result.test.pk if result.test is not None else None,
        "errors": [list(e) for e in result.errors],
        "next_url": f"{p.get('return', '')}?job={job.pk}",
        "auto_next": True,
    }


SELF_OVERDUE_KIND = "indicators.self_overdue"
register_periodic(SELF_OVERDUE_KIND, "考核自评逾期督办", hour=2)


@job_handler(SELF_OVERDUE_KIND)
def self_overdue_job(job: Any, progress: Any) -> dict[str, Any]:
    """Daily: every set past its 自评截止日期 raises the items of the units whose clocks are still open."""
    from fazhi.deadlines.selectors import today_local

    from .models import IndicatorSet
    from .services import self_overdue_raise

    today = today_local()
    raised = 0
    for s in IndicatorSet.objects.filter(self_due__lt=today).order_by("id"):
        raised += len(self_overdue_raise(by="system", indicator_set=s, today=today))
    return {"ok": True, "raised": raised}
