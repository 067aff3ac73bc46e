"""core.stamps.kept: a value kept under its stamp is computed once, also when several threads ask for it at once."""

from __future__ import annotations

import threading
import time

import pytest

from fazhi.core.stamps import _locks, kept, stamp_changed


@pytest.fixture
def pages_cache(settings):
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "stamps-test"},
    }
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.mark.django_db(transaction=True)
def test_threads_asking_for_a_missing_value_wait_for_the_one_computing_it(pages_cache):
    from django.db import connections

    calls: list[int] = []
    results: list[str] = []

    def compute() -> str:
        calls.append(1)
        time.sleep(0.3)  # long enough for the other threads to arrive while it runs
        return "值"

    def ask() -> None:
        try:
            results.append(kept("test.stamps", "q", compute))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["值"] * 4
    assert len(calls) == 1
    assert _locks == {}  # nothing left behind

    stamp_changed("test.stamps")  # a committed change: computed again, once
    assert kept("test.stamps", "q", compute) == "值"
    assert len(calls) == 2
