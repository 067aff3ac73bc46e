"""`atomic_retry` (issue #10 finding 3): a deadlock or serialization failure reruns the whole transaction, bounded,
and the operation is audited once; anything else, or a nested call, is not retried. (The real deadlock between two
PostgreSQL sessions: tests/test_concurrency_pg.py.)"""

from __future__ import annotations

import pytest
from django.db import OperationalError, transaction

from fazhi.audit.models import AuditEvent
from fazhi.audit.services import record_event
from fazhi.core.retry import atomic_retry, retryable

pytestmark = pytest.mark.django_db(transaction=True)


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _db_error(sqlstate: str) -> OperationalError:
    try:
        raise OperationalError("deadlock detected") from _PgError(sqlstate)
    except OperationalError as exc:
        return exc


def _flaky(failures: int, sqlstate: str = "40P01"):  # type: ignore[no-untyped-def]
    calls: list[int] = []

    @atomic_retry
    def op() -> int:
        calls.append(1)
        record_event(actor=None, action="test.retry", object_type="test", object_id="1")
        if len(calls) <= failures:
            raise _db_error(sqlstate)
        return len(calls)

    return op, calls


def test_the_sqlstates_that_are_retried():
    assert retryable(_db_error("40P01")) and retryable(_db_error("40001"))
    assert not retryable(_db_error("23505")) and not retryable(OperationalError("connection lost"))


def test_a_deadlock_reruns_the_whole_transaction_and_leaves_one_audit_row():
    op, calls = _flaky(2)
    assert op() == 3
    assert AuditEvent.objects.filter(action="test.retry").count() == 1


def test_the_retry_is_bounded():
    op, calls = _flaky(5, "40001")
    with pytest.raises(OperationalError):
        op()
    assert len(calls) == 3 and AuditEvent.objects.filter(action="test.retry").count() == 0


def test_other_errors_and_nested_calls_are_not_retried():
    op, calls = _flaky(1, "23505")
    with pytest.raises(OperationalError):
        op()
    assert len(calls) == 1
    op, calls = _flaky(1)
    with pytest.raises(OperationalError), transaction.atomic():
        op()  # the enclosing transaction is the one to retry, by its own caller
    assert len(calls) == 1
