"""The eight tampering cases of the attack run (issue #10 finding 2), by someone who can write the database directly
(a superuser who disabled the append-only trigger) but does not hold the audit key, which lives outside it.

The run found three that `fazhi audit verify` missed: deleting the last 20 rows (3), deleting the first 100 rows
inside the retention period (4), and rewriting row 600 then recomputing every following hash with plain SM3 (5).
Now the chain is keyed (HMAC-SM3), the chain head carries its own MAC and the retention anchor, and the daily signed
checkpoint file (outside the database) catches a chain rolled back as a whole (7).

1. a row's content edited                 2. a row in the middle deleted
3. the last 20 rows deleted               4. the first 100 rows deleted inside the retention period
5. a row rewritten, the rest re-hashed    6. a row forged and appended, head moved to it
   with the project's own plain SM3
7. rows deleted and the head rolled back  8. the checkpoint file edited
   to an earlier copy (a valid MAC)
"""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from fazhi.audit.checkpoints import audit_checkpoint_write
from fazhi.audit.models import AuditChainHead, AuditEvent
from fazhi.audit.services import record_event, row_payload
from fazhi.audit.verify import audit_chain_verify
from fazhi.core.crypto import sm3_hex

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkpoint_file(settings, tmp_path):
    settings.FAZHI_AUDIT_CHECKPOINT_FILE = tmp_path / "audit" / "checkpoints.jsonl"
    return settings.FAZHI_AUDIT_CHECKPOINT_FILE


def _events(n: int) -> list[AuditEvent]:
    return [record_event(actor=f"clerk{i % 7}", action="test.event", object_id=i, summary={"n": i}) for i in range(n)]


def _raw(*statements: tuple[str, list]) -> None:
    """As a database superuser: the append-only trigger switched off around the statements."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        for sql, params in statements:
            cur.execute(sql, params)
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only")


def _broken(reason_part: str) -> int | None:
    report = audit_chain_verify()
    assert report.ok is False
    assert reason_part in report.reason, report.reason
    return report.first_broken_id


def test_an_untouched_chain_verifies_with_keyed_hashes(checkpoint_file):
    rows = _events(5)
    assert {r.algorithm for r in rows} <= {"hmac-sm3", "hmac-s256"}
    audit_checkpoint_write()
    report = audit_chain_verify()
    assert (report.ok, report.rows_checked, report.checkpoints_checked) == (True, 6, 1)  # + the checkpoint's own row


def test_1_an_edited_row_is_named(checkpoint_file):
    rows = _events(3)
    _raw(("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ['{"n": 99}', rows[1].pk]))
    assert _broken("记录内容与摘要不符") == rows[1].pk


def test_2_a_row_deleted_in_the_middle_is_named_by_its_successor(checkpoint_file):
    rows = _events(3)
    _raw(("DELETE FROM audit_auditevent WHERE id = %s", [rows[1].pk]))
    assert _broken("不连续") == rows[2].pk


def test_3_deleting_the_last_20_rows_is_caught_by_the_chain_head(checkpoint_file):
    rows = _events(30)
    _raw(("DELETE FROM audit_auditevent WHERE id > %s", [rows[9].pk]))
    assert _broken("末尾的记录被删除") == rows[9].pk
    # moving the head back to the new last row needs the audit key for its MAC
    AuditChainHead.objects.filter(pk=1).update(last_hash=rows[9].hash, last_id=rows[9].pk)
    assert _broken("链头的签名不符") is None


def test_4_deleting_the_first_100_rows_inside_retention_is_caught_by_the_anchor(checkpoint_file):
    rows = _events(110)
    _raw(("DELETE FROM audit_auditevent WHERE id <= %s", [rows[99].pk]))
    assert _broken("保留锚点") == rows[100].pk


def test_5_a_rewrite_rehashed_with_plain_sm3_is_caught(checkpoint_file):
    rows = _events(12)
    target = rows[6]
    # the attacker rewrites the row and recomputes it and every following hash with the project's own code
    statements, prev = [], target.prev_hash
    for row in AuditEvent.objects.filter(id__gte=target.pk).order_by("id"):
        if row.pk == target.pk:
            row.summary = {"n": "篡改"}
        row.prev_hash = prev
        row.algorithm, row.hash = "sm3", sm3_hex(row_payload(row))
        statements.append(
            (
                "UPDATE audit_auditevent SET summary = %s, prev_hash = %s, hash = %s, algorithm = %s WHERE id = %s",
                [json.dumps(row.summary), row.prev_hash, row.hash, row.algorithm, row.pk],
            )
        )
        prev = row.hash
    _raw(*statements)
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev)
    assert _broken("未使用审计密钥") == target.pk


def test_6_a_forged_row_appended_with_the_head_moved_to_it_is_caught(checkpoint_file):
    rows = _events(3)
    last = rows[-1]
    forged_hash = "f" * 64
    _raw(
        (
            "INSERT INTO audit_auditevent (occurred_at, actor_name, unit_name, action, object_type, object_id,"
            " object_repr, summary, result, ip, user_agent, prev_hash, hash, algorithm)"
            " VALUES (%s, 'admin', '', 'test.forged', '', '', '', '{}', 'success', '', '', %s, %s, 'hmac-sm3')",
            [last.occurred_at, last.hash, forged_hash],
        )
    )
    forged = AuditEvent.objects.get(hash=forged_hash)
    AuditChainHead.objects.filter(pk=1).update(last_hash=forged_hash, last_id=forged.pk)
    assert _broken("记录内容与摘要不符") == forged.pk


def test_7_rows_deleted_and_the_head_rolled_back_is_caught_by_the_checkpoint_file(checkpoint_file):
    rows = _events(10)
    old_head = AuditChainHead.objects.values("last_hash", "last_id", "anchor_hash", "mac").get(pk=1)
    _events(5)
    audit_checkpoint_write()  # the daily checkpoint saw 15 rows
    # the attacker deletes the 5 newest rows and restores the head row from an earlier backup (its MAC is valid)
    _raw(("DELETE FROM audit_auditevent WHERE id > %s", [rows[-1].pk]))
    AuditChainHead.objects.filter(pk=1).update(**old_head)
    assert _broken("检查点") is None
    assert audit_chain_verify().reason == (
        f"检查点文件第 1 行记录的第 {rows[-1].pk + 6} 号记录已不存在或被改动（检查点之后的记录被删除或链被回退）"
    )


def test_8_an_edited_checkpoint_file_is_caught(checkpoint_file):
    _events(4)
    audit_checkpoint_write()
    line = json.loads(checkpoint_file.read_text().splitlines()[0])
    line["count"] = 3
    checkpoint_file.write_text(json.dumps(line, ensure_ascii=False) + "\n")
    assert "检查点文件第 1 行的签名不符" in audit_chain_verify().reason


def test_a_lawful_purge_leaves_a_keyed_anchor_and_the_chain_verifies(checkpoint_file, settings):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from fazhi.audit.retention import audit_purge_expired

    with time_machine.travel(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)):
        _events(3)
        audit_checkpoint_write()  # a checkpoint whose rows are later purged lawfully
    with time_machine.travel(dt.datetime(2026, 7, 10, 9, tzinfo=dt.UTC)):
        kept = _events(2)
        assert audit_purge_expired(now=timezone.now()) == 4  # the 3 events and the checkpoint's own audit row
    head = AuditChainHead.objects.get(pk=1)
    assert head.anchor_hash == kept[0].prev_hash
    purge = AuditEvent.objects.get(action="audit.purged")
    assert purge.summary["anchor"] == kept[0].prev_hash
    assert audit_chain_verify().ok is True


def test_the_command_verifies_checkpoints_and_exports_them(checkpoint_file, capsys):
    _events(2)
    call_command("audit", "checkpoint")
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "已写入审计检查点：共 3 条记录" in out
    assert "审计链完整：共校验 3 条记录，核对检查点 1 个。" in out
    call_command("audit", "export-checkpoints")
    exported = capsys.readouterr().out
    assert exported == checkpoint_file.read_text()
    _raw(("DELETE FROM audit_auditevent WHERE id = (SELECT MAX(id) FROM audit_auditevent)", []))
    with pytest.raises(CommandError, match="审计链在第"):
        call_command("audit", "verify")
