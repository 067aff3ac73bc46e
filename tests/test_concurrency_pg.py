"""Races on PostgreSQL (.ci/run's PostgreSQL step; skipped on SQLite, which serialises writers): issue #10
findings 10 (50 concurrent duplicates of one submit leave no case-number gap) and 3 (concurrent logins and audited
writes on the same user never deadlock)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection

from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL"),
]


def _together(n: int, work) -> list[BaseException]:  # type: ignore[no-untyped-def]
    """Run work(i) in n threads released at once; return what they raised."""
    barrier, errors = threading.Barrier(n), []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except BaseException as exc:  # noqa: BLE001 (collected and asserted on)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _intake(city, by, token=None):  # type: ignore[no-untyped-def]
    from fazhi.dockets.reconsideration.services import reconsideration_intake

    return reconsideration_intake(
        by=by,
        handling_unit=city["justice"],
        received_on=dt.date(2026, 11, 2),
        channel="in_person",
        applicant=PartyInput(role=PartyRole.APPLICANT, name="张三"),
        act="行政处罚决定",
        request="撤销",
        respondent_unit=city["market"],
        submit_token=token,
    )


def test_50_concurrent_duplicates_make_one_case_and_no_number_gap(city, persona):
    handler = persona("reconsideration_handler", "justice")
    before = _intake(city, handler)
    token = uuid.uuid4()
    assert _together(50, lambda i: _intake(city, handler, token)) == []
    after = _intake(city, handler)
    assert Case.objects.filter(submit_token=token).count() == 1
    seqs = sorted(Case.objects.filter(docket="reconsideration").values_list("number_seq", flat=True))
    assert seqs == [before.number_seq, before.number_seq + 1, before.number_seq + 2]
    assert after.number_seq == before.number_seq + 2


def test_concurrent_logins_and_audited_writes_by_the_same_user_never_deadlock(city, persona, client):
    from fazhi.orgs.auth import login_attempt

    handler = persona("reconsideration_handler", "justice")

    def work(i: int) -> None:
        if i % 2:
            login_attempt(username=handler.username, password="Passw0rd!x" if i % 4 == 1 else "wrong-Passw0rd")
        else:
            _intake(city, handler)  # rows referencing the user (FOR KEY SHARE), then the audit chain head

    errors = _together(20, work)
    assert [type(e).__name__ for e in errors] == []
    assert Case.objects.filter(docket="reconsideration").count() == 10


def test_a_forced_deadlock_is_retried_as_a_whole_transaction_and_audited_once(city):
    """Two threads lock the same two rows in opposite order, each waiting for the other after its first lock: PostgreSQL
    aborts one with 40P01; `atomic_retry` reruns the victim's whole transaction, so both operations commit, each with
    one audit row (the aborted attempt's row was rolled back with it)."""
    from fazhi.audit.models import AuditEvent
    from fazhi.audit.services import record_event
    from fazhi.core.retry import atomic_retry
    from fazhi.orgs.models import Unit

    a, b = city["market"].pk, city["finance"].pk
    met = threading.Barrier(2, timeout=10)
    calls: list[int] = []

    @atomic_retry
    def move(i: int, first: int, second: int) -> None:
        calls.append(i)
        Unit.objects.select_for_update().get(pk=first)
        if calls.count(i) == 1:
            met.wait()  # both hold their first row: the second locks close the cycle
        Unit.objects.select_for_update().get(pk=second)
        record_event(actor=None, action="test.deadlock_retry", object_type="test", object_id=str(i))

    errors = _together(2, lambda i: move(i, a, b) if i == 0 else move(i, b, a))
    assert [type(e).__name__ for e in errors] == []
    assert sorted(calls) == [0, 0, 1] or sorted(calls) == [0, 1, 1]  # exactly one victim, run twice
    rows = sorted(AuditEvent.objects.filter(action="test.deadlock_retry").values_list("object_id", flat=True))
    assert rows == ["0", "1"]
