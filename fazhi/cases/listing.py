"""The case list of every docket: 20 plain rows walked in index order plus a count capped at 1,000 ("1000+"), never
COUNT(*) over a docket — at a million cases a page costs what it costs at a thousand (bench/cases_list.py).

A page's rows are kept in the "pages" cache under the docket's data stamp (DocketStamp, rewritten in the same
transaction as every case write), the viewer's grants stamp, id and unit (orgs/scopes.py: what they may see) and the
filters. Both stamps are read afresh on every request, so a kept page is never shown after a committed change to the
docket's cases or to who may see what; without a grants stamp (a user not loaded by the login backend) nothing is kept.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db.models import QuerySet

from fazhi.core.links import detail_url  # noqa: F401  (re-exported: the dockets import it from here)

from .models import DocketStamp

PER_PAGE = 20
COUNT_CAP = 1000
KEEP_SECONDS = 600


@dataclass(frozen=True)
class CasePage:
    rows: list[dict[str, Any]]
    page: int
    has_next: bool
    total: int | str  # "1000+" past COUNT_CAP


# A bulk write's changed dockets (`dockets_changed_once`): stamped once at its end instead of once per row.
_CHANGED: ContextVar[set[str] | None] = ContextVar("dockets_changed", default=None)


@contextmanager
def dockets_changed_once() -> Iterator[None]:
    """Inside the block a changed docket is noted; its new stamp is written once at the end (same transaction)."""
    changed: set[str] = set()
    token = _CHANGED.set(changed)
    try:
        yield
    finally:
        _CHANGED.reset(token)
    for docket in sorted(changed):
        docket_changed(docket)


def docket_changed(docket: str) -> None:
    """Write a new stamp for `docket` inside the caller's transaction (one upsert, safe under concurrency)."""
    changed = _CHANGED.get()
    if changed is not None:
        changed.add(docket)
        return
    DocketStamp.objects.bulk_create(
        [DocketStamp(docket=docket, token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["docket"],
        update_fields=["token"],
    )


def docket_stamps_sql(vendor: str) -> str:
    """Every docket's stamp as one "docket:token,…" value, loaded with the signed-in user (orgs/backends.py
    user_annotation) so a list page needs no query of its own to find its stamp."""
    table = DocketStamp._meta.db_table
    joined = (
        "string_agg(docket || ':' || token, ',')"
        if vendor == "postgresql"
        else "group_concat(docket || ':' || token, ',')"
    )
    return f"SELECT {joined} FROM {table}"  # noqa: S608


_MISSING = object()


def _stamp_for(user: Any, docket: str) -> str:
    loaded = getattr(user, "docket_stamps", _MISSING)
    if loaded is _MISSING:  # not loaded with the user: ask the database
        return docket_stamp(docket)
    # Loaded but NULL: no docket has a stamp row yet (a database seeded without the ORM) — "-", as docket_stamp()
    # says, without asking again on every request.
    for item in (loaded or "").split(","):
        name, _, token = item.partition(":")
        if name == docket:
            return token
    return "-"


def docket_stamp(docket: str) -> str:
    return DocketStamp.objects.filter(docket=docket).values_list("token", flat=True).first() or "-"


def _kept(key: str, read: Callable[[], Any]) -> Any:
    cache = caches["pages"]
    kept = cache.get(key, _MISSING)
    if kept is not _MISSING:
        return kept
    value = read()
    cache.set(key, value, KEEP_SECONDS)
    return value


def case_kept(user: Any, docket: str, what: str, pk: int, read: Callable[[], Any]) -> Any:
    """A case's own reads on its pages (its row, timeline, case file — not its parties, whose decrypted personal data
    is never cached, nor its clocks, which the daily job moves) kept in the "pages" cache under the docket's stamp,
    which every write to the case or to one of its events, attachments or documents rewrites in the same transaction
    (cases/signals.py). Only for a user loaded with the stamps (orgs/backends.py); callers check permissions on what
    they get, every time."""
    if not getattr(user, "grants_stamp", None) or not hasattr(user, "docket_stamps"):
        return read()
    key = f"cases:kept:{docket}:{_stamp_for(user, docket)}:{what}:{pk}"
    return _kept(key, read)


def dockets_kept(user: Any, what: str, read: Callable[[], Any]) -> Any:
    """A read over one or more dockets' cases for this viewer (figures of a statistics page) kept in the "pages"
    cache under every docket's stamp, the grants stamp (roles, scopes, units and their names), the viewer and the
    day: any committed write to any case makes a new key, so it is never older than the data. Only for a user loaded
    with the stamps (orgs/backends.py); otherwise read afresh."""
    from fazhi.deadlines.selectors import today_local

    stamps = getattr(user, "docket_stamps", _MISSING)
    grants = getattr(user, "grants_stamp", None)
    if stamps is _MISSING or not grants:
        return read()
    digest = hashlib.sha1(f"{stamps}|{grants}".encode(), usedforsecurity=False).hexdigest()[:20]
    key = f"cases:dockets-kept:{digest}:{user.pk}:{user.unit_id}:{today_local()}:{what}"
    return _kept(key, read)


@functools.cache
def page_number(value: str | None) -> int:
    try:
        return min(max(1, int(value or 1)), 100_000)
    except ValueError:
        return 1


def _fetch(qs: QuerySet, page: int, fields: Sequence[str], expressions: Mapping[str, Any]) -> CasePage:
    offset = (page - 1) * PER_PAGE
    rows = list(qs.values(*fields, **expressions)[offset : offset + PER_PAGE + 1])
    total = qs.order_by()[: COUNT_CAP + 1].count()
    return CasePage(rows[:PER_PAGE], page, len(rows) > PER_PAGE, total if total <= COUNT_CAP else f"{COUNT_CAP}+")


def docket_kept(
    *, user: Any, docket: str, wanted: Mapping[str, Any], compute: Callable[[], Any], kind: str = "page"
) -> Any:
    """`compute()` kept in the "pages" cache under the docket's stamp, the viewer's grants stamp, id and unit, and
    `wanted` (everything else the value depends on: filters, page or cursor, fields). Without a grants stamp (a user
    not loaded by the login backend) nothing is kept. Shared by the list pages and the
    API's case list."""
    grants_stamp = getattr(user, "grants_stamp", None)
    if not grants_stamp:
        return compute()
    text = "&".join(f"{k}={v}" for k, v in sorted(wanted.items()))
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
    key = f"cases:{kind}:{docket}:{_stamp_for(user, docket)}:{grants_stamp}:{user.pk}:{user.unit_id}:{digest}"
    cache = caches["pages"]
    kept = cache.get(key)
    if kept is not None:
        return kept
    result = compute()
    cache.set(key, result, KEEP_SECONDS)
    return result


def case_page(
    *,
    user: Any,
    docket: str,
    page: int,
    filters: Mapping[str, str],
    build: Callable[[], QuerySet],
    fields: Sequence[str],
    expressions: Mapping[str, Any] | None = None,
    row: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> CasePage:
    """Page `page` of `build()` (the user's scoped, filtered, ordered queryset) as plain rows of `fields` and
    `expressions`, each through `row` (what the list shows; a pure function of the row) when given; `filters` are
    what the request asked for (part of the key). The rows are kept as `row` made them: a kept page no longer maps its
    20 rows again on every request."""

    def compute() -> CasePage:
        result = _fetch(build(), page, fields, expressions or {})
        if row is not None:
            result = CasePage([row(r) for r in result.rows], result.page, result.has_next, result.total)
        return result

    return docket_kept(
        user=user,
        docket=docket,
        wanted={**filters, "page": page},
        compute=compute,
        kind="page" if row is None else "rows",
    )
