"""The intake's figures in the metric registry (issue 17 §4): every figure of `fazhi stats intake` is a metric
`intake.<its JSON key>` — received (by channel), by_dispute_type, urgent, routed (件次, by where to), closed (by outcome)
— kept as counts in each intake's write (the kernel's case tally source) and, before the counts are built, recounted
live by stats.py (the plain recount the tests hold them to). Counted for the registering unit, which is also the data
scope. A series added here is kept from the next write on: recount what was kept before it (migrations/0001_recount_figures.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fazhi.cases.figures import (
    case_measure,
    case_source,
    case_tally,
    closed_measure,
    docket_metric_registrar,
    kept,
    tally_total,
    unit_ids_of,
)
from fazhi.metrics.registry import Measure, Query
from fazhi.metrics.tallies import Contribution, day_of

from .codes import CHANNELS, DISPUTE_TYPES, OUTCOMES
from .stats import DOCKET, ROUTES, case_sets, intake_rows, route_counts

MODULE = "纠纷求助登记"
NOTE = "按登记单位计（指定单位时计入该单位，含下级单位时为其下级）；按查看人的数据范围（登记单位）计。"


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    """An intake's events: registered (by channel; by dispute type; urgent apart), each route (by where to), closed
    (by outcome). Counted for the registering unit, which is also the scope."""
    x = row["extra"] or {}
    unit = row["handling_unit_id"]

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return (f"{DOCKET}.{what}", day_of(day), unit, unit, category, "")  # type: ignore[return-value]

    yield c("received", row["received_on"], str(x.get("channel", "")))
    yield c("dispute_type", row["received_on"], str(x.get("dispute_type", "")))
    if x.get("urgent"):
        yield c("urgent", row["received_on"])
    for r in x.get("routes", []):
        yield c("routed", r["on"], str(r.get("channel", "")))
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    """The plain recount (stats.py) in the query's period, unit and viewer scope: case sets, and the 件次 of routes."""

    def run() -> tuple[dict[str, list[int]], dict[str, int]]:
        rows = intake_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q))
        routes = route_counts(rows, year=q.period)
        counts = {"routed": sum(routes.values()), **{f"route:{k}": n for k, n in routes.items()}}
        return case_sets(rows, year=q.period), counts

    return q.memoize(("live", DOCKET), run)


def _by(series: str, key: str, codes: tuple[tuple[str, str], ...], prefix: str) -> Any:
    """A count with its breakdown by `codes` (a series kept per category; live: the case sets `<prefix>:<code>`, or
    the 件次 counts for routes)."""

    def compute(q: Query) -> Measure:
        def breakdown() -> list[dict[str, Any]]:
            if kept(q, DOCKET) or "respondent" in q.filters:
                by = {cat: n for (cat,), n in case_tally(q, f"{DOCKET}.{series}").items()}
            else:
                sets, counts = live(q)
                by = {c: counts.get(f"{prefix}:{c}", len(sets.get(f"{prefix}:{c}", []))) for c, _ in codes}
            return [{"code": c, "label": label, "value": by.get(c, 0)} for c, label in codes]

        return case_measure(
            q, DOCKET, key, from_tally=lambda: tally_total(q, f"{DOCKET}.{series}"), live=live, breakdown=breakdown
        )

    return compute


def _urgent(q: Query) -> Measure:
    return case_measure(q, DOCKET, "urgent", from_tally=lambda: tally_total(q, f"{DOCKET}.urgent"), live=live)


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m = docket_metric_registrar(DOCKET, MODULE, NOTE)

_m(
    "received",
    "登记纠纷求助",
    "登记日期在统计期间内的纠纷求助登记（窗口、12348热线、网上、转来、主动排查），按来源渠道分列。",
    _by("received", "received", CHANNELS, "channel"),
    breakdown="来源渠道",
)
_m(
    "by_dispute_type",
    "登记纠纷求助（按纠纷类型）",
    "登记日期在统计期间内的纠纷求助登记，按纠纷类型（与人民调解登记的纠纷类型相同）分列；合计等于登记纠纷求助。",
    _by("dispute_type", "by_dispute_type", DISPUTE_TYPES, "type"),
    breakdown="纠纷类型",
)
_m(
    "urgent",
    "其中群体性或可能激化",
    "登记日期在统计期间内、登记为群体性纠纷或可能激化的纠纷求助（登记时即时报告司法所、司法局）。",
    _urgent,
)
_m(
    "routed",
    "分流（件次）",
    "分流日期在统计期间内的分流去向，按去向分列：转人民调解、法律援助、行政复议、行政裁决、行政调解（各移交为一件"
    "案件；行政裁决、行政调解在其案件类型建立前为转介，旧的转介计入同一去向）和转介公证、仲裁、司法鉴定、诉讼指引、"
    "律师调解；一件登记分流到几个去向计几件次。计入的记录为分流的登记。",
    _by("routed", "routed", ROUTES, "route"),
    unit="件次",
    breakdown="分流去向",
)
_m(
    "closed",
    "办结",
    "办结日期在统计期间内的纠纷求助登记，按办结方式分列：已分流（分流去向均已办理或反馈）、当场解答（不需分流）。",
    _closed,
    breakdown="办结方式",
)
