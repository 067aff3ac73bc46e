"""Daily signed checkpoints of the audit chain (issue #10 finding 2): count, last row, anchor and time, one JSON line
each under a MAC with the audit key, appended to FAZHI_AUDIT_CHECKPOINT_FILE — a file outside the database, in a
directory the audit administrator's account owns (docs/deploy.md runs `fazhi audit checkpoint` daily as that
account), so a database superuser who rolls the chain and its head back to an earlier copy is still caught by
`fazhi audit verify`. `fazhi audit export-checkpoints` prints the file for the audit administrator."""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from fazhi.core.crypto import chain_mac
from fazhi.core.jsonutil import canonical

from .models import AuditChainHead, AuditEvent


def checkpoint_file() -> Path:
    return Path(settings.FAZHI_AUDIT_CHECKPOINT_FILE)


def _signed(fields: dict[str, Any]) -> str:
    return chain_mac(canonical({k: v for k, v in fields.items() if k != "mac"}).encode())[1]


def audit_checkpoint_write() -> dict[str, Any]:
    """Append today's checkpoint (itself recorded in the chain first, so the checkpoint covers its own event)."""
    from .services import record_event

    record_event(actor="system", action="audit.checkpoint", summary={"file": str(checkpoint_file())})
    head = AuditChainHead.objects.get(pk=1)
    fields: dict[str, Any] = {
        "at": timezone.now().isoformat(timespec="seconds"),
        "count": AuditEvent.objects.count(),
        "last_id": head.last_id,
        "last_hash": head.last_hash,
        "anchor": head.anchor_hash,
    }
    fields["mac"] = _signed(fields)
    path = checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(fields, ensure_ascii=False) + "\n")
    return fields


@dataclass(frozen=True)
class Checkpoint:
    line: int
    fields: dict[str, Any]


def checkpoints_read() -> tuple[list[Checkpoint], str]:
    """(checkpoints, "") or ([...], the reason the file is not to be trusted)."""
    path = checkpoint_file()
    if not path.exists():
        return [], ""
    out = []
    for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            fields = json.loads(text)
            ok = hmac.compare_digest(str(fields.get("mac", "")), _signed(fields))
        except (ValueError, AttributeError):
            ok = False
        if not ok:
            return out, f"检查点文件第 {n} 行的签名不符（检查点文件被篡改）"
        out.append(Checkpoint(n, fields))
    return out, ""
