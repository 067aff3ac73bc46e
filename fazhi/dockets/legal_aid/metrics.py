"""法律援助's figures in the metric registry: every figure of `fazhi stats legal_aid` is a metric `legal_aid.<key>`,
read from counts kept in each case write's transaction and equal to the recount of stats.py (tests). Counted for the
法律援助机构 (the handling unit), which is also the data scope."""

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
from .stats import DOCKET, case_sets, decision_of, legal_aid_rows

MODULE = "法律援助"
SETTING = "FAZHI_LEGAL_AID"
UNIT_NOTE = "按法律援助机构（承办单位）计；按查看人的数据范围（承办单位）计。"


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    x = row["extra"] or {}
    unit = row["handling_unit_id"]

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return (f"{DOCKET}.{what}", day_of(day), unit, unit, category, "")  # type: ignore[return-value]

    yield c("received", row["received_on"])
    d = decision_of(x)
    if d.get("on"):
        yield c("decided", d["on"], f"{d.get('result', '')}|{'on_time' if d.get('on_time') else 'late'}")
    for what, key in (("advance", "advance"), ("assigned", "assignment"), ("objection", "objection")):
        if (x.get(key) or {}).get("on"):
            yield c(what, x[key]["on"])
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    def run() -> tuple[dict[str, list[int]], dict[str, int]]:
        return case_sets(legal_aid_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q)), year=q.period), {}

    return q.memoize(("live", DOCKET), run)


def _count(key: str, series: str, keep: Callable[[str], bool] | None = None) -> Any:
    def compute(q: Query) -> Measure:
        return case_measure(q, DOCKET, key, from_tally=lambda: tally_total(q, f"{DOCKET}.{series}", keep), live=live)

    return compute


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)
_m("received", "收到申请", "收到法律援助申请的日期在统计期间内的申请。", _count("received", "received"))
_m(
    "decided",
    "作出决定",
    "给予或不予法律援助的决定日期在统计期间内的申请（异议后改正的，计原决定）。",
    _count("decided", "decided"),
)
_m(
    "granted",
    "给予法律援助",
    "作出决定中决定给予的。",
    _count("granted", "decided", lambda c: c.startswith("granted|")),
)
_m(
    "refused",
    "不予法律援助",
    "作出决定中决定不予的。",
    _count("refused", "decided", lambda c: c.startswith("refused|")),
)
_m(
    "on_time",
    "按期决定",
    "作出决定中，决定日期不晚于审查期限届满日的（《法律援助法》第四十三条，七日；单位按 FAZHI_LEGAL_AID 设置）。",
    _count("on_time", "decided", lambda c: c.endswith("|on_time")),
    settings=(SETTING,),
)
_m(
    "on_time_rate",
    "按期决定率",
    "按期决定 ÷ 作出决定 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.on_time",
    denominator=f"{DOCKET}.decided",
    settings=(SETTING,),
)
_m(
    "grant_rate",
    "给予率",
    "给予法律援助 ÷ 作出决定 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.granted",
    denominator=f"{DOCKET}.decided",
)
_m(
    "advance_aid",
    "先行援助",
    "先行提供法律援助（第四十四条）的日期在统计期间内的申请。",
    _count("advance_aid", "advance"),
)
_m("assigned", "指派", "指派法律援助人员的日期在统计期间内的案件。", _count("assigned", "assigned"))
_m(
    "objections",
    "异议",
    "向司法行政部门提出异议（第四十九条）的日期在统计期间内的申请。",
    _count("objections", "objection"),
)
_m(
    "closed",
    "结案",
    "结案（办结、不予、终止、撤回）日期在统计期间内的案件，按结果分项。",
    _closed,
    breakdown="办理结果",
)
