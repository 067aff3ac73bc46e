"""行政调解's figures in the metric registry: every figure of `fazhi stats admin_mediation` is a metric
`admin_mediation.<key>`, read from counts kept in each case write's transaction and equal to the recount of stats.py
(tests). Counted for the competent department (the handling unit), which is also the data scope."""

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
from .stats import DOCKET, admin_mediation_rows, case_sets, conclusion

MODULE = "行政调解"
SETTING = "FAZHI_ADMIN_MEDIATION"
UNIT_NOTE = "按行政调解机关（承办单位）计；按查看人的数据范围（承办单位）计。"


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    x = row["extra"] or {}
    unit = row["handling_unit_id"]

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return (f"{DOCKET}.{what}", day_of(day), unit, unit, category, "")  # type: ignore[return-value]

    yield c("received", row["received_on"])
    if (x.get("accepted") or {}).get("on"):
        yield c("accepted", x["accepted"]["on"])
    end = conclusion(x)
    if end.get("on"):
        kind = "agreed" if x.get("agreement") else "terminated"
        yield c("concluded", end["on"], f"{kind}:{'on_time' if end.get('on_time') else 'late'}")
    if (x.get("confirmation") or {}).get("applied_on"):
        yield c("confirmation_applied", x["confirmation"]["applied_on"])
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    def run() -> tuple[dict[str, list[int]], dict[str, int]]:
        rows = admin_mediation_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q))
        return case_sets(rows, year=q.period), {}

    return q.memoize(("live", DOCKET), run)


def _count(key: str, series: str, keep: Callable[[str], bool] | None = None) -> Any:
    def compute(q: Query) -> Measure:
        return case_measure(q, DOCKET, key, from_tally=lambda: tally_total(q, f"{DOCKET}.{series}", keep), live=live)

    return compute


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)
_m("received", "收到申请", "收到行政调解申请的日期在统计期间内的申请。", _count("received", "received"))
_m("accepted", "受理", "受理日期在统计期间内的申请。", _count("accepted", "accepted"))
_m(
    "concluded",
    "调结",
    "调解成功（行政调解协议书生效日期）或者终止调解的日期在统计期间内的案件。",
    _count("concluded", "concluded"),
)
_m(
    "agreed",
    "调解成功",
    "调结中，各方当事人签订行政调解协议书的。",
    _count("agreed", "concluded", lambda c: c.startswith("agreed:")),
)
_m(
    "success_rate",
    "调解成功率",
    "调解成功 ÷ 调结 × 100%，保留两位小数；分母为 0 时无数值（⚠ 无全国统一口径，参照人民调解的默认口径）。",
    unit=PERCENT,
    numerator=f"{DOCKET}.agreed",
    denominator=f"{DOCKET}.concluded",
)
_m(
    "on_time",
    "按期调结",
    "调结中，调结日期不晚于调解期限届满日的（⚠ 期限无统一法定规定，默认受理之日起三十日，按 FAZHI_ADMIN_MEDIATION 设置）。",
    _count("on_time", "concluded", lambda c: c.endswith(":on_time")),
    settings=(SETTING,),
)
_m(
    "on_time_rate",
    "按期调结率",
    "按期调结 ÷ 调结 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.on_time",
    denominator=f"{DOCKET}.concluded",
    settings=(SETTING,),
)
_m(
    "confirmation_applied",
    "申请司法确认",
    "当事人共同申请司法确认的日期在统计期间内的案件。",
    _count("confirmation_applied", "confirmation_applied"),
)
_m(
    "closed",
    "结案",
    "结案（协议履行后归档、终止调解、不予受理）日期在统计期间内的案件，按结果分项。",
    _closed,
    breakdown="办理结果",
)
