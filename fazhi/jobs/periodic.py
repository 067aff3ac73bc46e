"""Periodic work (daily clock recomputation, 三色督办 scans): modules register a kind and a daily hour; the worker
enqueues it once per day with a dedupe key, so several workers never run it twice.

Ticks: small, frequent housekeeping (sealing API key uses into the audit chain every minute) that needs no job row —
a registered function the worker loop calls when its interval has passed. It must be safe to run in several workers
at once (it takes its own lock) and quick."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .registry import load_all_task_modules
from .services import job_enqueue


@dataclass(frozen=True)
class Periodic:
    kind: str
    label: str
    hour: int = 1  # local hour (Asia/Shanghai) after which the day's run is due


PERIODIC: list[Periodic] = []


def register_periodic(kind: str, label: str, hour: int = 1) -> None:
    if all(p.kind != kind for p in PERIODIC):
        PERIODIC.append(Periodic(kind, label, hour))


def periodic_tick() -> None:
    load_all_task_modules()  # every module's tasks.py registers its periodic kinds on import (cached after the first)
    now = timezone.localtime()
    for p in PERIODIC:
        if now.hour >= p.hour:
            job_enqueue(
                kind=p.kind,
                label=p.label,
                dedupe_key=f"periodic:{p.kind}:{now.date().isoformat()}",
                params={"date": now.date().isoformat()},
            )


@dataclass
class Tick:
    name: str
    run: Callable[[], object]
    seconds: float
    last: float = 0.0


TICKS: list[Tick] = []
log = logging.getLogger("fazhi.jobs")


def register_tick(name: str, run: Callable[[], object], seconds: float) -> None:
    if all(t.name != name for t in TICKS):
        TICKS.append(Tick(name, run, seconds))


def ticks_run(now: float | None = None) -> None:
    """Call every tick whose interval has passed (in this worker process). A failing tick is logged and tried again
    at its next interval; it never stops the worker."""
    load_all_task_modules()
    now = time.monotonic() if now is None else now
    for t in TICKS:
        if now - t.last >= t.seconds:
            t.last = now
            try:
                t.run()
            except (OperationalError, InterfaceError):
                raise  # a dead connection: the worker's loop reconnects
            except Exception:  # the worker outlives a failed tick
                log.exception("定时任务 %s 失败", t.name)
