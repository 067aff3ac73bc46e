"""Job handlers by kind. A module registers `@job_handler("plans.export")` in its tasks.py; each calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

HANDLERS: dict[str, Callable[..., Any]] = {}


def job_handler(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        HANDLERS[kind] = fn
        return fn

    return register


def load_all_task_modules() -> None:
    from importlib import import_module

    from django.apps import apps

    for cfg in apps.get_app_configs():
        if cfg.name.startswith("fazhi."):
            try:
                import_module(f"{cfg.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{cfg.name}.tasks":
                    raise
