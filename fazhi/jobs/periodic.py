"""Periodic work (daily clock recomputation, 三色督办 scans): modules register a kind and a daily hour; the worker
enqueues it once per day with a dedupe key, so several workers never run it twice."""

from __future__ import annotations

from dataclasses import dataclass

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
