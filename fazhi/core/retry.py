"""A whole-transaction retry on a PostgreSQL deadlock or serialization failure (issue #10 finding 3).

`@atomic_retry` replaces `@transaction.atomic` on a service that takes several row locks. When the service is the
outermost transaction and PostgreSQL aborts it with SQLSTATE 40P01 (deadlock_detected) or 40001
(serialization_failure), the whole transaction has been rolled back — its rows, its audit row, its on-commit side
effects — so the service is run again from the start, at most `FAZHI_TX_RETRIES` times in all (default 3), after a
short randomised pause. The audit trail therefore holds the operation once: only the attempt that commits leaves its
row. Inside an enclosing transaction it is a plain `atomic` block (the retry belongs to the outermost caller: a
savepoint cannot undo the locks the outer transaction already holds).

Only for services that are safe to repeat: everything they do goes through the database in the one transaction (no
file written, no message sent before commit — side effects go through `transaction.on_commit`). The lock order of the
write paths (docs/security.md) keeps deadlocks rare; this turns the rare one into a short wait instead of a 500.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db import DatabaseError, transaction

log = logging.getLogger("fazhi.retry")
F = TypeVar("F", bound=Callable[..., Any])
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})


def retryable(exc: BaseException) -> bool:
    """True for a deadlock or a serialization failure (the driver's error is the cause of Django's)."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if getattr(e, "sqlstate", None) in RETRYABLE_SQLSTATES or getattr(e, "pgcode", None) in RETRYABLE_SQLSTATES:
            return True
        e = e.__cause__ or e.__context__
    return False


def atomic_retry(fn: F | None = None, *, attempts: int | None = None, using: str | None = None) -> Any:
    """Decorator (with or without arguments): `transaction.atomic`, rerun on 40P01/40001 when outermost."""

    def decorate(f: F) -> F:
        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if transaction.get_connection(using).in_atomic_block:
                with transaction.atomic(using=using):
                    return f(*args, **kwargs)
            total = attempts or int(getattr(settings, "FAZHI_TX_RETRIES", 3))
            for attempt in range(1, total + 1):
                try:
                    with transaction.atomic(using=using):
                        return f(*args, **kwargs)
                except DatabaseError as exc:
                    if attempt >= total or not retryable(exc):
                        raise
                    log.warning(
                        "%s：第%s次执行遇到死锁或串行化冲突（%s），整笔事务已回滚，重试", f.__qualname__, attempt, exc
                    )
                    time.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311 (jitter, not security)
            raise AssertionError("unreachable")  # pragma: no cover

        return cast(F, wrapper)

    return decorate(fn) if fn is not None else decorate
