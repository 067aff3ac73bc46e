"""Data stamps: one token per named dataset (`DataStamp`), rewritten inside the transaction of every write that changes
the dataset, so anything kept under the token (`kept`) is recomputed after a committed change and never served stale.
Used by reads that are the same for every viewer (the public 规范性文件库); the per-viewer docket and board stamps
(cases/listing.py, supervision/selectors.py) work the same way but are loaded with the signed-in user."""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from .models import DataStamp

T = TypeVar("T")


def stamp_changed(key: str) -> None:
    """A new token for `key`, in the caller's transaction (one upsert, safe under concurrency)."""
    DataStamp.objects.bulk_create(
        [DataStamp(key=key, token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token"],
    )


def stamp_of(key: str) -> str:
    """The dataset's token; "-" before its first write."""
    return DataStamp.objects.filter(key=key).values_list("token", flat=True).first() or "-"


def kept(key: str, part: str, compute: Callable[[], T], *, seconds: int = 3600) -> T:
    """`compute()` kept in the `pages` cache under `key`'s stamp and `part` (what else the value depends on: the
    query, the page, the day). One query for the stamp; the value is computed again after any committed change."""
    from django.core.cache import caches

    cache = caches["pages"]
    digest = hashlib.sha1(part.encode(), usedforsecurity=False).hexdigest()
    name = f"stamp:{key}:{stamp_of(key)}:{digest}"
    value = cache.get(name)
    if value is None:
        # one thread of the process computes a missing value; the others asking for it meanwhile wait for it rather
        # than compute it again (20 readers of a new search each ran its query before: bench/documents_library.py)
        with _computing(name):
            value = cache.get(name)
            if value is None:
                value = compute()
                cache.set(name, value, seconds)
    return value


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def _computing(name: str) -> Iterator[None]:
    with _locks_guard:
        lock = _locks.setdefault(name, threading.Lock())
    try:
        with lock:
            yield
    finally:
        with _locks_guard:
            if not lock.locked():
                _locks.pop(name, None)
