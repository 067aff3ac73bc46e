"""What every docket's metrics share (fazhi/metrics): the cases' maintained counts and their data scope.

A docket's `metrics.py` declares its series with `case_source(docket, contributions)` — one TallySource over that
docket's cases, kept in the transaction of every case write — and registers its metrics; each metric reads the
counts through `case_tally` (memoised for the figures asked together) when the source is built, else counts live
through the docket's own row functions, and always lists the records behind it live (the same rows and
definitions as the statistics had before the registry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from fazhi.metrics.registry import Measure, Query, RecordKind, register_record_kind
from fazhi.metrics.tallies import (
    Contribution,
    TallySource,
    day_of,
    maintain,
    tally_ready,
    tally_sums,
    tally_sums_by_series,
)

from .models import Case

CASE_FIELDS = (
    "docket",
    "received_on",
    "closed_on",
    "outcome",
    "state",
    "extra",
    "respondent_unit_id",
    "handling_unit_id",
)


def cases_scope_unit_ids(viewer: Any, docket: str = "") -> frozenset[int] | None:
    """The handling units whose cases the viewer may see (CasePolicy "view", which also needs the docket's own
    `<docket>.case.view`): None = every unit. A figure never counts cases its records page would not open."""
    from fazhi.orgs.scopes import grants_for

    g = grants_for(viewer)
    if not g.has("cases.case.view") or g.self_only or (docket and not g.has(f"{docket}.case.view")):
        return frozenset()
    return None if g.all_units else frozenset(g.unit_ids)


def case_contribution(
    row: dict[str, Any], what: str, day: Any, category: str = "", *, name_key: str = ""
) -> Contribution:
    """One event of a case: counted for its respondent/defendant unit (by name when outside the city, read from
    `extra[name_key]`), scoped by its handling unit."""
    respondent = row["respondent_unit_id"] or 0
    name = "" if respondent else str((row["extra"] or {}).get(name_key, "") if name_key else "")[:200]
    return (f"{row['docket']}.{what}", day_of(day), respondent, row["handling_unit_id"], category, name)  # type: ignore[return-value]


def case_source(docket: str, contributions: Callable[[dict[str, Any]], Iterable[Contribution]]) -> TallySource:
    return maintain(
        TallySource(
            name=docket,
            model=Case,
            fields=CASE_FIELDS,
            contributions=contributions,
            belongs=lambda row: row["docket"] == docket,
            queryset=lambda: Case.objects.filter(docket=docket),
            scope=cases_scope_unit_ids,
        )
    )


def _scope(q: Query, series: str) -> frozenset[int] | None:
    """The viewer's scope for a docket's series ("litigation.received" → the 行政应诉 cases they may open)."""
    return None if q.viewer is None else cases_scope_unit_ids(q.viewer, series.split(".", 1)[0])


def _by_respondent(
    q: Query, series: str, by: tuple[str, ...], end: dt.date
) -> dict[tuple[Any, ...], dict[tuple[Any, ...], int]]:
    """The counts of `series` grouped once by respondent (unit id, name): {group: {by values: n}} (memoised)."""

    def grouped() -> dict[tuple[Any, ...], dict[tuple[Any, ...], int]]:
        every = tally_sums(
            series,
            start=q.period.start,
            end=end,
            unit_ids=q.unit_ids,
            scope=_scope(q, series),
            by=(*by, "unit_id", "name"),
        )
        out: dict[tuple[Any, ...], dict[tuple[Any, ...], int]] = {}
        for k, n in every.items():
            out.setdefault(k[-2:], {})[k[:-2]] = n
        return out

    return q.memoize(_respondent_key(q, series, by, end), grouped)


def _respondent_key(q: Query, series: str, by: tuple[str, ...], end: dt.date) -> tuple[Any, ...]:
    return ("tally-by-respondent", series, by, end, q.unit_ids, _scope(q, series))


# The series a docket's per-unit table read by respondent over a whole period (learned from the last table built in
# this process): the next table reads them all in one grouped query (respondent_prefetch).
_TABLE_SERIES: dict[str, frozenset[str]] = {}


def respondent_prefetch(q: Query, docket: str) -> None:
    """Read, in one grouped query, every series of `docket` its per-unit table read last time (by category, to the
    period's end) into the memo `_by_respondent` reads — the same rows, filters and grouping as its one query per
    series, so the table's figures are the same; a series not read before is still read on its own when asked."""
    end = q.period.end
    wanted = [
        s for s in sorted(_TABLE_SERIES.get(docket, ())) if _respondent_key(q, s, ("category",), end) not in q.memo
    ]
    if not wanted:
        return
    scope = _scope(q, f"{docket}.")
    every = tally_sums_by_series(
        wanted, start=q.period.start, end=end, unit_ids=q.unit_ids, scope=scope, by=("category", "unit_id", "name")
    )
    for series, counts in every.items():
        out: dict[tuple[Any, ...], dict[tuple[Any, ...], int]] = {}
        for k, n in counts.items():
            out.setdefault(k[-2:], {})[k[:-2]] = n
        q.memo[_respondent_key(q, series, ("category",), end)] = out


def respondent_learn(q: Query, docket: str) -> None:
    """Remember which of the docket's series the per-unit table just read by respondent (see respondent_prefetch)."""
    end, prefix = q.period.end, f"{docket}."
    seen = {
        k[1]
        for k in q.memo
        if isinstance(k, tuple)
        and len(k) == 6
        and k[0] == "tally-by-respondent"
        and k[1].startswith(prefix)
        and k[2] == ("category",)
        and k[3] == end
    }
    _TABLE_SERIES[docket] = frozenset(seen) | _TABLE_SERIES.get(docket, frozenset())


def case_tally(
    q: Query, series: str, *, by: tuple[str, ...] = ("category",), until: dt.date | None = None
) -> dict[tuple[Any, ...], int]:
    """The kept counts of `series` (e.g. "reconsideration.closed") in the query's period, unit and viewer scope;
    with the filter respondent=(unit id, name) one line of the per-unit table (all lines read in one query)."""
    end = q.period.end if until is None else min(q.period.end, until)
    group = q.filters.get("respondent")
    if group is not None:
        return _by_respondent(q, series, by, end).get(tuple(group), {})
    return q.memoize(
        ("tally", series, by, end, q.unit_ids, _scope(q, series)),
        lambda: tally_sums(series, start=q.period.start, end=end, unit_ids=q.unit_ids, scope=_scope(q, series), by=by),
    )


def respondent_groups(q: Query, series: dict[str, dt.date | None]) -> list[tuple[int, str]]:
    """The (respondent unit id, name outside the city) pairs with any count in these series ({series: until})."""
    groups: set[tuple[int, str]] = set()
    for name, until in series.items():
        end = q.period.end if until is None else min(q.period.end, until)
        groups.update(g for g, counts in _by_respondent(q, name, ("category",), end).items() if any(counts.values()))
    return sorted(groups)


def tally_total(q: Query, series: str, keep: Callable[[str], bool] | None = None, **kw: Any) -> int:
    return sum(n for (cat, *_), n in case_tally(q, series, **kw).items() if keep is None or keep(cat))


def kept(q: Query, docket: str) -> bool:
    """Whether the docket's counts are built (else its metrics count live)."""
    return tally_ready(docket, q.memo)


def case_measure(
    q: Query,
    docket: str,
    key: str,
    *,
    from_tally: Callable[[], int],
    live: Callable[[Query], tuple[dict[str, list[int]], dict[str, int]]],
    breakdown: Callable[[], list[dict[str, Any]]] | None = None,
) -> Measure:
    """A count figure: from the kept counts when built, else from the live case sets; records always live."""
    if kept(q, docket) or "respondent" in q.filters:
        value = from_tally()
    else:
        sets, counts = live(q)
        value = counts.get(key, len(sets.get(key, [])))
    records = sorted(live(q)[0].get(key, [])) if q.records else None
    return Measure(value, breakdown=breakdown() if breakdown else None, records=records)


def unit_ids_of(q: Query) -> list[int] | None:
    return sorted(q.unit_ids) if q.unit_ids is not None else None


def describe_cases(ids: list[Any]) -> list[dict[str, Any]]:
    """The cases behind a figure as the metric pages list them (newest first)."""
    from .registry import docket_get

    rows = []
    qs = Case.objects.filter(pk__in=ids).select_related("handling_unit").order_by("-received_on", "-id")
    for c in qs.only("id", "docket", "case_number", "title", "state", "received_on", "closed_on", "handling_unit"):
        spec = docket_get(c.docket)
        rows.append(
            {
                "url": c.get_absolute_url(),
                "cells": [
                    c.case_number,
                    c.title[:30],
                    c.received_on.isoformat(),
                    spec.state_label(c.state),
                    c.closed_on.isoformat() if c.closed_on else "",
                    c.handling_unit.display_name,
                ],
            }
        )
    return rows


register_record_kind(
    RecordKind("cases.case", "案件", ("案号", "案由", "收到日期", "状态", "结案日期", "承办单位"), describe_cases)
)


def closed_measure(
    q: Query,
    docket: str,
    outcomes: Iterable[tuple[str, str]],
    live: Callable[[Query], tuple[dict[str, list[int]], dict[str, int]]],
) -> Measure:
    """A docket's `closed` figure with its breakdown by outcome (the statistics' outcome table), in outcome order."""
    rows = list(outcomes)

    def breakdown() -> list[dict[str, Any]]:
        if kept(q, docket):
            by = {cat: n for (cat,), n in case_tally(q, f"{docket}.closed").items()}
        else:
            sets = live(q)[0]
            by = {c: len(sets[f"outcome:{c}"]) for c, _ in rows}
        return [{"code": c, "label": label, "value": by.get(c, 0)} for c, label in rows]

    return case_measure(
        q, docket, "closed", from_tally=lambda: tally_total(q, f"{docket}.closed"), live=live, breakdown=breakdown
    )


def docket_metric_registrar(docket: str, module: str, scope_note: str) -> Callable[..., None]:
    """`reg(key, label, definition, compute="", unit="件", **kw)` registering `<docket>.<key>` as a maintained case
    metric of that module."""
    from fazhi.metrics.registry import Metric, register_metric

    def reg(key: str, label: str, definition: str, compute: Any = "", unit: str = "件", **kw: Any) -> None:
        register_metric(
            Metric(
                key=f"{docket}.{key}",
                label=label,
                unit=unit,
                definition=definition,
                scope_note=scope_note,
                module=module,
                compute=compute,
                maintained=True,
                record_kind="cases.case",
                **kw,
            )
        )

    return reg
