"""Fixed-window rate limits counted in the database: one atomic upsert per hit (INSERT … ON CONFLICT DO UPDATE …
RETURNING, PostgreSQL and SQLite ≥ 3.35), so all web processes — and several servers — share one count, where a
per-process cache let each gunicorn worker allow the full limit again."""

from __future__ import annotations

import time

from django.db import connections, router, transaction

from .models import RateWindow

clock = time.time  # tests fix it


def rate_hit(key: str, *, limit: int, seconds: int, now: float | None = None) -> bool:
    """Count one use of `key` (one key = one limit); True when this use goes over `limit` uses in the current
    `seconds`-long window. Windows start at multiples of `seconds` since the epoch."""
    at = int(now if now is not None else clock())
    slot = at - at % seconds  # the window's start, in epoch seconds
    connection = connections[router.db_for_write(RateWindow)]
    table = connection.ops.quote_name(RateWindow._meta.db_table)
    own = not connection.in_atomic_block  # inside a caller's transaction, its commit stays as durable as it was
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if own and connection.vendor == "postgresql":
            # A count need not survive a crash, so its commit does not wait for the WAL flush: every request of one
            # key or address updates the same row, and waiting for the disk while holding that row's lock made the
            # requests queue behind each other (API benchmark). Only this transaction is affected.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            f"INSERT INTO {table} (bucket_key, slot, hits) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (bucket_key, slot) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [key[:200], slot],
        )
        hits = cursor.fetchone()[0]
    return hits > limit


def rate_windows_purge(*, older_than_seconds: int = 86400, now: float | None = None) -> int:
    """Delete the counts of windows that started more than `older_than_seconds` ago (limits are at most an hour)."""
    cutoff = int(now if now is not None else clock()) - older_than_seconds
    return RateWindow.objects.filter(slot__lt=cutoff).delete()[0]
