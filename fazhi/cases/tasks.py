"""The worker's side of the web Excel import of past cases (issue #10 finding 5): the import page stages the upload
and queues `cases.import`; this handler opens the staged file and runs the docket's import (which reads the workbook
under the memory ceiling, fazhi.core.bounded) as the user who uploaded it. Errors are the result, not a failure: the
page shows each with its row and column, as the synchronous import did."""

from __future__ import annotations

from typing import Any

from django.utils.module_loading import import_string

from fazhi.jobs.registry import job_handler
from fazhi.jobs.staging import staged_import

IMPORT_KIND = "cases.import"


@job_handler(IMPORT_KIND)
def run_import(job: Any, progress: Any) -> dict[str, Any]:
    from fazhi.orgs.models import Unit, User

    runner = str(job.params.get("run", ""))
    if not runner.startswith("fazhi.dockets.") or not runner.endswith("_import"):
        raise ValueError(f"不是案件导入：{runner}")
    run = import_string(runner)
    by = User.objects.get(pk=job.params["user"])
    unit = Unit.objects.filter(pk=job.params.get("unit")).first()
    return staged_import(
        job,
        progress,
        lambda f: run(file=f, by=by, handling_unit=unit),
        unknown_units=lambda result: list(result.unknown_units),
    )
