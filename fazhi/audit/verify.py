"""Walk the audit chain and report the first thing that does not match (issue #10 finding 2):

- every row's keyed MAC (HMAC-SM3 with the audit key held outside the database) and its link to the row before;
- the first row against the retention anchor (genesis, or the last row a lawful purge removed, kept in the head);
- the last row against the chain head, and the head's own MAC;
- every signed checkpoint in the checkpoint file: its row must still be there, unchanged;
- every seal of API key uses (ADR 0012): the uses in its id range, as they are now, give its count and MAC; the ranges
  follow one another; uses after the last seal are counted as not yet sealed (written in the last minute).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fazhi.core.crypto import KEYED_ALGORITHMS, mac_with

from .checkpoints import checkpoints_read
from .models import GENESIS, AuditChainHead, AuditEvent, KeyUse
from .services import KEY_USES_SEALED, head_mac_ok, key_uses_mac, row_payload


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows_checked: int
    first_broken_id: int | None = None
    reason: str = ""
    checkpoints_checked: int = 0
    key_uses_sealed: int = 0
    key_uses_unsealed: int = 0


def _rows(batch: int):  # type: ignore[no-untyped-def]
    last_id = 0
    while rows := list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch]):
        yield from rows
        last_id = rows[-1].pk


def audit_chain_verify(*, batch: int = 5000) -> ChainReport:
    head = AuditChainHead.objects.filter(pk=1).first()
    anchor = head.anchor_hash if head else GENESIS
    prev_hash, checked, last, first_id = anchor, 0, None, None
    for row in _rows(batch):
        if first_id is None:
            first_id = row.pk
            if row.prev_hash != anchor:
                return ChainReport(False, 0, row.pk, "首条记录与保留锚点不符（保存期限内最早的记录被删除）")
        elif row.prev_hash != prev_hash:
            return ChainReport(False, checked, row.pk, "与前一条记录的摘要不连续（前一条被删除或修改）")
        if row.algorithm not in KEYED_ALGORITHMS:
            return ChainReport(False, checked, row.pk, f"记录未使用审计密钥摘要（{row.algorithm}：被改写后重算）")
        if not hmac.compare_digest(mac_with(row.algorithm, row_payload(row)), row.hash):
            return ChainReport(False, checked, row.pk, "记录内容与摘要不符（记录被篡改）")
        prev_hash, last = row.hash, row
        checked += 1
    if head is None:
        return ChainReport(checked == 0, checked, None, "" if checked == 0 else "审计链头缺失")
    if (
        last is None
        and head.last_hash != anchor
        or last is not None
        and (head.last_id, head.last_hash)
        != (
            last.pk,
            last.hash,
        )
    ):
        return ChainReport(False, checked, last.pk if last else None, "最后一条记录与链头不符（末尾的记录被删除）")
    if head.last_id and not head_mac_ok(head):
        return ChainReport(False, checked, None, "链头的签名不符（链头被改动）")
    checkpoints, problem = checkpoints_read()
    if problem:
        return ChainReport(False, checked, None, problem, len(checkpoints))
    for cp in checkpoints:
        cp_id, cp_hash = int(cp.fields["last_id"]), str(cp.fields["last_hash"])
        if first_id is not None and cp_id < first_id:
            continue  # the checkpoint's rows were purged lawfully (the anchor covers them)
        if not AuditEvent.objects.filter(pk=cp_id, hash=cp_hash).exists():
            return ChainReport(
                False,
                checked,
                None,
                f"检查点文件第 {cp.line} 行记录的第 {cp_id} 号记录已不存在或被改动（检查点之后的记录被删除或链被回退）",
                len(checkpoints),
            )
    sealed, unsealed, problem = _key_use_seals()
    if problem:
        return ChainReport(False, checked, None, problem, len(checkpoints), sealed)
    return ChainReport(
        True, checked, checkpoints_checked=len(checkpoints), key_uses_sealed=sealed, key_uses_unsealed=unsealed
    )


def _key_use_seals() -> tuple[int, int, str]:
    """(uses checked under seals, uses after the last seal, the first problem or ""). The seal rows themselves are
    chain rows, checked above; here each one's range is recomputed from the uses table."""
    purged_to = 0
    for summary in AuditEvent.objects.filter(action="audit.purged").values_list("summary", flat=True):
        purged_to = max(purged_to, int(summary.get("key_uses_purged_to") or 0))
    if KeyUse.objects.filter(id__lte=purged_to).exists():
        return 0, 0, f"第 {purged_to} 号及之前的接口密钥使用记录应已按保存期限清理，但仍有记录（清理记录被改动）"
    sealed, expected_first = 0, (purged_to + 1 if purged_to else None)
    seals = AuditEvent.objects.filter(action=KEY_USES_SEALED).order_by("id").values_list("pk", "summary")
    for pk, s in seals.iterator():
        first_id, last_id = int(s["first_id"]), int(s["last_id"])
        if expected_first is not None and first_id != expected_first:
            return sealed, 0, f"第 {pk} 号审计记录封存的接口密钥使用记录区间与上一区间不衔接（区间之间的记录未封存）"
        expected_first = last_id + 1
        count, mac = key_uses_mac(str(s["algorithm"]), first_id, last_id)
        if count != int(s["count"]) or not hmac.compare_digest(mac, str(s["mac"])):
            return (
                sealed,
                0,
                f"第 {first_id}–{last_id} 号接口密钥使用记录与第 {pk} 号审计记录的封存摘要不符（记录被删除、改动或插入）",
            )
        sealed += count
    unsealed = KeyUse.objects.filter(id__gte=expected_first or 0).count()
    return sealed, unsealed, ""
