"""信访's figures in the metric registry (fazhi/metrics): every figure of `fazhi stats petitions` is a metric
`petitions.<its JSON key>`, read from counts kept in each case write's transaction (series below) and equal to the
plain recount of stats.py (tests/test_stats.py). Imported by the AppConfig."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fazhi.cases.figures import (
    case_contribution,
    case_measure,
    case_source,
    case_tally,
    closed_measure,
    docket_metric_registrar,
    kept,
    tally_total,
    unit_ids_of,
)
from fazhi.metrics.registry import PERCENT, Measure, Query
from fazhi.metrics.tallies import Contribution

from .codes import OUTCOMES, ROUTED, TYPES
from .stats import DOCKET, case_sets, handled_step, petitions_rows

MODULE = "信访"
UNIT_NOTE = (
    "指定单位时，计入被反映单位或登记机关为该单位（含下级单位时为其下级）的信访事项；按查看人的数据范围（登记机关）计。"
)


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    """A petition's events: received (by type; repeat, joint), accepted, the 意见书 or reply (on time or late), 复查
    and 复核 requests, closed (by outcome)."""
    x = row["extra"] or {}

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return case_contribution(row, what, day, category, name_key="object_name")

    yield c("received", row["received_on"], x.get("type") or "")
    if x.get("repeat_of"):
        yield c("repeat", row["received_on"])
    if (x.get("joint") or {}).get("count", 1) > 1:
        yield c("joint", row["received_on"])
    if (x.get("accepted") or {}).get("on"):
        yield c("accepted", x["accepted"]["on"])
    step = handled_step(x)
    if step and step.get("due") and step.get("on"):
        yield c("handled", step["on"], "on_time" if step.get("on_time") else "late")
    if (x.get("opinion") or {}).get("on"):
        yield c("opinion", x["opinion"]["on"])
    for key in ("review", "rereview"):
        if (x.get(key) or {}).get("requested_on"):
            yield c(key, x[key]["requested_on"])
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    def run() -> tuple[dict[str, list[int]], dict[str, int]]:
        return case_sets(petitions_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q)), year=q.period)

    return q.memoize(("live", DOCKET), run)


def _count(key: str, series: str, keep: Callable[[str], bool] | None = None) -> Any:
    def compute(q: Query) -> Measure:
        return case_measure(q, DOCKET, key, from_tally=lambda: tally_total(q, f"{DOCKET}.{series}", keep), live=live)

    return compute


def _received(q: Query) -> Measure:
    def breakdown() -> list[dict[str, Any]]:
        if kept(q, DOCKET):
            by = {cat: n for (cat,), n in case_tally(q, f"{DOCKET}.received").items()}
        else:
            sets = live(q)[0]
            by = {c: len(sets[f"type:{c}"]) for c, _ in TYPES}
        return [{"code": c, "label": label, "value": by.get(c, 0)} for c, label in TYPES]

    return case_measure(
        q, DOCKET, "received", from_tally=lambda: tally_total(q, f"{DOCKET}.received"), live=live, breakdown=breakdown
    )


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)
C = "《信访工作条例》"
_m(
    "received",
    "收到信访事项",
    "收到日期在统计期间内的信访事项，按类别（建议意见、检举控告、申诉求决）分项；信访部门转送、交办的事项在信访部门和承办机关各计一件。",
    _received,
    breakdown="类别",
)
_m(
    "repeat",
    "其中重复信访",
    "收到的信访事项中，同一信访人（按身份证号码，或姓名加电话的盲索引）此前已就同一被反映单位信访的。",
    _count("repeat", "repeat"),
)
_m("joint", "其中联名信访", "收到的信访事项中，信访人多于一人的。", _count("joint", "joint"))
_m("accepted", "受理", f"受理日期在统计期间内的信访事项（{C}第二十三条）。", _count("accepted", "accepted"))
_m(
    "routed",
    "诉访分离导入法定途径",
    f"告知日期在统计期间内、导入诉讼、行政复议、仲裁、政府信息公开申请等法定途径的事项（{C}第三十一条）；单独统计，不计入办理件数和按期率。",
    _count("routed", "closed", lambda cat: cat in ROUTED),
)
_m(
    "transferred",
    "转送、交办",
    f"转送、交办日期在统计期间内的信访事项（{C}第二十二条）。",
    _count("transferred", "closed", "transferred".__eq__),
)
_m(
    "not_accepted",
    "不予受理",
    f"不予受理告知日期在统计期间内的信访事项（{C}第二十三条）。",
    _count("not_accepted", "closed", "not_accepted".__eq__),
)
_m(
    "handled",
    "出具意见书或答复",
    f"出具信访处理意见书（申诉求决类）或书面答复（其他类别）的日期在统计期间内、有办理期限（{C}第三十四条）的信访事项。",
    _count("handled", "handled"),
)
_m(
    "on_time",
    "按期办结",
    "出具意见书或答复的信访事项中，出具日期不晚于办理期限届满日（含批准延长的期限）的。",
    _count("on_time", "handled", "on_time".__eq__),
)
_m(
    "on_time_rate",
    "按期办结率",
    "按期办结 ÷ 出具意见书或答复 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.on_time",
    denominator=f"{DOCKET}.handled",
)
_m(
    "opinions",
    "出具信访处理意见书",
    f"出具日期在统计期间内的信访处理意见书（{C}第三十二条）。",
    _count("opinions", "opinion"),
)
_m("reviews", "请求复查", f"收到复查请求的日期在统计期间内的信访事项（{C}第三十五条）。", _count("reviews", "review"))
_m(
    "rereviews",
    "请求复核",
    f"收到复核请求的日期在统计期间内的信访事项（{C}第三十六条）。",
    _count("rereviews", "rereview"),
)
_m(
    "closed",
    "办结",
    "办结（含复核终结、诉访分离、转送、不予受理、撤回）日期在统计期间内的信访事项，按结果分项。",
    _closed,
    breakdown="结果",
)
