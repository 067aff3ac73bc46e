"""metric_snapshot: freeze metric values with the record ids behind them — stored, audited, never recomputed. The
annual report and the indicator assessment bind their figures to a snapshot, so a published number keeps its value
and its cases whatever happens to the data afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from .models import Snapshot, SnapshotValue
from .periods import Period, as_period
from .registry import metric_get
from .selectors import metric_values, unit_resolve


@transaction.atomic
def metric_snapshot(
    keys: Iterable[str],
    period: int | Period,
    unit: Any = None,
    *,
    subordinates: bool = False,
    by: Any = None,
    purpose: str = "",
    viewer: Any = None,
) -> Snapshot:
    """Compute the metrics once (with records) and store them. `by` is who takes the snapshot (audited); `viewer`
    limits the values to a data scope (None: every record, as the report's owner office takes them)."""
    from fazhi.audit.services import record_event

    keys = list(dict.fromkeys(keys))
    metrics = [metric_get(k) for k in keys]
    p = as_period(period)
    u = unit_resolve(unit)
    values = metric_values(keys, period=p, unit=u, subordinates=subordinates, viewer=viewer, records=True)
    snap = Snapshot.objects.create(
        taken_by=by if getattr(by, "is_authenticated", False) else None,
        purpose=purpose[:200],
        year=p.year,
        period=p.code,
        unit_code=u.code if u is not None else "",
        subordinates=subordinates,
    )
    SnapshotValue.objects.bulk_create(
        SnapshotValue(
            snapshot=snap,
            key=m.key,
            label=m.label,
            unit=m.unit,
            definition=m.full_definition,
            value=values[m.key]["value"],
            numerator=values[m.key]["numerator"],
            denominator=values[m.key]["denominator"],
            breakdown=values[m.key].get("breakdown"),
            records={"records": values[m.key]["records"]},
        )
        for m in metrics
    )
    record_event(
        actor=by,
        action="metrics.snapshot.take",
        obj=snap,
        object_repr=f"指标快照 {p.label}{(' ' + u.code) if u is not None else ''}",
        summary={"keys": keys, "year": p.year, "period": p.code, "unit": snap.unit_code, "purpose": purpose},
    )
    return snap


def snapshot_values(snapshot: Snapshot) -> dict[str, dict[str, Any]]:
    """The frozen values as metric_value() returns them (with "records"), read back exactly as stored."""
    return {
        v.key: {
            "key": v.key,
            "year": snapshot.year,
            "period": snapshot.period,
            "unit": snapshot.unit_code,
            "value": v.value,
            "numerator": v.numerator,
            "denominator": v.denominator,
            **({"breakdown": v.breakdown} if v.breakdown is not None else {}),
            "records": v.records.get("records"),
        }
        for v in snapshot.values.order_by("id")
    }
