"""行政复议's figures in the metric registry (fazhi/metrics): every figure of `fazhi stats reconsideration` is a
metric `reconsideration.<its JSON key>`, read from counts kept in each case write's transaction (series below) and
equal to the plain recount of stats.py/stats_registry.py (tests/test_metrics.py). Imported by the AppConfig."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fazhi.cases.figures import (
    case_contribution,
    case_measure,
    case_source,
    closed_measure,
    docket_metric_registrar,
    tally_total,
    unit_ids_of,
)
from fazhi.cases.matters import matter_classifier_register
from fazhi.metrics.registry import PERCENT, Measure, Query
from fazhi.metrics.tallies import Contribution

from .spec import OUTCOMES
from .stats import DOCKET, default_formula

MODULE = "行政复议"
SETTING = "FAZHI_RECONSIDERATION_CORRECTION_RATE"
CLOSED_BY = "结案日期在统计期间内"
UNIT_NOTE = (
    "指定单位时，计入被申请人或承办单位为该单位（含下级单位时为其下级）的案件；按查看人的数据范围（承办单位）计。"
)


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    """A case's events: received on, accepted on, closed on (by outcome), and closed on time or late."""
    x = row["extra"] or {}

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return case_contribution(row, what, day, category, name_key="respondent_name")

    yield c("received", row["received_on"])
    if x.get("accepted_on") and str(x["accepted_on"])[:10] <= str(row["closed_on"] or "9999-12-31"):
        yield c("accepted", x["accepted_on"])
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")
        if x.get("decision_due") and row["state"] in ("decided", "terminated"):
            yield c("timed", row["closed_on"], "on_time" if str(row["closed_on"]) <= str(x["decision_due"]) else "late")


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    from .stats_registry import reconsideration_case_sets

    sets = q.memoize(
        ("live", DOCKET),
        lambda: reconsideration_case_sets(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q)),
    )
    return sets, {}


def _sum(series: str, outcomes: set[str] | None = None) -> Any:
    def value(q: Query) -> int:
        return tally_total(q, f"{DOCKET}.{series}", None if outcomes is None else outcomes.__contains__)

    return value


def _count(key: str, series: str, keep: Any = None) -> Any:
    def compute(q: Query) -> Measure:
        keep_set = keep() if callable(keep) else keep
        return case_measure(q, DOCKET, key, from_tally=lambda: _sum(series, keep_set)(q), live=live)

    return compute


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


def _num() -> set[str]:
    return set(default_formula()["numerator"])


def _den() -> set[str]:
    return set(default_formula()["denominator"])


def _timed(category: str | None) -> Any:
    def compute(q: Query) -> Measure:
        key = "on_time" if category else "on_time_base"
        return case_measure(
            q,
            DOCKET,
            key,
            from_tally=lambda: tally_total(q, f"{DOCKET}.timed", None if category is None else category.__eq__),
            live=live,
        )

    return compute


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)


_m(
    "received",
    "收案",
    "收到行政复议申请的日期在统计期间内的案件（含其后不予受理、视为放弃的）。",
    _count("received", "received"),
)
_m(
    "accepted",
    "受理",
    "受理日期（含视为受理）在统计期间内的案件（受理日期晚于结案日期的错误数据不计）。",
    _count("accepted", "accepted"),
)
_m(
    "closed",
    "结案",
    f"{CLOSED_BY}的案件（以决定、终止、不予受理、视为放弃结案），按结案结果分项。",
    _closed,
    breakdown="结案结果",
)
_m(
    "closed_by_decision",
    "以决定方式结案",
    f"{CLOSED_BY}、结案结果属于纠错率分母结果集的案件（默认：十一种行政复议决定）。",
    _count("closed_by_decision", "closed", _den),
    settings=(SETTING,),
)
_m(
    "corrected",
    "纠错",
    f"{CLOSED_BY}、结案结果属于纠错结果集的案件（默认：变更、撤销、部分撤销、确认违法、责令履行、确认无效）。",
    _count("corrected", "closed", _num),
    settings=(SETTING,),
)
_m(
    "correction_rate",
    "纠错率",
    "纠错 ÷ 以决定方式结案 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.corrected",
    denominator=f"{DOCKET}.closed_by_decision",
    settings=(SETTING,),
)
_m(
    "on_time_base",
    "应按期办结",
    f"{CLOSED_BY}、以决定或终止结案且有决定期限（行政复议法第六十二条）的案件。",
    _timed(None),
)
_m("on_time", "按期办结", "应按期办结的案件中，结案日期不晚于决定期限届满日的。", _timed("on_time"))
_m(
    "on_time_rate",
    "按期办结率",
    "按期办结 ÷ 应按期办结 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.on_time",
    denominator=f"{DOCKET}.on_time_base",
)


def _result_class() -> Any:
    """维持 / 纠正 for reports by result (fazhi.cases.matters): 维持决定; the configured 纠错 set."""
    from fazhi.cases.matters import matter_classifier

    return matter_classifier(("uphold",), default_formula()["numerator"])


matter_classifier_register(DOCKET, _result_class)
