"""Write-behind for bulk writes (the case kernel's Excel import): inside `write_behind()`, the services that create a
record nobody reads back at once (a case's parties and timeline line, a clock) hand it to `defer(obj)` instead of
saving it, and the rows are written with one `bulk_create` per model.

Nothing can read a stale table: a connection wrapper sees every statement, and before any statement that names a
table with rows still pending the pending rows are written (in the order their models were first deferred, parents
before children). Savepoints keep their meaning: `ROLLBACK TO SAVEPOINT` drops the rows deferred inside it, as the
database drops the rows written inside it; where a flush inside a savepoint wrote rows deferred before it (so the
rollback would also undo them), the batch is marked broken and `write_behind` raises, rolling the whole transaction
back instead of losing rows silently. `bulk_create` sends no `post_save`: a model whose save signals matter must
not be deferred (or the caller applies their effect once, as the import does for the docket stamp).
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

_SAVEPOINT = re.compile(r'^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s+"?([\w.]+)"?', re.IGNORECASE)


class WriteBehindBrokenError(RuntimeError):
    """A savepoint holding rows deferred before it was rolled back after they were written."""


@dataclass
class _Mark:
    sid: str
    lengths: dict[type[models.Model], int]
    tainted: bool = False


@dataclass
class WriteBehind:
    batch_size: int = 2000
    pending: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)
    tables: dict[str, type[models.Model]] = field(default_factory=dict)
    marks: list[_Mark] = field(default_factory=list)
    flushing: bool = False
    broken: bool = False
    written: int = 0
    on_flush: list[Callable[[], None]] = field(default_factory=list)
    ids: dict[type[models.Model], list[int]] = field(default_factory=dict)
    db: str = "default"
    originals: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)

    def add(self, obj: models.Model) -> None:
        """Write `obj` as it is now (a copy is taken: a later change to it, saved or not, is not written with it —
        as a save would not have written it). It gets its primary key at once, from the table's sequence, so code
        that names it by id before the batch is written (a lock, a link) finds it."""
        model = type(obj)
        if model not in self.pending:
            self.pending[model] = []
            self.tables[model._meta.db_table] = model
        if obj.pk is None:
            obj.pk = self.next_id(model)
        snapshot = model(**{f.attname: _copied(getattr(obj, f.attname)) for f in model._meta.concrete_fields})
        obj._state.adding, obj._state.db = False, self.db  # a later save() updates the row (written first)
        self.pending[model].append(snapshot)
        self.originals.setdefault(model, []).append(obj)
        if sum(len(v) for v in self.pending.values()) >= self.batch_size:
            self.flush()

    def next_id(self, model: type[models.Model]) -> int:
        """A primary key for a row written later (a parent whose children need its id at once): taken from the
        table's own sequence, a block at a time, so no other writer can take it."""
        free = self.ids.setdefault(model, [])
        if not free:
            free.extend(reversed(_ids_reserve(model, self.batch_size)))
        return free.pop()

    def has_pending(self) -> bool:
        return any(self.pending.values())

    def flush(self) -> None:
        if self.flushing or not self.has_pending():
            return
        for mark in self.marks:
            if any(mark.lengths.values()):
                mark.tainted = True  # rows deferred before this savepoint are written inside it
            mark.lengths = dict.fromkeys(mark.lengths, 0)
        self.flushing = True
        try:
            for model, objs in self.pending.items():
                if objs:
                    model._base_manager.bulk_create(objs, batch_size=500)
                    stamped = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
                    stamped += [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
                    for original, written in zip(self.originals[model], objs, strict=True):
                        for name in stamped:  # the times the insert set (created_at, updated_at)
                            setattr(original, name, getattr(written, name))
                    self.written += len(objs)
                    objs.clear()
                    self.originals[model].clear()
        finally:
            self.flushing = False
        for hook in self.on_flush:
            hook()

    def statement(self, sql: str) -> None:
        """Called before each statement: keeps the savepoint marks, writes pending rows a statement may read."""
        if self.flushing:
            return
        m = _SAVEPOINT.match(sql)
        if m is not None:
            verb, sid = m.group(1).upper(), m.group(2)
            if verb == "SAVEPOINT":
                self.marks.append(_Mark(sid, {k: len(v) for k, v in self.pending.items()}))
            else:
                i = next((i for i in range(len(self.marks) - 1, -1, -1) if self.marks[i].sid == sid), None)
                if i is None:
                    return
                mark = self.marks[i]
                if verb == "RELEASE SAVEPOINT":
                    del self.marks[i:]
                else:  # ROLLBACK TO: the rows deferred inside it are dropped, as the database drops its rows
                    if mark.tainted:
                        self.broken = True
                    for model, objs in self.pending.items():
                        del objs[mark.lengths.get(model, 0) :]
                        del self.originals[model][mark.lengths.get(model, 0) :]
            return
        if "sqlite_sequence" in sql or "nextval" in sql:
            return  # the id reservation itself
        # a plain substring: naming the table in any way (quoted, joined, in raw SQL) writes its rows first
        if any(self.pending[model] and table in sql for table, model in self.tables.items()):
            self.flush()


_PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, decimal.Decimal, uuid.UUID, bytes)


def _copied(value: Any) -> Any:
    return value if isinstance(value, _PLAIN) else copy.deepcopy(value)


def _ids_reserve(model: type[models.Model], n: int) -> list[int]:
    """n unused primary keys of `model`'s table, from its sequence (PostgreSQL: nextval; SQLite: the AUTOINCREMENT
    counter in sqlite_sequence, moved on by n — a write, so the transaction holds SQLite's write lock from here on,
    and no other connection can insert into the table until it ends)."""
    table, pk = model._meta.db_table, model._meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, n])
            return [r[0] for r in cur.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(connection.vendor)
        cur.execute("UPDATE sqlite_sequence SET seq = seq + %s WHERE name = %s", [n, table])
        if cur.rowcount == 0:  # the table never had a row: start after any row written with an explicit id
            cur.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')  # noqa: S608
            cur.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, cur.fetchone()[0] + n])
        cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        last = cur.fetchone()[0]
    return list(range(last - n + 1, last + 1))


_CURRENT: ContextVar[WriteBehind | None] = ContextVar("write_behind", default=None)


def defer(obj: models.Model) -> bool:
    """Hand `obj` to the open write-behind batch (True), or False when there is none (the caller saves it)."""
    wb = _CURRENT.get()
    if wb is None:
        return False
    wb.add(obj)
    return True


def active() -> WriteBehind | None:
    return _CURRENT.get()


@contextmanager
def write_behind(batch_size: int = 2000) -> Iterator[WriteBehind]:
    """Defer the records handed to `defer` until a statement needs them, the batch is full, or the block ends.
    Must run inside a transaction (the rows are written in it)."""
    if not connection.in_atomic_block:
        raise RuntimeError("write_behind must run inside a transaction")
    wb = WriteBehind(batch_size=batch_size)

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        wb.statement(sql)
        return execute(sql, params, many, context)

    token = _CURRENT.set(wb)
    try:
        with connection.execute_wrapper(wrapper):
            yield wb
            if not wb.broken:
                wb.flush()
    finally:
        _CURRENT.reset(token)
    if wb.broken:
        raise WriteBehindBrokenError("批量写入中途回滚到保存点，为避免丢失数据已整体撤销。")
