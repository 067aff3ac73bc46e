"""Source kinds: what each module that raises items declares once — who ends its items, whether a 销号 needs
evidence, who may ask for an extension and how far, and the hooks that tell the source what happened.

A feature module registers its kinds from its AppConfig.ready() (supervision never imports feature modules);
`deadlines.clock` (an overdue statutory clock of any docket, raised by the rule table) is declared here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from fazhi.core.errors import DomainError

from .errors import SupervisionErrorCode


@dataclass(frozen=True)
class SourceKind:
    key: str  # "plans.share", "deadlines.clock", "litigation.rectification"
    label: str  # the module's label on boards: 规划任务 / 案件期限 / 败诉整改
    end: Literal["source", "person"]  # closed by itself when the source says so, or 销号 by a person
    evidence_required: bool = False  # a 销号 needs a report with at least one file
    # who may ask for an extension: "unit" (the responsible unit), "co" (a co-unit); () = nobody
    extension_by: tuple[str, ...] = ("unit",)
    # the latest date an extension may reach (default: end of the due date's year, i.e. the plan period)
    extension_limit: Callable[[Any], dt.date | None] | None = None
    # the board offers 销号 / 退回 itself; False: the source's own page is the door (it calls the shared services)
    closes_here: bool = True
    on_closed: Callable[[Any, Any], None] | None = None  # (item, by) after the item ended
    on_extended: Callable[[Any, dt.date, Any], None] | None = None  # (item, new due date, by) after approval
    describe: Callable[[Any], tuple[str, str]] | None = None  # source → (label, url), when it varies per record
    # engine clock rules whose overdue clocks this source raises itself (item_raise(clock=…)): the rule table's
    # generic "clock overdue" rows skip them, so one lateness is one item
    clock_rules: tuple[str, ...] = ()
    # (user, item) → whether the viewer may open the source's page; None: whoever sees the item. The item page offers
    # 查看来源 only when this holds (a unit's 复议 handler sees its board, not every plan task it links; issue #11)
    may_open: Callable[[Any, Any], bool] | None = None


SOURCES: dict[str, SourceKind] = {}


def source_register(kind: SourceKind) -> SourceKind:
    SOURCES[kind.key] = kind
    return kind


def source_kind(key: str) -> SourceKind:
    try:
        return SOURCES[key]
    except KeyError:
        raise DomainError(SupervisionErrorCode.UNKNOWN_SOURCE, f"未登记的督办来源：{key}", field="kind") from None


def clock_rules_raised_by_sources() -> set[str]:
    """Clock rules a source kind supervises itself (see `SourceKind.clock_rules`)."""
    return {r for k in SOURCES.values() for r in k.clock_rules}


def source_labels() -> list[tuple[str, str]]:
    return sorted(((k.key, k.label) for k in SOURCES.values()), key=lambda kv: kv[1])


# Describers for records that are the source of a clock (a Case of any docket): label and URL on the board.
RECORD_DESCRIBERS: dict[str, Callable[[Any], tuple[str, str]]] = {}


def record_describer_register(model_label: str, fn: Callable[[Any], tuple[str, str]]) -> None:
    RECORD_DESCRIBERS[model_label] = fn


def record_describe(record: Any) -> tuple[str, str]:
    """(module label, URL) of any record: a registered describer, else its verbose name and absolute URL."""
    if record is None:
        return "", ""
    fn = RECORD_DESCRIBERS.get(record._meta.label_lower)
    if fn is not None:
        return fn(record)
    url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
    label = str(record._meta.verbose_name)
    if label.isascii():  # a model without a Chinese verbose_name (Django's default from the class name): its module
        label = str(record._meta.app_config.verbose_name)
    return label, url


def _clock_describe(clock: Any) -> tuple[str, str]:
    label, url = record_describe(getattr(clock, "record", None))
    url = url or (clock.get_absolute_url() if hasattr(clock, "rule_id") else "")
    return (label or "案件期限"), url


CLOCK = source_register(
    SourceKind(
        key="deadlines.clock",
        label="案件期限",
        end="source",  # the overdue case is decided / the act is done: the clock completes and the item closes
        extension_by=(),  # a statutory clock is extended in its docket (with its legal basis), not here
        closes_here=False,
        describe=_clock_describe,
    )
)
