"""The worker's loop (`fazhi worker`). It survives a lost database connection (issue #10 finding 4): a failover,
a restart of PostgreSQL or a terminated backend raises OperationalError/InterfaceError in whatever it was doing; the
loop logs it, drops the connection, waits with a doubling back-off (1 s … 60 s), reconnects, and puts the job it was
running back in the queue (handlers are idempotent, ADR 0003). Under systemd (`Restart=always`, docs/deploy.md) even a
crash of the process itself only costs the restart delay.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, close_old_connections, connection

from .models import Job
from .periodic import periodic_tick, ticks_run
from .services import job_claim, job_run

log = logging.getLogger("fazhi.worker")
BACKOFF_MAX = 60.0


def _requeue(job_id: int, worker: str) -> None:
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING, worker=worker).update(status=Job.Status.QUEUED)


def worker_loop(
    name: str,
    *,
    interval: float = 1.0,
    stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    backoff, running = 1.0, None
    while not stop():
        try:
            if running is not None:  # the connection died mid-job: the job goes back in the queue
                _requeue(running, name)
                log.warning("任务 #%s 已重新排队（执行时数据库连接中断）", running)
                running = None
            periodic_tick()
            ticks_run()
            job = job_claim(name)
            if job is None:
                backoff = 1.0
                sleep(interval)
                continue
            running = job.pk
            job_run(job)
            running, backoff = None, 1.0
        except (OperationalError, InterfaceError) as exc:
            log.error("数据库连接中断：%s；%.0f 秒后重连", exc, backoff)
            connection.close()  # a dead connection is never reused; the next query opens a new one
            close_old_connections()
            sleep(backoff)
            backoff = min(backoff * 2, BACKOFF_MAX)
