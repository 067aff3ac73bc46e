"""Walk the audit chain and report the first row whose hash or link does not match."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.crypto import digest_with

from .models import AuditEvent
from .services import row_payload


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows_checked: int
    first_broken_id: int | None = None
    reason: str = ""


def audit_chain_verify(*, batch: int = 5000) -> ChainReport:
    prev_hash: str | None = None
    checked = 0
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            break
        for row in rows:
            # The first remaining row may follow a retention purge: its prev_hash is trusted as the anchor.
            if prev_hash is not None and row.prev_hash != prev_hash:
                return ChainReport(False, checked, row.pk, "与前一条记录的摘要不连续（前一条被删除或修改）")
            if digest_with(row.algorithm, row_payload(row)) != row.hash:
                return ChainReport(False, checked, row.pk, "记录内容与摘要不符（记录被篡改）")
            prev_hash = row.hash
            checked += 1
            last_id = row.pk
    return ChainReport(True, checked)
