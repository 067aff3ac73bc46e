"""Export files are deleted FAZHI_JOB_RESULT_DAYS after their job finished; the job row stays and says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.jobs.models import Job
from fazhi.jobs.registry import HANDLERS, load_all_task_modules
from fazhi.jobs.services import job_results_purge

pytestmark = pytest.mark.django_db(transaction=True)


def _finished(days_ago: int, name: str) -> Job:
    path = default_storage.save(f"exports/test/{name}.xlsx", ContentFile(b"PK\x03\x04 test"))
    return Job.objects.create(
        kind="reconsideration.export",
        label=f"导出 {name}",
        status=Job.Status.DONE,
        result={"rows": 3, "file": path, "download_url": "/reconsideration/export/1/"},
        finished_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_old_export_files_are_deleted_and_recent_ones_kept(settings):
    settings.FAZHI_JOB_RESULT_DAYS = 7
    old, recent = _finished(8, "old"), _finished(2, "recent")
    old_path, recent_path = old.result["file"], recent.result["file"]
    assert job_results_purge() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not default_storage.exists(old_path) and default_storage.exists(recent_path)
    assert old.result == {"rows": 3, "purged_on": timezone.localdate().isoformat()}
    assert old.message == "结果文件已超过保存期限，已删除"
    assert recent.result["file"] == recent_path
    event = AuditEvent.objects.get(action="jobs.result.purge")
    assert event.object_id == str(old.pk) and event.summary["file"] == old_path
    assert job_results_purge() == 0  # nothing left to do
    default_storage.delete(recent_path)


def test_the_purge_is_a_daily_job():
    from fazhi.jobs.periodic import PERIODIC

    load_all_task_modules()
    assert "jobs.results_purge" in HANDLERS
    assert [(p.kind, p.hour) for p in PERIODIC if p.kind == "jobs.results_purge"] == [("jobs.results_purge", 3)]


def test_the_first_tick_of_a_fresh_worker_enqueues_every_modules_daily_jobs(monkeypatch):
    import datetime as dt_

    from django.utils import timezone as tz

    from fazhi.jobs.periodic import periodic_tick

    monkeypatch.setattr(tz, "localtime", lambda *a: dt_.datetime(2026, 12, 1, 9, 0, tzinfo=dt_.UTC))
    periodic_tick()
    kinds = set(Job.objects.values_list("kind", flat=True))
    assert {"jobs.results_purge", "portal.rate_purge", "reconsideration.deem_accept", "deadlines.recompute"} <= kinds
