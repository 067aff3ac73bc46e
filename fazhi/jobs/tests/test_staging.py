"""Staged uploads (issue #10 finding 5): one job per retried submit, the file deleted when its job ends, and the
daily purge deletes what a crash left behind but never a file a queued job still needs."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.jobs.models import Job
from fazhi.jobs.periodic import PERIODIC
from fazhi.jobs.registry import load_all_task_modules
from fazhi.jobs.staging import staged_open, staging_dir, staging_purge, upload_enqueue

pytestmark = pytest.mark.django_db


def _age(path, hours: float) -> None:
    t = (timezone.now() - dt.timedelta(hours=hours)).timestamp()
    os.utime(path, (t, t))


def test_a_retried_submit_is_one_job_and_the_file_reads_back(city, persona):
    user = persona("office_head", "gov")
    a = upload_enqueue(kind="t.k", file=SimpleUploadedFile("a.txt", b"abc"), by=user, params={"y": 1}, label="x")
    b = upload_enqueue(kind="t.k", file=SimpleUploadedFile("a.txt", b"abc"), by=user, params={"y": 1}, label="x")
    c = upload_enqueue(kind="t.k", file=SimpleUploadedFile("a.txt", b"abc"), by=user, params={"y": 2}, label="x")
    assert a.pk == b.pk != c.pk
    with staged_open(a) as f:
        assert (f.name, f.read()) == ("a.txt", b"abc")
    assert len([p for p in staging_dir().glob("*.upload") if p.name in (a.params["staged"]["file"],)]) == 1


def test_the_purge_keeps_what_a_queued_job_needs_and_deletes_leftovers(city, persona):
    user = persona("office_head", "gov")
    queued = upload_enqueue(kind="t.k", file=SimpleUploadedFile("q.txt", b"q"), by=user, params={}, label="x")
    done = upload_enqueue(kind="t.k", file=SimpleUploadedFile("d.txt", b"d"), by=user, params={}, label="x")
    Job.objects.filter(pk=done.pk).update(status=Job.Status.DONE)
    d = staging_dir()
    q_path, d_path = d / queued.params["staged"]["file"], d / done.params["staged"]["file"]
    fresh = d / "fresh.upload"
    fresh.write_bytes(b"a submit in flight")
    for p in (q_path, d_path):
        _age(p, 2)
    staging_purge()
    assert q_path.exists() and fresh.exists() and not d_path.exists()
    _age(q_path, 25)
    _age(fresh, 2)
    staging_purge()
    assert not q_path.exists() and not fresh.exists()


def test_the_purge_is_a_daily_job_of_the_worker():
    load_all_task_modules()
    assert [p.hour for p in PERIODIC if p.kind == "jobs.staging_purge"] == [3]
