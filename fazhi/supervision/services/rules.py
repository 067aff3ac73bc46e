"""The rule table: the office edits it (audited, versioned); it runs daily through the job worker and after each
edit. Re-running never duplicates: an item's dedupe key names the rule and the record that caused it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.deadlines.models import Clock, ClockState
from fazhi.deadlines.rules import RULES

from .. import clocks
from ..errors import SupervisionErrorCode
from ..events import SupervisionEvent
from ..models import Item, RaiseRule
from ..sources import clock_rules_raised_by_sources, record_describe
from ..states import OPEN_STATES
from .raising import item_close_by_source, item_raise

# Clocks that already are (or belong to) a supervised item: never raised again by a clock rule.
OWN_CLOCK_RULES = ("plan.task", clocks.CLOCK_RULE)
FIELDS = ("name", "kind", "clock_rule_prefix", "min_working_days_overdue", "enabled", "note")

DEFAULT_RULES = [
    {
        "name": "案件期限超期超过5个工作日",
        "kind": RaiseRule.Kind.CLOCK_OVERDUE,
        "clock_rule_prefix": "",
        "min_working_days_overdue": 5,
        "enabled": True,
        "note": "任一案件的法定期限超过届满日5个工作日仍未办结的，向承办单位生成督办事项。",
    }
]


def rules_defaults() -> list[RaiseRule]:
    if not RaiseRule.objects.exists():
        for d in DEFAULT_RULES:
            RaiseRule.objects.create(**d)
    return list(RaiseRule.objects.all())


@transaction.atomic
def rule_save(
    *, by: Any, data: dict[str, Any], rule: RaiseRule | None = None, expected_version: int | None = None
) -> RaiseRule:
    """Create or change one rule. Checked: a name, a known kind, a prefix that matches some clock rule."""
    name = (data.get("name") or "").strip()
    if not name:
        raise DomainError(SupervisionErrorCode.RULE_INVALID, "请填写规则名称。", field="name")
    if data.get("kind") not in RaiseRule.Kind.values:
        raise DomainError(SupervisionErrorCode.RULE_INVALID, "请选择条件类型。", field="kind")
    prefix = (data.get("clock_rule_prefix") or "").strip()
    if prefix and not any(r.startswith(prefix) for r in RULES):
        raise DomainError(
            SupervisionErrorCode.RULE_INVALID, f"没有以“{prefix}”开头的期限规则。", field="clock_rule_prefix"
        )
    days = data.get("min_working_days_overdue")
    if not isinstance(days, int) or not 0 <= days <= 365:
        raise DomainError(
            SupervisionErrorCode.RULE_INVALID, "超期工作日数应为0到365之间的整数。", field="min_working_days_overdue"
        )
    values = {
        "name": name[:100],
        "kind": data["kind"],
        "clock_rule_prefix": prefix,
        "min_working_days_overdue": days,
        "enabled": bool(data.get("enabled")),
        "note": (data.get("note") or "").strip()[:300],
    }
    before: dict[str, Any] = {}
    if rule is None:
        rule = RaiseRule.objects.create(**values, updated_by=by if getattr(by, "pk", None) else None)
    else:
        before = {f: getattr(rule, f) for f in FIELDS}
        for k, v in values.items():
            setattr(rule, k, v)
        rule.updated_by = by if getattr(by, "pk", None) else None
        rule.save_versioned(expected_version=expected_version or rule.version, update_fields=[*FIELDS, "updated_by"])
    record_event(actor=by, action=SupervisionEvent.RULE_SAVED, obj=rule, summary={"before": before, "after": values})
    return rule


def _unit_of(clock: Clock) -> Any:
    if clock.unit is not None:
        return clock.unit
    record = clock.record
    return getattr(record, "handling_unit", None) or getattr(record, "unit", None)


def rules_run(*, on: dt.date | None = None, by: Any = "system") -> dict[str, int]:
    """Apply every enabled rule to today's data: raise the items their conditions call for (once per rule and
    record) and close the clock items whose clock has completed meanwhile."""
    on = on or clocks.today()
    out = {"examined": 0, "raised": 0, "closed": 0, "no_unit": 0}
    for rule in RaiseRule.objects.filter(enabled=True, kind=RaiseRule.Kind.CLOCK_OVERDUE).order_by("id"):
        qs = (
            Clock.objects.filter(completed_on=None, due_date__lt=on)
            .exclude(state__in=(ClockState.DONE, ClockState.PAUSED))
            .exclude(rule_id__in=(*OWN_CLOCK_RULES, *sorted(clock_rules_raised_by_sources())))
            .select_related("unit")
            .order_by("id")
        )
        if rule.clock_rule_prefix:
            qs = qs.filter(rule_id__startswith=rule.clock_rule_prefix)
        done = set(
            Item.objects.filter(rule=rule, kind="deadlines.clock").values_list("source_id", flat=True)
        )  # raised before: skip without loading the record
        for clock in qs.iterator(chunk_size=1000):
            out["examined"] += 1
            if str(clock.pk) in done:
                continue
            wd = clocks.working_days_overdue(clock, on=on)
            if wd <= rule.min_working_days_overdue:
                continue
            unit = _unit_of(clock)
            if unit is None:
                out["no_unit"] += 1
                continue
            record = clock.record
            label, _url = record_describe(record)
            name = RULES[clock.rule_id].name if clock.rule_id in RULES else clock.rule_id
            with transaction.atomic():
                item_raise(
                    source=clock,
                    kind="deadlines.clock",
                    unit=unit,
                    reason=f"{name}已超期：{record}" if record is not None else f"{name}已超期",
                    text=f"届满日{clock.due_date:%Y-%m-%d}，至{on:%Y-%m-%d}已超过{wd}个工作日仍未办结（规则：{rule.name}）。",
                    clock=clock,
                    rule=rule,
                    by=by,
                    dedupe_key=f"rule.{rule.pk}.clock.{clock.pk}",
                )
            out["raised"] += 1
    for item in Item.objects.filter(kind="deadlines.clock", state__in=OPEN_STATES).select_related("clock"):
        if item.clock is None or item.clock.completed_on is not None or item.clock.state == ClockState.DONE:
            item_close_by_source(item=item, by=by, note="期限已完成，督办事项自动关闭")
            out["closed"] += 1
    if out["raised"] or out["closed"]:  # a run that changed nothing leaves no audit row (re-runs stay silent)
        record_event(
            actor=by,
            action=SupervisionEvent.RULES_RUN,
            object_type="supervision.raiserule",
            object_id="all",
            object_repr="督办生成规则",
            summary={"on": on.isoformat(), **out},
        )
    return out
