"""The metric registry: every figure the platform shows has one `Metric` here — a stable key, its label and unit, its
口径 in words, the settings it depends on, the module that owns it and the function that computes it. Modules
register their metrics from their own `metrics.py` (imported by their AppConfig.ready); this module imports none of
them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.module_loading import autodiscover_modules, import_string

from fazhi.core.errors import DomainError

from .periods import Period

PERCENT = "%"


@dataclass
class Query:
    """What a metric is asked for: the period, an optional unit (with or without its subordinates), the viewer whose
    data scope limits what is counted (None = every record: commands, snapshots by the system), whether the records
    behind the value are wanted, module-specific filters (e.g. a plan), and a memo shared by the metrics computed
    together (one statistics page asks for a dozen figures from the same counts)."""

    period: Period
    unit: Any = None  # an orgs.Unit or None
    subordinates: bool = False
    viewer: Any = None
    records: bool = False
    filters: dict[str, Any] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)
    today: dt.date | None = None

    @cached_property
    def unit_ids(self) -> frozenset[int] | None:
        """The unit's id (and its subordinates' with `subordinates`), or None when no unit was asked for."""
        if self.unit is None:
            return None
        if not self.subordinates:
            return frozenset([self.unit.pk])
        from fazhi.orgs.models import Unit

        return frozenset(Unit.objects.filter(self.unit.descendants_q()).values_list("pk", flat=True))

    def memoize(self, key: Any, fn: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = fn()
        return self.memo[key]


@dataclass
class Measure:
    """A metric's answer: the value; for a rate its numerator and denominator; a breakdown (one value per category:
    [{"code", "label", "value"}]) where declared; and on request the ids of the records behind it (a list, or for
    a rate {"numerator": [...], "denominator": [...]})."""

    value: Any
    numerator: Any = None
    denominator: Any = None
    breakdown: list[dict[str, Any]] | None = None
    records: Any = None


@dataclass(frozen=True)
class Metric:
    key: str  # stable: "<module>.<figure>", e.g. reconsideration.correction_rate
    label: str  # Chinese label, as pages show it
    unit: str  # 件 / % / 天 / 人次 / 项 …
    definition: str  # 口径 in words: what is counted, numerator and denominator, which date, what is excluded
    module: str  # owning module (its label in the 口径 page)
    compute: str | Callable[[Query], Measure] = ""  # (Query) -> Measure; a rate may leave it "" (numerator/denominator)
    numerator: str = ""  # rates: keys of the count metrics divided
    denominator: str = ""
    settings: tuple[str, ...] = ()  # settings the 口径 depends on
    breakdown: str = ""  # what the breakdown is by (e.g. "结案结果"); "" = none
    maintained: bool = False  # read from counts kept in the write's transaction (tallies.py), else counted live
    params: tuple[str, ...] = ()  # module-specific filters the metric takes (e.g. "plan")
    record_kind: str = ""  # what the records behind it are (a kind registered with register_record_kind)
    scope_note: str = ""  # how a unit filter and the viewer's scope apply (often shared by a module's metrics)

    @property
    def full_definition(self) -> str:
        """The whole 口径: the definition and how units and scope apply (what `fazhi metrics list` prints)."""
        return self.definition + self.scope_note

    @property
    def is_rate(self) -> bool:
        return self.unit == PERCENT

    def fn(self) -> Callable[[Query], Measure]:
        return import_string(self.compute) if isinstance(self.compute, str) else self.compute


@dataclass(frozen=True)
class RecordKind:
    """How a module shows the records behind its metrics: column headings and (ids) -> rows of
    {"url", "cells": [...]} in the order given."""

    code: str
    label: str  # e.g. 案件
    columns: tuple[str, ...]
    describe: Callable[[list[Any]], list[dict[str, Any]]]


RECORD_KINDS: dict[str, RecordKind] = {}


def register_record_kind(kind: RecordKind) -> RecordKind:
    RECORD_KINDS[kind.code] = kind
    return kind


METRICS: dict[str, Metric] = {}
_discovered = False


def register_metric(metric: Metric) -> Metric:
    if metric.is_rate and not metric.compute and not (metric.numerator and metric.denominator):
        raise ValueError(f"{metric.key}: a rate needs a compute function or a numerator and a denominator")
    METRICS[metric.key] = metric
    return metric


def metrics_all() -> list[Metric]:
    global _discovered
    if not _discovered:
        autodiscover_modules("metrics")
        _discovered = True
    return list(METRICS.values())


def metric_get(key: str) -> Metric:
    if not _discovered:  # (not metrics_all(): a copy of the list per figure read)
        metrics_all()
    try:
        return METRICS[(key or "").strip()]
    except KeyError:
        raise DomainError(
            "unknown_metric", f"没有指标“{key}”（`fazhi metrics list` 列出全部指标）。", field="key"
        ) from None


def rate(numerator: int | None, denominator: int | None) -> float | None:
    """A percentage rounded to 2 decimals; None (JSON null) when the denominator is 0."""
    if not denominator or numerator is None:
        return None
    return round(100 * numerator / denominator, 2)
