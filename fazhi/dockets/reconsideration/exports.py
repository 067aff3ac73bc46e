"""Excel export of the 行政复议 case list, with the list's filters, within the user's data scope.

Up to SYNC_LIMIT rows are written in the request; larger exports run as a background job (`tasks.py`) whose page
shows a progress bar and, when done, a download link checked against the job's owner. Personal information is
masked (natural persons' names; no ID numbers, phones or addresses), every cell goes through `safe_cell`, and each
export is audited with its filters and row count.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.urls import reverse
from openpyxl import Workbook

from fazhi.audit.services import record_event
from fazhi.cases.models import Party, PartyRole
from fazhi.core.downloads import download_key
from fazhi.core.errors import DomainError
from fazhi.core.excel import safe_cell
from fazhi.jobs.models import Job
from fazhi.jobs.services import job_enqueue
from fazhi.orgs.rules import has_action

from .selectors import reconsideration_cases
from .spec import SPEC

SYNC_LIMIT = 2000  # rows; above this the export runs as a background job
JOB_KIND = "reconsideration.export"
EXPORT_ACTION = "cases.case.export"
HEADERS = ["案号", "案由", "申请人", "被申请人", "收到日期", "收件渠道", "状态", "承办人", "结果", "结案日期"]
CHUNK = 500


@dataclass
class ExportResult:
    rows: int
    data: bytes | None = None  # synchronous: the .xlsx
    job: Job | None = None  # background: the job to watch


def _filters(state: str, q: str) -> dict[str, str]:
    return {"state": state or "", "q": (q or "").strip()}


def export_rows(user: Any, *, state: str = "", q: str = "") -> Any:
    applicants = Prefetch("parties", queryset=Party.objects.filter(role=PartyRole.APPLICANT), to_attr="applicants")
    return reconsideration_cases(user, state=state, q=q, action="export").prefetch_related(applicants)


def export_workbook(
    user: Any, *, state: str = "", q: str = "", progress: Callable[[int, str], None] | None = None
) -> tuple[bytes, int]:
    """The .xlsx bytes and the row count. Personal data masked; cells through safe_cell."""
    qs = export_rows(user, state=state, q=q)
    total = qs.count()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("行政复议案件")
    ws.append(HEADERS)
    done = 0
    for case in qs.iterator(chunk_size=CHUNK):
        respondent = case.respondent_unit.name if case.respondent_unit else case.extra.get("respondent_name", "")
        row = [
            case.case_number,
            case.title,
            "、".join(p.masked_name for p in case.applicants),
            respondent,
            case.received_on.isoformat(),
            case.get_channel_display(),
            SPEC.state_label(case.state),
            (case.handler.get_full_name() or case.handler.username) if case.handler else "",
            SPEC.outcome_label(case.outcome) if case.outcome else "",
            case.closed_on.isoformat() if case.closed_on else "",
        ]
        ws.append([safe_cell(v) for v in row])
        done += 1
        if progress and done % CHUNK == 0:
            progress(int(done * 100 / max(total, 1)) - 1, f"已导出 {done}/{total} 件")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), done


def reconsideration_export(*, by: Any, state: str = "", q: str = "") -> ExportResult:
    """Export the filtered list: synchronous up to SYNC_LIMIT rows, else queue a job. Audited either way."""
    if not has_action(EXPORT_ACTION).allows(by, None):
        raise DomainError("forbidden", "您没有导出案件的权限。")
    filters = _filters(state, q)
    count = export_rows(by, **filters).count()
    if count <= SYNC_LIMIT:
        data, rows = export_workbook(by, **filters)
        record_event(actor=by, action="reconsideration.case.export", summary={**filters, "rows": rows, "async": False})
        return ExportResult(rows=rows, data=data)
    job = job_enqueue(
        kind=JOB_KIND, params={"user_id": by.pk, **filters}, by=by, label=f"导出行政复议案件（{count}件）"
    )
    record_event(
        actor=by, action="reconsideration.case.export", summary={**filters, "rows": count, "async": True, "job": job.pk}
    )
    return ExportResult(rows=count, job=job)


def export_job_run(job: Any, progress: Callable[[int, str], None]) -> dict[str, Any]:
    """The job's work: the same export as the requesting user (scope re-checked now), stored for download."""
    from fazhi.orgs.models import User

    user = User.objects.get(pk=job.params["user_id"])
    if not has_action(EXPORT_ACTION).allows(user, None):
        raise ValueError("发起人已无导出案件的权限。")
    data, rows = export_workbook(user, state=job.params.get("state", ""), q=job.params.get("q", ""), progress=progress)
    path = default_storage.save(f"exports/reconsideration/{uuid.uuid4().hex}.xlsx", ContentFile(data))
    return {
        "rows": rows,
        "file": path,
        "download_url": reverse("reconsideration:export_download", args=[download_key(JOB_KIND, job.pk)]),
    }


def export_job_file(*, user: Any, job: Job) -> Any:
    """Open a finished export for its owner (who must still hold the export permission); audited. None otherwise."""
    if (
        job.kind != JOB_KIND
        or job.created_by_id != user.pk
        or job.status != Job.Status.DONE
        or not job.result.get("file")
        or not has_action(EXPORT_ACTION).allows(user, None)
    ):
        return None
    record_event(actor=user, action="reconsideration.case.export_download", summary={"job": job.pk})
    return default_storage.open(job.result["file"], "rb")
