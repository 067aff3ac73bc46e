"""API key uses (ADR 0012): written without the chain's head lock, sealed into the chain by one row per range, and
checked by `fazhi audit verify` — an edited, deleted or inserted use inside a sealed range is found; uses written in
the last minute are reported as not yet sealed; the retention purge takes the uses with the seals that covered them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from fazhi.audit.models import AuditEvent, KeyUse
from fazhi.audit.retention import audit_purge_expired
from fazhi.audit.services import KEY_USES_SEALED, key_use_record, key_uses_seal, key_uses_sealed_to
from fazhi.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


def _uses(n: int, *, status: int = 200) -> list[KeyUse]:
    return [
        key_use_record(
            key_id=7,
            key_label="fzk_abcdefghij…",
            actor=None,
            unit=None,
            method="GET",
            path=f"/api/v1/u/{i}/",
            status=status,
        )
        for i in range(n)
    ]


def _later(seconds: int = 10) -> dt.datetime:
    return timezone.now() + dt.timedelta(seconds=seconds)


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_keyuse DISABLE TRIGGER audit_keyuse_append_only")
        cur.execute(sql, params)
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_keyuse ENABLE TRIGGER audit_keyuse_append_only")


def test_a_use_takes_no_chain_row_until_sealed_then_one_row_seals_the_range():
    uses = _uses(5)
    assert AuditEvent.objects.count() == 0  # no head lock, no chain row per use
    assert key_uses_seal() == 0  # younger than the grace period: an insert before them may still be committing
    assert key_uses_seal(now=_later()) == 5
    seal = AuditEvent.objects.get(action=KEY_USES_SEALED)
    # the first seal starts at id 1 (ids before the first use, if a sequence moved on, are an empty part of its range)
    assert (seal.summary["first_id"], seal.summary["last_id"], seal.summary["count"]) == (1, uses[-1].pk, 5)
    assert seal.object_id == f"1-{uses[-1].pk}"
    assert key_uses_seal(now=_later()) == 0  # nothing new: no empty seal
    more = _uses(2)
    assert key_uses_seal(now=_later()) == 2
    second = AuditEvent.objects.filter(action=KEY_USES_SEALED).order_by("-id").first()
    assert (second.summary["first_id"], second.summary["last_id"]) == (uses[-1].pk + 1, more[-1].pk)
    assert key_uses_sealed_to() == more[-1].pk
    report = audit_chain_verify()
    assert (report.ok, report.rows_checked, report.key_uses_sealed, report.key_uses_unsealed) == (True, 2, 7, 0)


def test_uses_after_the_last_seal_are_reported_as_not_yet_sealed(capsys):
    _uses(3)
    key_uses_seal(now=_later())
    _uses(2)
    report = audit_chain_verify()
    assert (report.ok, report.key_uses_sealed, report.key_uses_unsealed) == (True, 3, 2)
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "审计链完整：共校验 1 条记录，核对检查点 0 个。" in out
    assert "接口密钥使用记录：已封存并核对 3 条，尚未封存 2 条" in out


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda u: _raw("UPDATE audit_keyuse SET status = 200 WHERE id = %s", [u[1].pk]), "封存摘要不符"),
        (lambda u: _raw("UPDATE audit_keyuse SET path = '/x/' WHERE id = %s", [u[2].pk]), "封存摘要不符"),
        (lambda u: _raw("DELETE FROM audit_keyuse WHERE id = %s", [u[1].pk]), "封存摘要不符"),
        (lambda u: _raw("DELETE FROM audit_keyuse WHERE id = %s", [u[3].pk]), "封存摘要不符"),  # the last of the range
    ],
)
def test_an_edited_or_deleted_use_inside_a_sealed_range_is_found(tamper, reason):
    uses = _uses(4, status=403)
    key_uses_seal(now=_later())
    assert audit_chain_verify().ok is True
    tamper(uses)
    report = audit_chain_verify()
    assert report.ok is False
    assert reason in report.reason
    first = AuditEvent.objects.get(action=KEY_USES_SEALED).summary["first_id"]  # 1 on a fresh table (the first seal)
    assert f"第 {first}–{uses[-1].pk} 号接口密钥使用记录" in report.reason


def test_a_use_forged_into_a_sealed_range_is_found():
    uses = _uses(3)
    _raw("DELETE FROM audit_keyuse WHERE id = %s", [uses[1].pk])  # a gap (as a rolled-back insert leaves one)
    key_uses_seal(now=_later())
    assert audit_chain_verify().ok is True  # gaps in the ids are normal: the seal covers the rows that were there
    _raw(
        "INSERT INTO audit_keyuse (id, occurred_at, key_id, key_label, actor_name, unit_name, method, path, status, ip)"
        " VALUES (%s, %s, 7, 'fzk_abcdefghij…', '', '', 'GET', '/forged/', 200, '')",
        [uses[1].pk, uses[1].occurred_at],
    )
    assert "封存摘要不符" in audit_chain_verify().reason


def test_the_purge_takes_the_uses_with_the_seals_that_covered_them():
    old = _uses(3)
    key_uses_seal(now=_later())
    seal_time = AuditEvent.objects.get(action=KEY_USES_SEALED).occurred_at
    new = _uses(2)
    # 200 days later: the first seal is past the 180-day retention; the new uses are sealed after it
    key_uses_seal(now=_later())
    later = seal_time + dt.timedelta(days=200)
    _raw("UPDATE audit_keyuse SET occurred_at = %s WHERE id >= %s", [later, new[0].pk])  # as if written then
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        second = AuditEvent.objects.filter(action=KEY_USES_SEALED).order_by("-id").first()
        cur.execute("UPDATE audit_auditevent SET occurred_at = %s WHERE id = %s", [later, second.pk])
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only")
    # (the second seal's time was moved, so its own MAC no longer matches: verify is not asked about the chain here)
    audit_purge_expired(now=seal_time + dt.timedelta(days=181))  # cutoff: a day after the first seal
    assert list(KeyUse.objects.order_by("id").values_list("id", flat=True)) == [u.pk for u in new]
    purge = AuditEvent.objects.get(action="audit.purged")
    assert purge.summary["key_uses_purged_to"] == old[-1].pk


def test_the_worker_tick_seals_once_a_minute_and_a_failing_tick_does_not_stop_it(monkeypatch):
    from fazhi.jobs import periodic
    from fazhi.jobs.periodic import TICKS, register_tick, ticks_run

    seal = next(t for t in TICKS if t.name == "audit.key_uses.seal") if TICKS else None
    if seal is None:
        ticks_run(now=0.0)  # loads every module's tasks.py, which registers the seal
        seal = next(t for t in TICKS if t.name == "audit.key_uses.seal")
    assert seal.seconds == 60
    calls = []
    monkeypatch.setattr(seal, "run", lambda: calls.append("seal"))
    monkeypatch.setattr(seal, "last", 0.0)

    def boom() -> None:
        raise RuntimeError("断网")

    register_tick("test.boom", boom, 1)
    try:
        ticks_run(now=100.0)
        ticks_run(now=130.0)  # within the minute: not again
        ticks_run(now=161.0)
        assert calls == ["seal", "seal"]
    finally:
        periodic.TICKS[:] = [t for t in periodic.TICKS if t.name != "test.boom"]
