"""The kernel's figures over every docket registered in the case kernel (issue #24, the cockpit): cases received,
cases open now, cases with an overdue statutory clock — each broken down by docket (or by handling unit with
`by="unit"`), one docket with `docket=`.

`cases.received` and `cases.open` read counts kept in every case write's transaction (TallySource "cases": a case
adds ("cases.received", received_on, docket) and, while it has no closing date, ("cases.open", received_on, docket);
closing it removes the second in the same transaction, reopening it adds it back). `cases.overdue` is counted from
the clocks table: an overdue clock depends on today, not on a write, so no count can be kept for it; the query reads
only the running clocks already past their due day (index (state, due_date)) — the overdue ones, not every case.
Records behind each value are listed live from the same definitions. Imported by the AppConfig (the source must be
connected before the first write)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, QuerySet

from fazhi.metrics.registry import Measure, Metric, Query, register_metric
from fazhi.metrics.tallies import Contribution, TallySource, day_of, maintain, tally_ready, tally_sums

from .figures import CASE_FIELDS, cases_scope_unit_ids
from .models import Case

SOURCE_NAME = "cases"
MODULE = "案件（全部案件类型）"
SCOPE_NOTE = (
    "统计对象为案件内核中登记的全部案件类型（行政复议、行政应诉、政府信息公开申请、建议提案、人民调解、法律援助、信访、"
    "12345热线等；docket= 时只计该类型）；按承办单位分列（by=unit）；指定单位时为该承办单位（含下级单位时为其下级）的案件；"
    "按查看人的数据范围（承办单位）和可查看的案件类型计。"
)
EPOCH = dt.date(1990, 1, 1)


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    unit = row["handling_unit_id"] or 0
    received = day_of(row["received_on"])
    yield ("cases.received", received, unit, unit, row["docket"], "")  # type: ignore[misc]
    if row["closed_on"] is None:
        yield ("cases.open", received, unit, unit, row["docket"], "")  # type: ignore[misc]


SOURCE = maintain(
    TallySource(
        name=SOURCE_NAME,
        model=Case,
        fields=CASE_FIELDS,
        contributions=contributions,
        belongs=lambda row: True,
        queryset=lambda: Case.objects.all(),
        scope=cases_scope_unit_ids,
    )
)


def _scope(q: Query) -> frozenset[int] | None:
    return None if q.viewer is None else cases_scope_unit_ids(q.viewer)


def _dockets(q: Query) -> frozenset[str] | None:
    """The dockets whose cases the viewer may open (CasePolicy: `<docket>.case.view`); None = every docket."""
    if q.viewer is None:
        return None
    from fazhi.orgs.scopes import grants_for

    from .registry import DOCKETS

    g = grants_for(q.viewer)
    return frozenset(code for code in DOCKETS if g.has(f"{code}.case.view"))


def _today(q: Query) -> dt.date:
    if q.today is not None:
        return q.today
    from fazhi.deadlines.selectors import today_local

    return today_local()


def cases_of(q: Query) -> QuerySet[Case]:
    """Every case the query may count: docket filter, unit filter, the viewer's scope (handling unit)."""
    qs = Case.objects.all()
    wanted = _dockets(q)
    if wanted is not None:
        qs = qs.filter(docket__in=sorted(wanted))
    if q.filters.get("docket"):
        qs = qs.filter(docket=q.filters["docket"])
    if q.unit_ids is not None:
        qs = qs.filter(handling_unit_id__in=sorted(q.unit_ids))
    scope = _scope(q)
    if scope is not None:
        qs = qs.filter(handling_unit_id__in=sorted(scope))
    return qs


def _window(q: Query, name: str) -> tuple[dt.date, dt.date]:
    if name == "received":
        return q.period.start, min(q.period.end, _today(q))
    return EPOCH, min(q.period.end, _today(q))  # open now, received by the period's end


def _live_set(q: Query, name: str) -> QuerySet[Case]:
    start, end = _window(q, name)
    qs = cases_of(q).filter(received_on__range=(start, end))
    return qs.filter(closed_on__isnull=True) if name == "open" else qs


def _grouped(q: Query, name: str, by: str) -> dict[Any, int]:
    """{docket or handling unit id: n} from the kept counts when built, else counted live (memoised)."""

    def run() -> dict[Any, int]:
        if tally_ready(SOURCE_NAME, q.memo):
            start, end = _window(q, name)
            sums = tally_sums(
                f"cases.{name}",
                start=start,
                end=end,
                unit_ids=q.unit_ids,
                scope=_scope(q),
                by=("category", "scope_unit_id"),
            )
            wanted, docket = _dockets(q), q.filters.get("docket")
            out: dict[Any, int] = {}
            for (code, unit_id), n in sums.items():
                if n and (wanted is None or code in wanted) and (not docket or code == docket):
                    k = code if by == "docket" else unit_id
                    out[k] = out.get(k, 0) + n
            return out
        field = "docket" if by == "docket" else "handling_unit_id"
        return {r[field]: r["n"] for r in _live_set(q, name).values(field).annotate(n=Count("id")).order_by()}

    key = ("cases-kernel", name, by, q.filters.get("docket"), q.unit_ids, _scope(q), q.period.start, q.period.end)
    return q.memoize(key, run)


def _overdue_ids(q: Query) -> list[int]:
    """Open cases (in the query) with a statutory clock running past its due day today."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.deadlines.models import Clock, ClockState

    def run() -> list[int]:
        ct = ContentType.objects.get_for_model(Case)
        running = (ClockState.RUNNING, ClockState.DUE_SOON, ClockState.OVERDUE)
        clock_ids = Clock.objects.filter(state__in=running, due_date__lt=_today(q), content_type=ct)
        ids = sorted({int(o) for o in clock_ids.values_list("object_id", flat=True) if str(o).isdigit()})
        if not ids:
            return []
        qs = cases_of(q).filter(pk__in=ids, closed_on__isnull=True, received_on__lte=q.period.end)
        return sorted(qs.values_list("pk", flat=True))

    return q.memoize(("cases-kernel-overdue", q.filters.get("docket"), q.unit_ids, _scope(q), q.period.end), run)


def _breakdown(counts: dict[Any, int], by: str) -> list[dict[str, Any]]:
    if by == "docket":
        from .registry import dockets

        return [{"code": s.code, "label": s.label, "value": counts.get(s.code, 0)} for s in dockets()]
    from fazhi.orgs.models import Unit

    units = {u.pk: u for u in Unit.objects.filter(pk__in=[k for k in counts if k])}
    rows = [
        {"code": units[k].code if k in units else "", "label": units[k].display_name if k in units else "（未指定）"}
        | {"value": n}
        for k, n in counts.items()
    ]
    return sorted(rows, key=lambda r: (-r["value"], r["code"]))


def _by(q: Query) -> str:
    return "unit" if q.filters.get("by") == "unit" else "docket"


def _count(name: str) -> Any:
    def compute(q: Query) -> Measure:
        by = _by(q)
        if name == "overdue":
            ids = _overdue_ids(q)
            field = "docket" if by == "docket" else "handling_unit_id"
            counts: dict[Any, int] = {}
            if ids:
                rows = Case.objects.filter(pk__in=ids).values(field).annotate(n=Count("id")).order_by()
                counts = {r[field]: r["n"] for r in rows}
            records = ids if q.records else None
        else:
            counts = _grouped(q, name, by)
            records = sorted(_live_set(q, name).values_list("pk", flat=True)) if q.records else None
        return Measure(sum(counts.values()), breakdown=_breakdown(counts, by), records=records)

    return compute


def _m(key: str, label: str, definition: str, *, maintained: bool) -> None:
    register_metric(
        Metric(
            key=f"cases.{key}",
            label=label,
            unit="件",
            definition=definition,
            scope_note=SCOPE_NOTE,
            module=MODULE,
            compute=_count(key),
            breakdown="案件类型（by=unit 时为承办单位）",
            maintained=maintained,
            params=("docket", "by"),
            record_kind="cases.case",
        )
    )


_m(
    "received",
    "新收案件",
    "收到日期（received_on）在统计期间内（不晚于今天）的案件，各案件类型合计。",
    maintained=True,
)
_m(
    "open",
    "在办案件",
    "目前尚未结案（无结案日期）、收到日期不晚于统计期末的案件；往年的数值为其中至今仍未结的案件。",
    maintained=True,
)
_m(
    "overdue",
    "超期案件",
    "目前尚未结案、且至少有一个法定期限届满日早于今天仍在计时（未完成、未暂停）的案件；期限按各案件类型的期限规则"
    "（fazhi/deadlines）计算。",
    maintained=False,
)
