"""The audit trail is append-only and hash-chained; `fazhi audit verify` names the first broken row."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from fazhi.audit.models import AuditEvent, AuditRowImmutableError
from fazhi.audit.services import record_event
from fazhi.audit.verify import audit_chain_verify
from fazhi.core.crypto import sm3_available


def _three_events():
    return [
        record_event(actor=f"clerk{i}", action="test.event", object_type="x", object_id=i, summary={"n": i})
        for i in range(3)
    ]


def _raw(sql, params):
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        cur.execute(sql, params)
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only")


@pytest.mark.django_db
def test_rows_link_to_their_predecessor_and_record_the_algorithm():
    a, b, c = _three_events()
    assert b.prev_hash == a.hash and c.prev_hash == b.hash
    assert {e.algorithm for e in (a, b, c)} == {"hmac-sm3" if sm3_available() else "hmac-s256"}
    assert audit_chain_verify().ok is True
    assert audit_chain_verify().rows_checked == 3


@pytest.mark.django_db
def test_verify_names_a_row_changed_in_the_database(capsys):
    # given three events
    a, b, c = _three_events()
    # when someone with database access edits the middle row's summary
    _raw("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ['{"n": 99}', b.pk])
    # then verification names that row
    report = audit_chain_verify()
    assert (report.ok, report.first_broken_id) == (False, b.pk)
    with pytest.raises(CommandError, match=f"第 {b.pk} 号记录"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_verify_names_the_row_after_a_deleted_one():
    a, b, c = _three_events()
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [b.pk])
    report = audit_chain_verify()
    assert (report.ok, report.first_broken_id) == (False, c.pk)


@pytest.mark.django_db
def test_the_application_cannot_update_or_delete_audit_rows():
    (a, *_rest) = _three_events()
    with pytest.raises(AuditRowImmutableError):
        a.save()
    with pytest.raises(AuditRowImmutableError):
        a.delete()
    with pytest.raises(AuditRowImmutableError):
        AuditEvent.objects.filter(pk=a.pk).update(action="x")
    with pytest.raises(AuditRowImmutableError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
def test_postgresql_itself_refuses_updates():
    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL only; SQLite relies on the model guards tested above")
    (a, *_rest) = _three_events()
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [a.pk])
