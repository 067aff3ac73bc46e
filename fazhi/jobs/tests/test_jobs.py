import pytest

from fazhi.jobs.models import Job
from fazhi.jobs.periodic import PERIODIC, Periodic, periodic_tick
from fazhi.jobs.registry import HANDLERS, job_handler, load_all_task_modules
from fazhi.jobs.services import job_enqueue, jobs_run_pending


@pytest.fixture
def handlers():
    load_all_task_modules()  # every module registers first, so restoring the saved set keeps them
    saved = dict(HANDLERS)
    yield HANDLERS
    HANDLERS.clear()
    HANDLERS.update(saved)


@pytest.mark.django_db
def test_a_job_reports_progress_and_its_result(handlers):
    seen = []

    @job_handler("test.count")
    def count(job, progress):
        for i in range(1, 5):
            progress(i * 25, f"第{i}批")
            seen.append(Job.objects.get(pk=job.pk).percent)
        return {"total": job.params["n"]}

    job = job_enqueue(kind="test.count", params={"n": 4}, label="计数")
    assert jobs_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.percent, job.result, job.attempts) == ("done", 100, {"total": 4}, 1)
    assert seen == [25, 50, 75, 100]


@pytest.mark.django_db
def test_a_failing_job_is_retried_then_marked_failed(handlers):
    calls = []

    @job_handler("test.flaky")
    def flaky(job, progress):
        calls.append(job.attempts)
        raise RuntimeError("磁盘已满")

    job = job_enqueue(kind="test.flaky")
    jobs_run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("queued", 1)
    Job.objects.filter(pk=job.pk).update(run_after=None)
    jobs_run_pending()
    Job.objects.filter(pk=job.pk).update(run_after=None)
    jobs_run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts, calls) == ("failed", 3, [1, 2, 3])
    assert "磁盘已满" in job.message


@pytest.mark.django_db
def test_enqueuing_with_the_same_dedupe_key_returns_the_first_job(handlers):
    a = job_enqueue(kind="test.x", dedupe_key="k1")
    b = job_enqueue(kind="test.x", dedupe_key="k1")
    assert a.pk == b.pk and Job.objects.count() == 1


@pytest.mark.django_db
def test_periodic_work_is_enqueued_once_per_day(handlers, monkeypatch):
    monkeypatch.setattr("fazhi.jobs.periodic.PERIODIC", [Periodic("test.daily", "每日", hour=0)])
    periodic_tick()
    periodic_tick()
    assert Job.objects.filter(kind="test.daily").count() == 1
    assert PERIODIC is not None


@pytest.mark.django_db
def test_job_page_shows_progress_only_to_its_owner(persona, login_client, city):
    owner = persona("dept_liaison", "market")
    other = persona("dept_liaison", "finance")
    job = job_enqueue(kind="test.x", by=owner, label="导出任务")
    from django.test import Client

    assert login_client(owner).get(f"/jobs/{job.pk}/").status_code == 200
    other_client = Client()
    other_client.force_login(other)
    import time

    s = other_client.session
    s["fazhi_login_at"] = s["fazhi_last_seen"] = time.time()
    s.save()
    assert other_client.get(f"/jobs/{job.pk}/").status_code == 404
