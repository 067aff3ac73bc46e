"""行政应诉's figures in the metric registry (fazhi/metrics): every figure of `fazhi stats litigation` is a metric
`litigation.<its JSON key>`, read from counts kept in each case write's transaction (series below) and equal to the
plain recount of stats.py (tests/test_metrics.py). Hearing figures count hearings; the records behind them are the
cases those hearings belong to. Imported by the AppConfig."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
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

from .codes import OUTCOMES
from .stats import DOCKET, _s, case_sets, default_formula, litigation_rows

MODULE = "行政应诉"
SETTING = "FAZHI_LITIGATION_RATES"
CLOSED_BY = "结案日期在统计期间内"
UNIT_NOTE = "指定单位时，计入被告或承办单位为该单位（含下级单位时为其下级）的案件；按查看人的数据范围（承办单位）计。"


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    """A case's events: complaint served (received; not_filed kept apart), after reconsideration, closed (by
    outcome), each hearing (whether it requires a head, whether a qualifying head appeared), the defence (on time
    or late)."""
    x = row["extra"] or {}

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return case_contribution(row, what, day, category, name_key="defendant_name")

    yield c("received", row["received_on"], "not_filed" if row["outcome"] == "not_filed" else "")
    if x.get("after_reconsideration"):
        yield c("after_reconsideration", row["received_on"])
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")
    closed = str(row["closed_on"] or "9999-12-31")[:10]
    for h in x.get("hearings") or []:  # a hearing recorded after the case was closed is not counted
        if str(h.get("on") or "")[:10] > closed:
            continue
        kind = "R" if h.get("requires_head", True) else "N"
        yield c("hearing", h.get("on"), kind + ("Q" if (h.get("appearance") or {}).get("qualifying") else "-"))
    submitted, due = x.get("defence_submitted_on"), x.get("defence_due")
    if submitted and due and _s(submitted)[:10] <= closed:
        yield c("defence", submitted, "on_time" if _s(submitted) <= _s(due) else "late")


SOURCE = case_source(DOCKET, contributions)


def _today(q: Query) -> dt.date:
    from fazhi.cases.services import today_local

    return q.today or q.memoize("today", today_local)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    def run() -> tuple[dict[str, list[int]], dict[str, int]]:
        rows = litigation_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q))
        return case_sets(rows, year=q.period, as_of=_today(q))

    return q.memoize(("live", DOCKET), run)


def _requiring(cat: str) -> bool:
    return default_formula()["appearance_base"] == "all" or cat.startswith("R")


def _count(key: str, series: str, keep: Callable[[str], bool] | None = None, *, held: bool = False) -> Any:
    def compute(q: Query) -> Measure:
        until = _today(q) if held else None
        return case_measure(
            q, DOCKET, key, from_tally=lambda: tally_total(q, f"{DOCKET}.{series}", keep, until=until), live=live
        )

    return compute


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)


_m("received", "收案", "收到起诉状副本的日期在统计期间内的案件。", _count("received", "received"))
_m(
    "accepted",
    "立案受理",
    "收案中法院未裁定不予立案的案件。",
    _count("accepted", "received", lambda cat: cat != "not_filed"),
)
_m(
    "after_reconsideration",
    "其中经行政复议",
    "收案中经行政复议后起诉的案件。",
    _count("after_reconsideration", "after_reconsideration"),
)
_m("closed", "结案", f"{CLOSED_BY}的案件，按裁判结果分项。", _closed, breakdown="裁判结果")
_m(
    "closed_by_judgment",
    "以判决方式结案",
    f"{CLOSED_BY}、结果属于败诉率分母结果集的案件（默认：以判决结案）。",
    _count("closed_by_judgment", "closed", lambda cat: cat in set(default_formula()["lost_denominator"])),
    settings=(SETTING,),
)
_m(
    "lost",
    "败诉",
    f"{CLOSED_BY}、结果属于败诉结果集的案件（默认：判决撤销、部分撤销、确认违法、确认无效、履行、给付、变更、赔偿）。",
    _count("lost", "closed", lambda cat: cat in set(default_formula()["lost"])),
    settings=(SETTING,),
)
_m(
    "lost_rate",
    "败诉率",
    "败诉 ÷ 以判决结案 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.lost",
    denominator=f"{DOCKET}.closed_by_judgment",
    settings=(SETTING,),
)
_m(
    "hearings_held",
    "已开庭",
    "开庭日期在统计期间内且不晚于今天的庭次（一案多次开庭按次计；结案后登记的庭次不计）；记录为这些庭次所属的案件。",
    _count("hearings_held", "hearing", held=True),
    unit="次",
)
_m(
    "hearings_requiring",
    "应出庭庭次",
    "已开庭庭次中要求行政机关负责人出庭的（设置 appearance_base 为 all 时为全部已开庭庭次）。"
    "出庭情况未登记的庭次按负责人未出庭计。",
    _count("hearings_requiring", "hearing", _requiring, held=True),
    unit="次",
    settings=(SETTING,),
)
_m(
    "head_appeared",
    "负责人出庭庭次",
    "应出庭庭次中，符合条件的负责人（最高人民法院关于适用《中华人民共和国行政诉讼法》的解释第一百二十八条）出庭的。",
    _count("head_appeared", "hearing", lambda cat: _requiring(cat) and cat.endswith("Q"), held=True),
    unit="次",
    settings=(SETTING,),
)
_m(
    "appearance_rate",
    "负责人出庭应诉率",
    "负责人出庭 ÷ 应出庭庭次 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.head_appeared",
    denominator=f"{DOCKET}.hearings_requiring",
    settings=(SETTING,),
)
_m(
    "on_time_base",
    "提交答辩",
    "提交答辩的日期在统计期间内、且有答辩期限（行政诉讼法第六十七条）的案件（结案后登记的答辩不计）。",
    _count("on_time_base", "defence"),
)
_m(
    "on_time",
    "按期答辩",
    "应按期答辩的案件中，答辩提交日期不晚于答辩期限届满日的。",
    _count("on_time", "defence", "on_time".__eq__),
)
_m(
    "on_time_rate",
    "按期答辩率",
    "按期答辩 ÷ 应按期答辩 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.on_time",
    denominator=f"{DOCKET}.on_time_base",
)


def _result_class() -> Any:
    """维持 / 纠正 for reports by result (fazhi.cases.matters): 判决驳回诉讼请求; the configured 败诉 set."""
    from fazhi.cases.matters import matter_classifier

    return matter_classifier(("dismiss_claim",), default_formula()["lost"])


matter_classifier_register(DOCKET, _result_class)
