"""The daily audit-chain checkpoint is a worker periodic job (issue #10): the worker's tick queues it once a day,
running it appends one signed line that `verify` then checks; where the file is the audit administrator's alone, the
job writes nothing and says why."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.audit.verify import audit_chain_verify
from fazhi.jobs.models import Job
from fazhi.jobs.periodic import periodic_tick
from fazhi.jobs.services import jobs_run_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkpoint_file(settings, tmp_path):
    settings.FAZHI_AUDIT_CHECKPOINT_FILE = tmp_path / "audit" / "checkpoints.jsonl"
    return settings.FAZHI_AUDIT_CHECKPOINT_FILE


def _at_hour(monkeypatch, hour: int) -> None:
    fixed = timezone.localtime().replace(hour=hour, minute=5)
    monkeypatch.setattr("fazhi.jobs.periodic.timezone.localtime", lambda *a: fixed)


def test_the_worker_writes_one_signed_checkpoint_a_day(checkpoint_file, monkeypatch):
    _at_hour(monkeypatch, 0)
    periodic_tick()
    assert not Job.objects.filter(kind="audit.checkpoint").exists()  # due from 01:00
    _at_hour(monkeypatch, 1)
    periodic_tick()
    periodic_tick()
    jobs = Job.objects.filter(kind="audit.checkpoint")
    assert jobs.count() == 1
    Job.objects.exclude(kind="audit.checkpoint").delete()
    jobs_run_pending()
    job = jobs.get()
    lines = checkpoint_file.read_text().splitlines()
    assert len(lines) == 1 and job.status == "done" and job.result["written"] is True
    cp = json.loads(lines[0])
    assert (cp["count"], cp["last_id"]) == (AuditEvent.objects.count(), AuditEvent.objects.latest("id").pk)
    assert AuditEvent.objects.filter(action="audit.checkpoint").count() == 1
    report = audit_chain_verify()
    assert report.ok and report.checkpoints_checked == 1


def test_a_file_only_the_audit_administrator_may_write_is_left_to_their_timer(checkpoint_file, monkeypatch):
    from fazhi.audit.tasks import checkpoint

    checkpoint_file.parent.mkdir(parents=True)
    checkpoint_file.write_text("")
    # the file belongs to the audit administrator's account: the worker's user may not write it (os.access, which
    # is what the job asks, so the test also holds when the suite runs as root)
    real = os.access
    monkeypatch.setattr(
        "fazhi.audit.tasks.os.access", lambda p, m: False if str(p) == str(checkpoint_file) else real(p, m)
    )
    job = Job.objects.create(kind="audit.checkpoint", params={"date": dt.date.today().isoformat()})
    result = checkpoint(job, lambda *a: None)
    assert result["written"] is False and "审计管理员" in result["reason"]
    assert checkpoint_file.read_text() == "" and not AuditEvent.objects.filter(action="audit.checkpoint").exists()
