"""Maintained case counts under concurrent writes (PostgreSQL): eight threads, each with its own connection, create
cases, change the same cases (close, reopen, move to another unit, add hearings) and delete some, all at once; the
kept counts then equal a full recount exactly. On SQLite writes are serialised by the database, so the test runs on
PostgreSQL only (`.ci/run`)."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest
from django.db import connection, transaction

from fazhi.cases.models import Case
from fazhi.metrics.tallies import SOURCES, tally_recount, tally_stored

from .stats_data import stats_dataset

pytestmark = pytest.mark.django_db(transaction=True)


def _work(seed: int, ids: list[int], units: list[int], errors: list[BaseException]) -> None:
    rng = random.Random(seed)
    try:
        for i in range(25):
            pk = rng.choice(ids)
            with transaction.atomic():
                case = Case.objects.filter(pk=pk).first()  # no lock here: the counts must not depend on the caller's
                if case is None:
                    continue
                roll = rng.random()
                if roll < 0.1:
                    case.delete()
                    continue
                case.outcome = rng.choice(["revoke", "uphold", "dismiss_claim", ""])
                case.closed_on = None if not case.outcome else dt.date(2026, rng.randrange(1, 12), 1)
                case.respondent_unit_id = rng.choice(units)
                hearings = list(case.extra.get("hearings") or [])
                hearings.append({"on": f"2025-0{rng.randrange(1, 10)}-1{i % 10}", "requires_head": True})
                case.extra = {
                    **case.extra,
                    "hearings": hearings,
                    "accepted_on": "2025-02-0" + str(rng.randrange(1, 10)),
                }
                case.save()
            if i % 5 == 0:
                with transaction.atomic():
                    Case.objects.create(
                        docket="litigation",
                        case_number=f"并发〔2026〕{seed}-{i}号",
                        number_year=2026,
                        number_seq=10_000 + seed * 100 + i,
                        state="registered",
                        handling_unit_id=rng.choice(units),
                        respondent_unit_id=rng.choice(units),
                        received_on=dt.date(2026, 3, 1 + i),
                        extra={"defence_due": "2026-04-01", "defence_submitted_on": "2026-03-20", "hearings": []},
                    )
    except BaseException as exc:  # noqa: BLE001 - reported by the main thread
        errors.append(exc)
    finally:
        connection.close()


def test_concurrent_creates_changes_and_deletes_keep_counts_exact(city):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises every write)")
    made = stats_dataset(city, n=30)
    ids = [c.pk for c in made]
    units = [u.pk for u in city.values()]
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_work, args=(s, ids, units, errors)) for s in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for source in SOURCES.values():
        assert tally_stored(source) == tally_recount(source), source.name
