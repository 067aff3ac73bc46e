"""Remembered Idempotency-Keys are purged after FAZHI_API["IDEMPOTENCY_DAYS"] by a daily job (issue 14)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from fazhi.api.idempotency import idempotency_purge
from fazhi.api.models import IdempotencyRecord
from fazhi.audit.models import AuditEvent
from fazhi.jobs.periodic import PERIODIC
from fazhi.jobs.registry import HANDLERS, load_all_task_modules

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)


def _record(age_days: float) -> IdempotencyRecord:
    r = IdempotencyRecord.objects.create(token=uuid.uuid4(), operation="op", fingerprint="f" * 64, object_id="1")
    IdempotencyRecord.objects.filter(pk=r.pk).update(created_at=NOW - dt.timedelta(days=age_days))
    return r


def test_keys_older_than_the_setting_are_deleted_and_the_run_is_audited_once(settings, monkeypatch):
    settings.FAZHI_API = {**settings.FAZHI_API, "IDEMPOTENCY_DAYS": 30}
    monkeypatch.setattr("fazhi.api.idempotency.PURGE_BATCH", 2)  # several batches
    old = [_record(31), _record(30.01), _record(400)]
    kept = [_record(29.99), _record(0)]
    assert idempotency_purge(now=NOW) == 3
    assert set(IdempotencyRecord.objects.values_list("pk", flat=True)) == {r.pk for r in kept}
    assert not IdempotencyRecord.objects.filter(pk__in=[r.pk for r in old]).exists()
    event = AuditEvent.objects.get(action="api.idempotency.purged")
    assert event.summary == {"deleted": 3, "before": "2026-11-01T03:00:00+00:00", "days": 30}
    assert idempotency_purge(now=NOW) == 0
    assert AuditEvent.objects.filter(action="api.idempotency.purged").count() == 1  # nothing deleted, nothing logged


def test_the_purge_is_a_daily_job_of_the_worker():
    load_all_task_modules()
    assert "api.idempotency_purge" in HANDLERS
    assert [p.hour for p in PERIODIC if p.kind == "api.idempotency_purge"] == [3]


def test_the_default_is_30_days():
    from django.conf import settings

    assert settings.FAZHI_API["IDEMPOTENCY_DAYS"] == 30
