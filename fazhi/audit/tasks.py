"""The daily signed checkpoint of the audit chain as a worker periodic job (issue #10 findings 2 and 4): every
installation gets one a day from `fazhi worker`, without a systemd timer. On a hardened installation the checkpoint
file lies in a directory only the audit administrator's account may write (docs/deploy.md): the worker (user `fazhi`)
cannot, so the job says so and leaves the day's checkpoint to that account's timer (`fazhi audit checkpoint`)."""

from __future__ import annotations

import os
from typing import Any

from fazhi.jobs.periodic import register_periodic, register_tick
from fazhi.jobs.registry import job_handler

CHECKPOINT_KIND = "audit.checkpoint"

register_periodic(CHECKPOINT_KIND, "写入审计链每日签名检查点", hour=1)


def _seal() -> None:
    from .services import key_uses_seal

    key_uses_seal()


register_tick("audit.key_uses.seal", _seal, 60)  # API key uses chained within a minute (ADR 0012)


def _writable(path: Any) -> bool:
    if path.exists():
        return os.access(path, os.W_OK)
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return os.access(parent, os.W_OK)


@job_handler(CHECKPOINT_KIND)
def checkpoint(job: Any, progress: Any) -> dict[str, Any]:
    from .checkpoints import audit_checkpoint_write, checkpoint_file

    path = checkpoint_file()
    if not _writable(path):
        return {"written": False, "file": str(path), "reason": "检查点文件仅审计管理员账户可写，由其定时任务写入"}
    cp = audit_checkpoint_write()
    return {"written": True, "file": str(path), "count": cp["count"], "last_id": cp["last_id"]}
