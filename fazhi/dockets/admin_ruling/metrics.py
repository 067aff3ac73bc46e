"""行政裁决's figures in the metric registry: every figure of `fazhi stats admin_ruling` is a metric
`admin_ruling.<key>`, read from counts kept in each case write's transaction and equal to the recount of stats.py
(tests). Counted for the department with the statutory power (the handling unit), which is also the data scope."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fazhi.cases.figures import (
    case_measure,
    case_source,
    closed_measure,
    docket_metric_registrar,
    tally_total,
    unit_ids_of,
)
from fazhi.metrics.registry import PERCENT, Measure, Query
from fazhi.metrics.tallies import Contribution, day_of

from .codes import OUTCOMES
from .stats import DOCKET, admin_ruling_rows, case_sets

MODULE = "行政裁决"
SETTING = "FAZHI_ADMIN_RULING"
UNIT_NOTE = "按行政裁决机关（承办单位）计；按查看人的数据范围（承办单位）计。"


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    x = row["extra"] or {}
    unit = row["handling_unit_id"]

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return (f"{DOCKET}.{what}", day_of(day), unit, unit, category, "")  # type: ignore[return-value]

    yield c("received", row["received_on"])
    for what, key in (("accepted", "accepted"), ("withdrawn", "withdrawn")):
        if (x.get(key) or {}).get("on"):
            yield c(what, x[key]["on"])
    ruling = x.get("ruling") or {}
    if ruling.get("on"):
        yield c("ruled", ruling["on"], "on_time" if ruling.get("on_time") else "late")
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    def run() -> tuple[dict[str, list[int]], dict[str, int]]:
        return case_sets(admin_ruling_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q)), year=q.period), {}

    return q.memoize(("live", DOCKET), run)


def _count(key: str, series: str, keep: Callable[[str], bool] | None = None) -> Any:
    def compute(q: Query) -> Measure:
        return case_measure(q, DOCKET, key, from_tally=lambda: tally_total(q, f"{DOCKET}.{series}", keep), live=live)

    return compute


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)
_m("received", "收到申请", "收到行政裁决申请的日期在统计期间内的申请。", _count("received", "received"))
_m("accepted", "受理", "受理日期在统计期间内的申请。", _count("accepted", "accepted"))
_m("ruled", "作出裁决", "行政裁决书的裁决日期在统计期间内的案件。", _count("ruled", "ruled"))
_m(
    "on_time",
    "按期裁决",
    "作出裁决中，裁决日期不晚于裁决期限届满日的（⚠ 期限无统一法定规定，默认受理之日起六个月，按 FAZHI_ADMIN_RULING 设置）。",
    _count("on_time", "ruled", lambda c: c == "on_time"),
    settings=(SETTING,),
)
_m(
    "on_time_rate",
    "按期裁决率",
    "按期裁决 ÷ 作出裁决 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.on_time",
    denominator=f"{DOCKET}.ruled",
    settings=(SETTING,),
)
_m(
    "withdrawn",
    "终止（撤回）",
    "申请人撤回申请（含按撤回处理）终止的日期在统计期间内的案件。",
    _count("withdrawn", "withdrawn"),
)
_m(
    "closed",
    "结案",
    "结案（裁决、调解结案、不予受理、终止）日期在统计期间内的案件，按结果分项。",
    _closed,
    breakdown="办理结果",
)
