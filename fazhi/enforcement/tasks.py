"""The worker's side of the web Excel import of enforcement case records (ADR 0010): the import page checks the upload
(type, size, zip directory), stages it (`fazhi.jobs.staging.upload_enqueue`) and queues `enforcement.case_import`;
this handler opens the staged file and runs `imports.cases_import` (which reads the workbook under the memory ceiling
through the case kernel's `import_run`) as the user who uploaded it. Refusals (row, column, message) are the result,
not a failure: the page shows each, as the synchronous import did."""

from __future__ import annotations

from typing import Any

from fazhi.jobs.periodic import register_periodic
from fazhi.jobs.registry import job_handler
from fazhi.jobs.staging import staged_import

CASE_IMPORT_KIND = "enforcement.case_import"


@job_handler(CASE_IMPORT_KIND)
def case_import_job(job: Any, progress: Any) -> dict[str, Any]:
    from fazhi.audit.services import record_event
    from fazhi.orgs.models import User

    from .events import EnforcementEvent
    from .imports import cases_import
    from .models import Body

    p = job.params
    by = User.objects.get(pk=p["user"])
    body = Body.objects.get(pk=p["body"])

    def run(f: Any) -> Any:
        result = cases_import(file=f, body=body, by=by)
        if result.ok:
            record_event(
                actor=by, action=EnforcementEvent.CASE_IMPORTED, obj=body, summary={"cases": len(result.cases)}
            )
        return result

    return staged_import(job, progress, run)


SUPERVISION_REPLIES_KIND = "enforcement.supervision_replies"
register_periodic(SUPERVISION_REPLIES_KIND, "执法监督文书逾期答复督办", hour=2)


@job_handler(SUPERVISION_REPLIES_KIND)
def supervision_replies_job(job: Any, progress: Any) -> dict[str, Any]:
    """Daily: every 监督意见书 / 决定书 past its reply day is flagged late and raised once on the body's board."""
    from .services import supervision_replies_run

    return {"ok": True, **supervision_replies_run()}


PLAN_IMPORT_KIND = "enforcement.plan_import"


@job_handler(PLAN_IMPORT_KIND)
def plan_import_job(job: Any, progress: Any) -> dict[str, Any]:
    """The items of one 涉企行政检查计划 from a staged workbook (`imports.plan_items_import`), as the uploader."""
    from fazhi.audit.services import record_event
    from fazhi.orgs.models import User

    from .events import EnforcementEvent
    from .imports import plan_items_import
    from .models import InspectionPlan

    p = job.params
    by = User.objects.get(pk=p["user"])
    plan = InspectionPlan.objects.select_related("body__unit").get(pk=p["plan"])

    def run(f: Any) -> Any:
        result = plan_items_import(file=f, plan=plan, by=by)
        if result.ok:
            record_event(
                actor=by, action=EnforcementEvent.PLAN_IMPORTED, obj=plan, summary={"items": len(result.cases)}
            )
        return result

    return staged_import(job, progress, run)
