"""Uploads waiting for the worker (issue #10 finding 5, ADR 0010): the web process checks an upload (type, size, zip
directory), writes it to `FAZHI_STAGING_DIR` (default var/staging, outside MEDIA_ROOT so it is never served) and
queues a job that names the file; the worker parses it under a memory ceiling. The file is deleted when its job ends
(done or finally failed) and the daily `jobs.staging_purge` deletes whatever a crash left behind.

A retried submit creates one job: the dedupe key is the job kind, the user and the SHA-256 of the file together with
the form's parameters. A finished job whose outcome was a refusal (or a failure) gives its key up, so the same file
can be tried again after the records it clashed with were fixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.utils import timezone

from .models import Job

STAGED = "staged"  # the key of Job.params that names the staged file


def staging_dir() -> Path:
    d = Path(getattr(settings, "FAZHI_STAGING_DIR", Path(settings.VAR_DIR) / "staging"))
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


def _digest(f: Any) -> str:
    h = hashlib.sha256()
    f.seek(0)
    for chunk in f.chunks() if hasattr(f, "chunks") else iter(lambda: f.read(1 << 16), b""):
        h.update(chunk)
    f.seek(0)
    return h.hexdigest()


def upload_enqueue(*, kind: str, file: Any, by: Any, params: dict[str, Any], label: str) -> Job:
    """Stage a checked upload and queue `kind` for it (one job per user, file and parameters)."""
    from .services import job_enqueue

    digest = _digest(file)
    key_src = json.dumps({"file": digest, "params": params}, sort_keys=True, ensure_ascii=False, default=str)
    key = f"upload:{kind}:{getattr(by, 'pk', '')}:{hashlib.sha256(key_src.encode()).hexdigest()}"
    existing = Job.objects.filter(dedupe_key=key).first()
    if existing is not None:
        refused = existing.status == Job.Status.FAILED or (
            existing.status == Job.Status.DONE and not existing.result.get("ok")
        )
        if not refused:
            return existing
        Job.objects.filter(pk=existing.pk).update(dedupe_key=None)  # a refusal may be retried once fixed
    name = f"{uuid.uuid4().hex}.upload"
    path = staging_dir() / name
    with open(path, "wb") as out:
        file.seek(0)
        for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1 << 16), b""):
            out.write(chunk)
    staged = {"file": name, "name": (getattr(file, "name", "") or "")[:200], "sha256": digest}
    job = job_enqueue(kind=kind, params={**params, STAGED: staged}, by=by, label=label, dedupe_key=key)
    if job.params.get(STAGED, {}).get("file") != name:  # a concurrent identical submit won the key
        path.unlink(missing_ok=True)
    return job


def _path(job: Job) -> Path | None:
    name = (job.params or {}).get(STAGED, {}).get("file", "")
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    return staging_dir() / name


@contextmanager
def staged_open(job: Job) -> Iterator[File]:
    """The staged upload of a job, as a Django File with the name the user uploaded."""
    path = _path(job)
    if path is None or not path.exists():
        raise ValueError("待导入的文件已不存在，请重新上传。")  # ValueError: the job fails without a retry
    with open(path, "rb") as fh:
        yield File(fh, name=job.params[STAGED].get("name") or path.name)


def staged_import(job: Job, progress: Any, run: Callable[[File], Any], **extra: Callable[[Any], Any]) -> dict[str, Any]:
    """The worker's side of a staged Excel import: open the staged file, `run(file)` (an import whose result has
    `ok`, `errors` and `cases`), and answer what the import page reads back — ok, imported, the (row, column, message)
    errors, where to go next — plus each `extra` name computed from the result."""
    progress(10, "正在读取 Excel 文件")
    with staged_open(job) as f:
        result = run(f)
    progress(95, "正在生成结果")
    return {
        "ok": result.ok,
        "imported": len(result.cases),
        "errors": [list(e) for e in result.errors],
        **{name: make(result) for name, make in extra.items()},
        "next_url": f"{job.params.get('return', '')}?job={job.pk}",
        "auto_next": True,
    }


def staging_release(job: Job) -> None:
    """Delete a job's staged upload (its job has ended)."""
    path = _path(job)
    if path is not None:
        path.unlink(missing_ok=True)


def staging_purge(*, now: dt.datetime | None = None, older_than: dt.timedelta = dt.timedelta(hours=24)) -> int:
    """Delete staged uploads no queued or running job needs (once an hour old: a submit in flight has not committed its
    job yet), and any older than a day. Returns the number deleted."""
    d = staging_dir()
    live = {
        (p or {}).get(STAGED, {}).get("file")
        for p in Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).values_list("params", flat=True)
    }
    now_ts = (now or timezone.now()).timestamp()
    n = 0
    for path in d.glob("*.upload"):
        age = now_ts - path.stat().st_mtime
        if age < 3600 or (path.name in live and age < older_than.total_seconds()):
            continue
        path.unlink(missing_ok=True)
        n += 1
    return n
