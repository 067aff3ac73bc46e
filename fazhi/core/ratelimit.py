"""Fixed-window rate limits counted in the database: one atomic upsert per hit (INSERT … ON CONFLICT DO UPDATE …
RETURNING, PostgreSQL and SQLite ≥ 3.35), so all web processes — and several servers — share one count, where a
per-process cache let each gunicorn worker allow the full limit again."""

from __future__ import annotations

import datetime as dt
import time

from django.db import connections, router, transaction
from django.utils import timezone

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


def rate_retry_at(seconds: int, now: float | None = None) -> dt.datetime:
    """When the current `seconds`-long window ends (local time): what a refused visitor is told (issue #11 point 2)."""
    at = int(now if now is not None else clock())
    return timezone.localtime(dt.datetime.fromtimestamp(at - at % seconds + seconds, tz=dt.UTC))


def rate_limit_message(seconds: int, now: float | None = None) -> str:
    """The Chinese message of a refused request: that it is a limit, and when to try again."""
    when = rate_retry_at(seconds, now)
    today = timezone.localtime(dt.datetime.fromtimestamp(int(now if now is not None else clock()), tz=dt.UTC)).date()
    at = f"{when:%H:%M}" if when.date() == today else f"{when:%m月%d日 %H:%M}"
    return f"提交过于频繁，已达到本地址的次数限制，请于 {at} 后再试。您填写的内容已保留。"


def rate_count(key: str, *, seconds: int, now: float | None = None) -> int:
    """How many uses `key` has in the current window, without counting one (a limit on what succeeded)."""
    at = int(now if now is not None else clock())
    row = RateWindow.objects.filter(bucket_key=key[:200], slot=at - at % seconds).values_list("hits", flat=True)
    return next(iter(row), 0)
