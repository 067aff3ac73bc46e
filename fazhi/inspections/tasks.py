"""Background jobs of the inspections module. Each calls one service."""

from __future__ import annotations

from typing import Any

from fazhi.jobs.registry import job_handler

FEEDBACK_KIND = "inspections.feedback_parse"


@job_handler(FEEDBACK_KIND)
def feedback_parse_job(job: Any, progress: Any) -> dict[str, Any]:
    """The read step of the 督察反馈意见 import (ADR 0010): the staged upload is read in the bounded child
    (fazhi.core.bounded) and the preview's rows, units resolved, come back as the result; nothing is saved until the
    user confirms the preview."""
    from django.urls import reverse

    from fazhi.core.bounded import ParseLimitError, run_bounded
    from fazhi.jobs.staging import staged_open

    from .feedback import FeedbackParseError, parse_feedback
    from .services.feedback import feedback_rows

    next_url = f"{reverse('inspections:feedback', args=[job.params['plan']])}?job={job.pk}"
    progress(10, "正在识别反馈意见文件")
    with staged_open(job) as f:
        data, name = f.read(), f.name or ""
    try:
        parsed = run_bounded(parse_feedback, data, name)
    except FeedbackParseError as exc:
        return {"ok": False, "error": str(exc), "next_url": next_url, "auto_next": True}
    except ParseLimitError as exc:
        return {"ok": False, "error": exc.message, "next_url": next_url, "auto_next": True}
    progress(70, "正在对应责任单位")
    rows = feedback_rows(parsed, int(job.params["year"]))
    return {"ok": True, "rows": rows, "next_url": next_url, "auto_next": True}
