"""Enqueue, claim, run and report progress of jobs. Handlers receive (job, progress) and return a result dict."""

from __future__ import annotations

import datetime as dt
import os
import socket
import traceback
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import Job
from .registry import HANDLERS, load_all_task_modules

Progress = Callable[[int, str], None]
MAX_ATTEMPTS = 3


def job_enqueue(
    *,
    kind: str,
    params: dict[str, Any] | None = None,
    by: Any = None,
    label: str = "",
    dedupe_key: str | None = None,
    run_after: dt.datetime | None = None,
) -> Job:
    """Queue a job. With a dedupe_key, enqueuing the same work twice returns the existing job (idempotent)."""
    if dedupe_key:
        existing = Job.objects.filter(dedupe_key=dedupe_key).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            return Job.objects.create(
                kind=kind,
                params=params or {},
                label=label,
                dedupe_key=dedupe_key,
                created_by=by if getattr(by, "pk", None) else None,
                run_after=run_after,
            )
    except IntegrityError:
        return Job.objects.get(dedupe_key=dedupe_key)


def job_claim(worker: str) -> Job | None:
    """Take the oldest runnable job. PostgreSQL: SKIP LOCKED lets several workers share the queue."""
    now = timezone.now()
    with transaction.atomic():
        qs = Job.objects.filter(status=Job.Status.QUEUED).exclude(run_after__gt=now).order_by("id")
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(skip_locked=True)
        job = qs.first()
        if job is None:
            return None
        claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, started_at=now, worker=worker, attempts=job.attempts + 1
        )
        if not claimed:
            return None
    job.refresh_from_db()
    return job


def job_progress(job: Job, percent: int, message: str = "") -> None:
    percent = max(0, min(100, int(percent)))
    Job.objects.filter(pk=job.pk).update(percent=percent, message=message[:300])
    job.percent, job.message = percent, message


def job_run(job: Job) -> Job:
    load_all_task_modules()
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"未注册的任务类型：{job.kind}")
        result = handler(job, lambda p, m="": job_progress(job, p, m)) or {}
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE,
            percent=100,
            result=result,
            finished_at=timezone.now(),
            message=job.message or "已完成",
        )
    except Exception as exc:  # noqa: BLE001 (a job failure is recorded, never crashes the worker)
        retry = job.attempts < MAX_ATTEMPTS and not isinstance(exc, LookupError | ValueError)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.QUEUED if retry else Job.Status.FAILED,
            error=f"{exc}\n{traceback.format_exc()}"[:5000],
            message=f"执行失败：{exc}"[:300],
            finished_at=None if retry else timezone.now(),
            run_after=timezone.now() + dt.timedelta(seconds=30 * job.attempts) if retry else None,
        )
    job.refresh_from_db()
    if job.status in (Job.Status.DONE, Job.Status.FAILED):
        from .staging import staging_release

        staging_release(job)  # an upload staged for this job is not needed any more
    return job


def jobs_run_pending(*, limit: int | None = None) -> int:
    """Run queued jobs in this process until none is left (tests, `fazhi worker --once`)."""
    name = f"{socket.gethostname()}:{os.getpid()}"
    n = 0
    while limit is None or n < limit:
        job = job_claim(name)
        if job is None:
            break
        job_run(job)
        n += 1
    return n


def jobs_requeue_stale(*, older_than: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """A worker killed mid-job leaves it RUNNING: put such jobs back in the queue (handlers are idempotent)."""
    return Job.objects.filter(status=Job.Status.RUNNING, started_at__lt=timezone.now() - older_than).update(
        status=Job.Status.QUEUED
    )


def job_results_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the files that finished jobs produced (exports) once they are older than FAZHI_JOB_RESULT_DAYS (default
    7): a downloaded list of cases must not lie on the server for ever (PIPL 存储期限最小化). The job keeps its row,
    loses its download link and says why; each deletion is audited. Returns the number of files deleted."""
    from django.conf import settings
    from django.core.files.storage import default_storage

    from fazhi.audit.services import record_event

    keep = dt.timedelta(days=int(getattr(settings, "FAZHI_JOB_RESULT_DAYS", 7)))
    cutoff = (now or timezone.now()) - keep
    purged = 0
    for job in Job.objects.filter(status=Job.Status.DONE, finished_at__lt=cutoff, result__has_key="file"):
        path = job.result.get("file") or ""
        with transaction.atomic():
            result = {k: v for k, v in job.result.items() if k not in ("file", "download_url")}
            result["purged_on"] = timezone.localdate().isoformat()
            Job.objects.filter(pk=job.pk).update(result=result, message="结果文件已超过保存期限，已删除")
            record_event(
                actor=None,
                action="jobs.result.purge",
                object_type="job",
                object_id=str(job.pk),
                object_repr=job.label[:200],
                summary={"kind": job.kind, "file": path, "finished_at": job.finished_at.isoformat()},
            )
            if path:
                transaction.on_commit(lambda p=path: default_storage.delete(p))
        purged += 1
    return purged
