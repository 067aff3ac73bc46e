"""The worker's side of the web unit import (issue #10 finding 5): the page stages the upload and queues
`orgs.units_import`; this handler runs the import as the user who uploaded it (the workbook is read under the memory
ceiling inside `units_import`). A refused file is the result (every error line), not a failure of the job."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fazhi.jobs.registry import job_handler
from fazhi.jobs.staging import staged_open

UNITS_IMPORT_KIND = "orgs.units_import"


@job_handler(UNITS_IMPORT_KIND)
def run_units_import(job: Any, progress: Any) -> dict[str, Any]:
    from .models import User
    from .unit_excel import UnitImportError, units_import

    by = User.objects.get(pk=job.params["user"])
    progress(10, "正在读取 Excel 文件")
    next_url = f"{reverse('orgs:unit_import')}?job={job.pk}"
    try:
        with staged_open(job) as f:
            result = units_import(by=by, file=f)
    except UnitImportError as exc:
        return {"ok": False, "message": exc.message, "errors": exc.errors, "next_url": next_url, "auto_next": True}
    return {
        "ok": True,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "next_url": next_url,
        "auto_next": True,
    }
