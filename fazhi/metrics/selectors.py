"""The public reads of the registry — what pages, commands, exports, the API, reports and dashboards call.

    metrics_list() -> [{"key", "label", "unit", "module", "definition", "settings", "breakdown", "maintained"}]
    metric_value(key, period=2025 | Period | DateRange, unit=None | "C002" | Unit, subordinates=False,
                 viewer=None | user, records=False, **filters) -> {"key", "year", "period", "unit", "value",
                 "numerator", "denominator"} (+ "breakdown" where declared, + "records" with records=True)
    metric_values(keys, …) -> {key: the same dict}   (several figures from shared counts)

A viewer limits what is counted to their data scope; None counts every record (commands, system snapshots).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from fazhi.core.errors import DomainError

from .periods import Period, as_period
from .registry import Measure, Metric, Query, metric_get, metrics_all, rate


def metrics_list() -> list[dict[str, Any]]:
    return [
        {
            "key": m.key,
            "label": m.label,
            "unit": m.unit,
            "module": m.module,
            "definition": m.full_definition,
            "settings": list(m.settings),
            "breakdown": m.breakdown,
            "maintained": m.maintained,
        }
        for m in metrics_all()
    ]


def unit_resolve(unit: Any) -> Any:
    """A Unit from a Unit or its code; None for none; an unknown code is refused."""
    from fazhi.orgs.models import Unit

    if unit is None or unit == "":
        return None
    if isinstance(unit, Unit):
        return unit
    found = Unit.objects.filter(code=str(unit).strip()).first()
    if found is None:
        raise DomainError("unknown_unit", f"未找到编码为“{unit}”的单位。", field="unit")
    return found


def measure(metric: Metric, q: Query) -> Measure:
    """The metric's Measure for the query (a rate without its own function divides its two count metrics)."""
    key = ("measure", metric.key, q.records, repr(sorted(q.filters.items())))
    if key in q.memo:
        return q.memo[key]
    if metric.compute:
        m = metric.fn()(q)
    else:
        n, d = measure(metric_get(metric.numerator), q), measure(metric_get(metric.denominator), q)
        records = {"numerator": n.records, "denominator": d.records} if q.records else None
        m = Measure(rate(n.value, d.value), n.value, d.value, records=records)
    q.memo[key] = m
    return m


def as_dict(metric: Metric, m: Measure, q: Query) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": metric.key,
        "year": q.period.year,
        "period": q.period.code,
        "unit": q.unit.code if q.unit is not None else "",
        "value": m.value,
        "numerator": m.numerator,
        "denominator": m.denominator,
    }
    if metric.breakdown:
        out["breakdown"] = m.breakdown or []
    if q.records:
        out["records"] = m.records
    return out


def query(
    *,
    period: int | Period,
    unit: Any = None,
    subordinates: bool = False,
    viewer: Any = None,
    records: bool = False,
    today: dt.date | None = None,
    memo: dict[Any, Any] | None = None,
    **filters: Any,
) -> Query:
    return Query(
        period=as_period(period),
        unit=unit_resolve(unit),
        subordinates=subordinates,
        viewer=viewer,
        records=records,
        filters=filters,
        today=today,
        memo={} if memo is None else memo,
    )


def metric_values(
    keys: Iterable[str],
    *,
    period: int | Period,
    unit: Any = None,
    subordinates: bool = False,
    viewer: Any = None,
    records: bool = False,
    memo: dict[Any, Any] | None = None,
    **filters: Any,
) -> dict[str, dict[str, Any]]:
    """Several metrics for one query; `memo` may be shared by calls over the same data (e.g. one per unit)."""
    metrics = [metric_get(k) for k in keys]
    q = query(period=period, unit=unit, subordinates=subordinates, viewer=viewer, records=records, memo=memo, **filters)
    return {m.key: as_dict(m, measure(m, q), q) for m in metrics}


def metric_value(
    key: str,
    *,
    period: int | Period,
    unit: Any = None,
    subordinates: bool = False,
    viewer: Any = None,
    records: bool = False,
    **filters: Any,
) -> dict[str, Any]:
    return metric_values(
        [key], period=period, unit=unit, subordinates=subordinates, viewer=viewer, records=records, **filters
    )[key]
