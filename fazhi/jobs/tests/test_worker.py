"""The worker survives a lost database connection (issue #10 finding 4): it logs, backs off, reconnects, re-queues
the job it was running, and the next job is done. On PostgreSQL the worker's backend is really terminated
(pg_terminate_backend), as in the attack run where `periodic_tick` died with OperationalError and stayed down."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection, connections

from fazhi.jobs import worker
from fazhi.jobs.models import Job
from fazhi.jobs.registry import HANDLERS, job_handler, load_all_task_modules
from fazhi.jobs.services import job_enqueue


@pytest.fixture
def handlers():
    load_all_task_modules()
    saved = dict(HANDLERS)
    yield HANDLERS
    HANDLERS.clear()
    HANDLERS.update(saved)


def _until_done(*jobs: Job, limit: int = 20):
    calls = {"n": 0}

    def stop() -> bool:
        calls["n"] += 1
        assert calls["n"] < limit, "the worker did not finish its jobs"
        try:  # the test's own look at the queue shares the worker's connection, so it may find it dead too
            return all(Job.objects.get(pk=j.pk).status == Job.Status.DONE for j in jobs)
        except OperationalError:
            return False

    return stop


def _terminate_backend_of(conn) -> None:  # type: ignore[no-untyped-def]
    """What the attack run did: another session kills this connection's backend."""
    conn.ensure_connection()
    pid = conn.connection.info.backend_pid
    killer = connections.create_connection("default")
    try:
        with killer.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        killer.close()


@pytest.mark.django_db(transaction=True)
def test_a_database_error_in_the_loop_is_survived_with_back_off(handlers, monkeypatch, caplog):
    @job_handler("test.after_outage")
    def after(job, progress):
        return {"ok": True}

    real_tick, failures = worker.periodic_tick, iter([OperationalError("server closed the connection")] * 2)

    def tick() -> None:
        if (exc := next(failures, None)) is not None:
            raise exc
        real_tick()

    monkeypatch.setattr(worker, "periodic_tick", tick)
    job = job_enqueue(kind="test.after_outage")
    slept: list[float] = []
    worker.worker_loop("w1", stop=_until_done(job), sleep=slept.append)
    assert Job.objects.get(pk=job.pk).status == Job.Status.DONE
    assert slept[:2] == [1.0, 2.0]  # doubling back-off while the database is away
    assert "数据库连接中断" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_connection_dies_mid_run_is_requeued_and_done(handlers, monkeypatch):
    runs: list[int] = []

    @job_handler("test.interrupted")
    def interrupted(job, progress):
        runs.append(job.attempts)
        return {"ok": True}

    real_run, lost = worker.job_run, {"once": False}

    def job_run(job):  # type: ignore[no-untyped-def]
        if not lost["once"]:
            lost["once"] = True
            raise OperationalError("terminating connection due to administrator command")
        return real_run(job)

    monkeypatch.setattr(worker, "job_run", job_run)
    job = job_enqueue(kind="test.interrupted")
    worker.worker_loop("w1", stop=_until_done(job), sleep=lambda s: None)
    job.refresh_from_db()
    assert (job.status, job.attempts, runs) == (Job.Status.DONE, 2, [2])


@pytest.mark.django_db(transaction=True)
def test_postgresql_the_workers_backend_is_terminated_and_the_next_job_is_done(handlers):
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL (.ci/run's PostgreSQL step)")
    state = {"killed": 0}

    @job_handler("test.kill_me")
    def kill_me(job, progress):
        if not state["killed"]:
            state["killed"] += 1
            _terminate_backend_of(connection)
            Job.objects.count()  # the next query on the dead connection raises OperationalError
        return {"ok": True}

    @job_handler("test.next")
    def next_job(job, progress):
        return {"ok": True}

    first, second = job_enqueue(kind="test.kill_me"), job_enqueue(kind="test.next")
    _terminate_backend_of(connection)  # and the idle worker's connection is killed before it even starts
    worker.worker_loop("w1", stop=_until_done(first, second), sleep=lambda s: None)
    assert set(Job.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {"done"}
    assert state["killed"] == 1
