"""Maintained counts (指标计数). A module whose metrics would otherwise read every record of a year declares a
`TallySource`: the model, the fields its counts read, and `contributions(row)` — the (series, day, unit, scope unit,
category, name) events one record adds. Every save and delete of that model then moves the counts by the difference
between the record's old and new contributions, **in the same transaction** (signals, so no ORM write can forget it;
the old row is read `FOR UPDATE`, so two concurrent writes of one record serialise; each count is moved with one
atomic `INSERT … ON CONFLICT DO UPDATE SET n = n + …`, keys in sorted order). Nothing is invalidated by hand and no job
worker is involved: a command reads current values at once.

Each event is counted at three grains (`Tally.grain`): its day, its month and its year, moved together in the same
statement. A sum over a period reads whole years from year rows, whole months from month rows and only the days left
over from day rows (`_pieces`): a year of a series is a few thousand rows at 1,000,000 cases instead of ~90,000.

Writes that send no signal (`QuerySet.update`, bulk loads, raw SQL) must be followed by `tally_rebuild(source)` —
`fazhi metrics rebuild` does it from a full recount. Until a source has been built (TallyState), its metrics count
live, so a stale count is never read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Q, Sum
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from .models import Tally, TallyState

# (series, day, unit_id, scope_unit_id, category, name)
Contribution = tuple[str, dt.date, int, int, str, str]
# (series, grain, day, unit_id, scope_unit_id, category, name): a Tally row's key
Key = tuple[str, str, dt.date, int, int, str, str]
GRAINS = ("d", "m", "y")


@dataclass(frozen=True)
class TallySource:
    name: str  # series are named "<name>.<what>"
    model: type[models.Model]
    fields: tuple[str, ...]  # attribute names read (FK ids as "<fk>_id")
    contributions: Callable[[dict[str, Any]], Iterable[Contribution]]
    belongs: Callable[[dict[str, Any]], bool]  # whether a row is one of this source's records
    queryset: Callable[[], models.QuerySet]  # every record of the source (the full recount)
    scope: Callable[[Any], frozenset[int] | None]  # a viewer's scope-unit ids (None = all)


SOURCES: dict[str, TallySource] = {}
_BY_MODEL: dict[type[models.Model], list[TallySource]] = {}


def day_of(value: Any) -> dt.date | None:
    """A date, or an ISO date string as kept in a record's JSON data; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def maintain(source: TallySource) -> TallySource:
    """Register a source and keep its counts from now on (call from the owning module's AppConfig.ready)."""
    SOURCES[source.name] = source
    model = source.model
    sources = _BY_MODEL.setdefault(model, [])
    sources[:] = [s for s in sources if s.name != source.name] + [source]
    uid = f"metrics-tally-{model._meta.label_lower}"
    pre_save.connect(_before, sender=model, dispatch_uid=uid + "-pre-save")
    post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post-save")
    pre_delete.connect(_before, sender=model, dispatch_uid=uid + "-pre-delete")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + "-post-delete")
    return source


def _fields(model: type[models.Model]) -> list[str]:
    names = {"pk"}
    for s in _BY_MODEL.get(model, []):
        names.update(s.fields)
    return sorted(names)


def _contributions(model: type[models.Model], row: dict[str, Any] | None) -> Counter[Contribution]:
    out: Counter[Contribution] = Counter()
    if row is None:
        return out
    for s in _BY_MODEL.get(model, []):
        if s.belongs(row):
            out.update(c for c in s.contributions(row) if c[1] is not None)
    return out


def _stored_row(model: type[models.Model], pk: Any) -> dict[str, Any] | None:
    qs = model._base_manager.filter(pk=pk)
    if connection.in_atomic_block and connection.features.has_select_for_update:
        qs = qs.select_for_update()
    return qs.values(*_fields(model)).first()


def _before(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    instance._tally_old = _contributions(sender, _stored_row(sender, instance.pk)) if instance.pk else Counter()


def _after_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    row = {f: (instance.pk if f == "pk" else getattr(instance, f)) for f in _fields(sender)}
    new = _contributions(sender, row)
    old = getattr(instance, "_tally_old", Counter())
    instance._tally_old = new
    delta: Counter[Contribution] = Counter(new)
    delta.subtract(old)
    _apply(delta)


def _after_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    delta: Counter[Contribution] = Counter()
    delta.subtract(getattr(instance, "_tally_old", Counter()))
    instance._tally_old = Counter()
    _apply(delta)


_DEFERRED: ContextVar[Counter[Contribution] | None] = ContextVar("tallies_deferred", default=None)


@contextmanager
def tallies_deferred() -> Iterator[Counter[Contribution]]:
    """Inside the block the counts' moves are summed in memory and applied once at its end — still in the caller's
    transaction (a bulk write: the case kernel's import moves the same few hundred keys for 100,000 cases). Only
    around writes that do not read the counts."""
    delta: Counter[Contribution] = Counter()
    token = _DEFERRED.set(delta)
    try:
        yield delta
    finally:
        _DEFERRED.reset(token)
    _apply(delta)


def grain_day(grain: str, day: dt.date) -> dt.date:
    """The `day` a row of `grain` holding `day` is kept under: the day itself, its month's 1st, or 1 January."""
    return day if grain == "d" else day.replace(day=1) if grain == "m" else dt.date(day.year, 1, 1)


def rolled(counts: Counter[Contribution], grains: tuple[str, ...] = GRAINS) -> Counter[Key]:
    """Day counts as the rows of each grain: every event once per grain."""
    out: Counter[Key] = Counter()
    for (series, day, unit_id, scope_id, category, name), n in counts.items():
        if n:
            for g in grains:
                out[(series, g, grain_day(g, day), unit_id, scope_id, category, name)] += n
    return out


def _apply(delta: Counter[Contribution]) -> None:
    deferred = _DEFERRED.get()
    if deferred is not None:
        deferred.update(delta)  # Counter.update adds, negative moves included
        return
    items = sorted((k, n) for k, n in rolled(delta).items() if n)
    if not items:
        return
    table = Tally._meta.db_table
    ops = connection.ops
    with transaction.atomic(), connection.cursor() as cur:
        for i in range(0, len(items), 500):  # SQLite allows 32,766 parameters; 8 a row
            values, params = [], []
            for (series, grain, day, unit_id, scope_id, category, name), n in items[i : i + 500]:
                values.append("(%s, %s, %s, %s, %s, %s, %s, %s)")
                params += [series, grain, ops.adapt_datefield_value(day), unit_id, scope_id, category, name, n]
            sql = (
                f"INSERT INTO {table} (series, grain, day, unit_id, scope_unit_id, category, name, n) VALUES "  # noqa: S608
                + ", ".join(values)
                + " ON CONFLICT (series, grain, day, unit_id, scope_unit_id, category, name) DO UPDATE SET n = "
                + f"{table}.n + EXCLUDED.n"
            )
            cur.execute(sql, params)


# ------------------------------------------------------------------------------------------------ full recount


def tally_recount(source: TallySource) -> Counter[Contribution]:
    """Every count of the source from its records (what the kept counts must equal)."""
    out: Counter[Contribution] = Counter()
    for row in source.queryset().values(*sorted({"pk", *source.fields})).iterator(chunk_size=5000):
        if source.belongs(row):
            out.update(c for c in source.contributions(row) if c[1] is not None)
    return out


def tally_stored(source: TallySource, grain: str = "d") -> Counter[Contribution]:
    """The kept counts of one grain, keyed like `tally_recount` (month and year rows under their first day): equal to
    the recount for "d", to `rolled(recount)` for "m" and "y"."""
    out: Counter[Contribution] = Counter()
    rows = Tally.objects.filter(series__startswith=source.name + ".", grain=grain).exclude(n=0)
    for t in rows.values_list("series", "day", "unit_id", "scope_unit_id", "category", "name", "n"):
        out[t[:6]] += t[6]
    return out


@transaction.atomic
def tally_rebuild(source: TallySource) -> int:
    """Replace the source's counts by a full recount; concurrent writers wait for it (PostgreSQL: table lock), so
    their changes apply on top of the recount. Returns the number of count rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"LOCK TABLE {Tally._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    Tally.objects.filter(series__startswith=source.name + ".").delete()
    counts = tally_recount(source)
    Tally.objects.bulk_create(
        (
            Tally(series=k[0], grain=k[1], day=k[2], unit_id=k[3], scope_unit_id=k[4], category=k[5], name=k[6], n=n)
            for k, n in rolled(counts).items()
            if n
        ),
        batch_size=5000,
    )
    TallyState.objects.update_or_create(source=source.name, defaults={"built_at": timezone.now(), "rows": len(counts)})
    return len(counts)


def build_missing(**kwargs: Any) -> None:
    """After migrate: build every registered source that has never been built (on a new database, at once)."""
    built = set(TallyState.objects.values_list("source", flat=True))
    for name, source in SOURCES.items():
        if name not in built:
            tally_rebuild(source)


# ------------------------------------------------------------------------------------------------ reading


def tally_ready(source: str, memo: dict[Any, Any] | None = None) -> bool:
    if memo is not None and ("tally-ready", source) in memo:
        return memo[("tally-ready", source)]
    ready = source in SOURCES and TallyState.objects.filter(source=source).exists()
    if memo is not None:
        memo[("tally-ready", source)] = ready
    return ready


def tally_sums(
    series: str,
    *,
    start: dt.date,
    end: dt.date,
    unit_ids: frozenset[int] | None,
    scope: frozenset[int] | None,
    by: tuple[str, ...] = ("category",),
) -> dict[tuple[Any, ...], int]:
    """Sum of the counts of `series` on days start..end, grouped by `by`; limited to rows whose unit or scope unit is
    one of `unit_ids` (None = any) and whose scope unit is one of `scope` (None = any)."""
    return tally_sums_by_series([series], start=start, end=end, unit_ids=unit_ids, scope=scope, by=by)[series]


def tally_sums_by_series(
    series: Iterable[str],
    *,
    start: dt.date,
    end: dt.date,
    unit_ids: frozenset[int] | None,
    scope: frozenset[int] | None,
    by: tuple[str, ...] = ("category",),
) -> dict[str, dict[tuple[Any, ...], int]]:
    """`tally_sums` of several series in one grouped query: {series: what tally_sums(series, …) returns}."""
    names = sorted(set(series))
    out: dict[str, dict[tuple[Any, ...], int]] = {name: {} for name in names}
    if end < start or not names:
        return out
    for grain, first, last in _pieces(start, end):
        named = Q(series=names[0]) if len(names) == 1 else Q(series__in=names)
        qs = Tally.objects.filter(named, grain=grain, day__range=(first, last))
        if unit_ids is not None:
            qs = qs.filter(Q(unit_id__in=sorted(unit_ids)) | Q(scope_unit_id__in=sorted(unit_ids)))
        if scope is not None:
            qs = qs.filter(scope_unit_id__in=sorted(scope))
        for row in qs.values("series", *by).annotate(s=Sum("n")).order_by():
            key = tuple(row[b] for b in by)
            sums = out[row["series"]]
            sums[key] = sums.get(key, 0) + (row["s"] or 0)
    return out


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _pieces(start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """start..end as (grain, first row day, last row day) runs: whole years from year rows, whole months from month
    rows, the days left over (at most a part-month at each end) from day rows — a calendar year, half, quarter or
    month is one run."""
    runs: list[tuple[str, dt.date, dt.date]] = []

    def add(grain: str, first: dt.date, last: dt.date, follows: dt.date) -> None:
        # the next year/month row, or the next day: one range with the run before it
        if runs and runs[-1][0] == grain and runs[-1][2] == follows:
            runs[-1] = (grain, runs[-1][1], last)
        else:
            runs.append((grain, first, last))

    d = start
    while d <= end:
        if d.month == 1 and d.day == 1 and dt.date(d.year, 12, 31) <= end:
            add("y", d, d, dt.date(d.year - 1, 1, 1))
            d = dt.date(d.year + 1, 1, 1)
        elif d.day == 1 and _month_end(d) <= end:
            add("m", d, d, (d - dt.timedelta(days=1)).replace(day=1))
            d = _month_end(d) + dt.timedelta(days=1)
        else:
            last = min(end, _month_end(d))
            add("d", d, last, d - dt.timedelta(days=1))
            d = last + dt.timedelta(days=1)
    return runs
