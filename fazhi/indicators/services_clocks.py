"""The self-assessment deadline as clocks of the shared engine (fazhi/deadlines, rule indicators.self_assessment):
setting a set's 自评截止日期 runs one fixed-date clock per responsible unit; a unit that has answered every leaf it
must answer completes its clock; after the date, each open clock raises a supervisable item that follows it (and
closes by itself when the clock completes: supervision's deadlines hook)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from .clocks import SELF_RULE
from .errors import IndicatorError
from .models import IndicatorNode, IndicatorSet, LeafResult, NodeUnit, ResultSource, ResultState


def _key(unit: Any) -> str:
    return f"self.{unit.pk}"


def _owed(indicator_set: IndicatorSet) -> dict[Any, list[IndicatorNode]]:
    """Each responsible unit → the leaves it must answer (computed leaves are the platform's)."""
    owed: dict[Any, list[IndicatorNode]] = {}
    rows = NodeUnit.objects.filter(node__indicator_set=indicator_set, node__metric_key="").select_related(
        "node", "unit"
    )
    for nu in rows.order_by("unit__code", "node__depth", "node__position", "node_id"):
        if not nu.node.children.exists():
            owed.setdefault(nu.unit, []).append(nu.node)
    return owed


def _missing(unit: Any, nodes: list[IndicatorNode]) -> list[IndicatorNode]:
    answered = set(
        LeafResult.objects.filter(
            node__in=nodes, unit=unit, source=ResultSource.SELF, state=ResultState.SUBMITTED
        ).values_list("node_id", flat=True)
    )
    return [n for n in nodes if n.pk not in answered]


def _clocks(indicator_set: IndicatorSet) -> Any:
    from fazhi.deadlines.selectors import clocks_for

    return clocks_for(indicator_set).filter(rule_id=SELF_RULE).select_related("unit")


@transaction.atomic
def self_due_set(*, by: Any, indicator_set: IndicatorSet, due: dt.date) -> int:
    """Set the 自评截止日期: a clock for each responsible unit (a later change moves the open ones; units already
    done stay done). Returns the number of clocks running. Refused before today."""
    from fazhi.deadlines.selectors import today_local
    from fazhi.deadlines.services import clock_reschedule, clock_start

    today = today_local()
    if due < today:
        raise DomainError(
            IndicatorError.BAD_VALUE, f"自评截止日期：不能早于今天（{today:%Y-%m-%d}）。", field="self_due"
        )
    s = IndicatorSet.objects.select_for_update().get(pk=indicator_set.pk)
    s.self_due = due
    s.save(update_fields=["self_due", "updated_at"])
    existing = {c.key: c for c in _clocks(s)}
    running = 0
    for unit in _owed(s):
        clock = existing.get(_key(unit))
        if clock is None:
            clock = clock_start(
                obj=s, rule_id=SELF_RULE, trigger_date=today, by=by, unit=unit, key=_key(unit), due_override=due
            )
        elif clock.completed_on is None and clock.due_date != due:
            clock = clock_reschedule(clock=clock, due_date=due, reason="自评截止日期调整", by=by)
        running += clock.completed_on is None
    for unit in _owed(s):
        self_clock_settle(by=by, indicator_set=s, unit=unit)
    record_event(
        actor=by,
        action="indicators.self_due.set",
        obj=s,
        object_repr=str(s),
        summary={"self_due": due.isoformat(), "clocks": running},
        unit=s.owner,
    )
    indicator_set.self_due = due
    return running


def self_clock_settle(*, by: Any, indicator_set: IndicatorSet, unit: Any) -> bool:
    """Complete the unit's clock once it has submitted every leaf it must answer (called in the submitting
    service's transaction). True when the clock is (now) complete."""
    from fazhi.deadlines.selectors import today_local
    from fazhi.deadlines.services import clock_complete

    clock = _clocks(indicator_set).filter(key=_key(unit)).first()
    if clock is None:
        return False
    if clock.completed_on is not None:
        return True
    if _missing(unit, _owed(indicator_set).get(unit, [])):
        return False
    clock_complete(clock=clock, on=today_local(), by=by)
    return True


@transaction.atomic
def self_overdue_raise(*, by: Any, indicator_set: IndicatorSet, today: dt.date | None = None) -> list[Any]:
    """After the 自评截止日期: an item for each unit whose clock is still open, following that clock (once per unit and
    set). The daily job `indicators.self_overdue` runs this for every set past its date."""
    from fazhi.deadlines.selectors import today_local
    from fazhi.supervision.services import item_raise

    from .sources import SELF_OVERDUE

    today = today or today_local()
    owed = _owed(indicator_set)
    raised = []
    for clock in _clocks(indicator_set).filter(completed_on__isnull=True).order_by("unit__code"):
        if clock.due_date >= today:
            continue
        missing = _missing(clock.unit, owed.get(clock.unit, []))
        if not missing:
            continue
        raised.append(
            item_raise(
                source=missing[0],
                kind=SELF_OVERDUE,
                unit=clock.unit,
                reason=f"考核自评逾期：{indicator_set.name}",
                text=f"自评截止日期{clock.due_date:%Y-%m-%d}，尚有{len(missing)}项指标未提交自评。",
                clock=clock,
                dedupe_key=f"indicators.self_overdue.{indicator_set.pk}.{clock.unit_id}",
                by=by,
            )
        )
    return raised
