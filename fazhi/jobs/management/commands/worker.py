"""`fazhi worker`: the job worker. Several may run against PostgreSQL; on SQLite run one."""

from __future__ import annotations

import os
import socket

from django.core.management.base import BaseCommand, CommandParser

from fazhi.jobs.services import jobs_requeue_stale, jobs_run_pending
from fazhi.jobs.worker import worker_loop


class Command(BaseCommand):
    help = "运行后台任务处理进程"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="处理完当前队列后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时的轮询间隔（秒）")

    def handle(self, *args: object, **options: object) -> None:
        if options["once"]:
            n = jobs_run_pending()
            self.stdout.write(f"已处理 {n} 个任务。")
            return
        name = f"{socket.gethostname()}:{os.getpid()}"
        jobs_requeue_stale()
        self.stdout.write(f"后台任务进程 {name} 已启动。")
        worker_loop(name, interval=float(options["interval"]))  # type: ignore[arg-type]
