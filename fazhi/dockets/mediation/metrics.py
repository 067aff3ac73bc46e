"""人民调解's figures in the metric registry (fazhi/metrics): every figure of `fazhi stats mediation` is a metric
`mediation.<its JSON key>`, read from counts kept in each case write's transaction (the series below) and equal to
the plain recount of stats.py (tests/test_metrics.py). Counted for the case's handling unit — the committee's unit —
which is also its data scope. Imported by the AppConfig."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind
from fazhi.metrics.tallies import Contribution, day_of

from .codes import DISPUTE_TYPES, HOTLINE_TOPIC_LABEL, HOTLINE_TOPICS, OUTCOMES
from .stats import DOCKET, case_sets, conclusion, mediation_rows, success_base

MODULE = "人民调解"
SETTING = "FAZHI_MEDIATION"
UNIT_NOTE = (
    "按承办单位（人民调解委员会所在单位）计：指定单位时计入该单位（含下级单位时为其下级）的调解委员会的案件；"
    "按查看人的数据范围（承办单位）计。"
)


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    """A case's events: registered (by dispute type; urgent apart), accepted, concluded (success or the termination
    ground; timely or late against the target), written agreement, 司法确认 applied and its result, closed (by
    outcome)."""
    x = row["extra"] or {}
    unit = row["handling_unit_id"]

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return (f"{DOCKET}.{what}", day_of(day), unit, unit, category, "")  # type: ignore[return-value]

    yield c("received", row["received_on"], str(x.get("dispute_type") or ""))
    if x.get("urgent"):
        yield c("urgent", row["received_on"])
    if x.get("accepted_on"):
        yield c("accepted", x["accepted_on"])
    done = conclusion(x)
    if done:
        yield c("concluded", done[0], done[1])
        if done[1] == "success" and (x.get("agreement") or {}).get("form") == "written":
            yield c("written", done[0])
        if done[2]:
            yield c("timely", done[0], "on_time" if done[0] <= done[2] else "late")
    conf = x.get("confirmation") or {}
    if conf.get("applied_on"):
        yield c("confirmation", conf["applied_on"])
    if conf.get("result_on"):
        yield c("confirmation_result", conf["result_on"], str(conf.get("result") or ""))
    if row["closed_on"]:
        yield c("closed", row["closed_on"], row["outcome"] or "")


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    def run() -> tuple[dict[str, list[int]], dict[str, int]]:
        rows = mediation_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q))
        return case_sets(rows, year=q.period), {}

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
            by = {code: len(sets.get(f"type:{code}", [])) for code, _label in DISPUTE_TYPES}
        return [{"code": code, "label": label, "value": by.get(code, 0)} for code, label in DISPUTE_TYPES]

    return case_measure(
        q, DOCKET, "received", from_tally=lambda: tally_total(q, f"{DOCKET}.received"), live=live, breakdown=breakdown
    )


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)

_m("received", "收案（登记纠纷）", "登记日期在统计期间内的纠纷，按纠纷类型分项。", _received, breakdown="纠纷类型")
_m("urgent", "其中群体性或可能激化", "收案中登记为群体性纠纷或可能激化的纠纷。", _count("urgent", "urgent"))
_m("accepted", "受理", "受理日期在统计期间内的纠纷（《人民调解法》第十七条）。", _count("accepted", "accepted"))
_m(
    "mediated",
    "调结（已调解）",
    "调解结束日期在统计期间内的案件：达成调解协议（书面或口头），或终止调解（调解不成、当事人要求终止）。",
    _count("mediated", "concluded"),
)
_m(
    "successful",
    "调解成功",
    "达成调解协议（书面调解协议书生效或口头协议达成）的日期在统计期间内的案件（《人民调解法》第二十八条）。",
    _count("successful", "concluded", "success".__eq__),
)
_m(
    "written_agreements",
    "其中书面调解协议",
    "调解成功中以书面调解协议书结案的（《人民调解法》第二十九条）。",
    _count("written_agreements", "written"),
)
_m(
    "success_rate",
    "调解成功率",
    "调解成功 ÷ 调结 × 100%，保留两位小数；分母为 0 时无数值。全国无统一公式（legal-rules.md §7 ⚠），"
    "设置 FAZHI_MEDIATION 的 SUCCESS_RATE_BASE 为 accepted 时分母为受理件数。",
    unit=PERCENT,
    numerator=f"{DOCKET}.successful",
    denominator=f"{DOCKET}.{success_base()}",
    settings=(SETTING,),
)
_m(
    "confirmation_applied",
    "申请司法确认",
    "双方当事人向人民法院申请司法确认的日期在统计期间内的调解协议（《人民调解法》第三十三条）。",
    _count("confirmation_applied", "confirmation"),
)
_m(
    "confirmed",
    "经司法确认有效",
    "人民法院裁定确认调解协议有效、裁定日期在统计期间内的案件。",
    _count("confirmed", "confirmation_result", "valid".__eq__),
)
_m(
    "performed",
    "协议已履行",
    "结案日期在统计期间内、经回访调解协议已履行的案件（《人民调解法》第三十一条）。",
    _count("performed", "closed", "performed".__eq__),
)
_m("closed", "结案", "结案日期在统计期间内的案件（含终止调解、不予受理），按结果分项。", _closed, breakdown="办理结果")
_m(
    "on_time_base",
    "应在期限内调结",
    "调结日期在统计期间内、有调解期限（《人民调解工作若干规定》第三十三条，受理之日起一个月，可配置）的案件。",
    _count("on_time_base", "timely"),
    settings=(SETTING,),
)
_m(
    "on_time",
    "按期调结",
    "应在期限内调结的案件中，调结日期不晚于调解期限届满日的。",
    _count("on_time", "timely", "on_time".__eq__),
    settings=(SETTING,),
)
_m(
    "on_time_rate",
    "按期调结率",
    "按期调结 ÷ 应在期限内调结 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator=f"{DOCKET}.on_time",
    denominator=f"{DOCKET}.on_time_base",
    settings=(SETTING,),
)


# ---- 12348 热线 consultations (issue 17 §2, §4: "12348 consultations" per period and unit) --------------------------
HOTLINE_MODULE = "12348热线"
HOTLINE_NOTE = "指定单位时计入该单位（含下级单位时为其下级）接听的来电；按查看人的数据范围（接听单位）计。"


def _calls(transferred: bool) -> Callable[[Query], Measure]:
    def compute(q: Query) -> Measure:
        import datetime as dt

        from django.db.models import Count
        from django.utils import timezone

        from .models import HotlineCall
        from .selectors import hotline_calls_visible_to

        qs = HotlineCall.objects.all() if q.viewer is None else hotline_calls_visible_to(q.viewer)
        start = timezone.make_aware(dt.datetime.combine(q.period.start, dt.time()))
        end = timezone.make_aware(dt.datetime.combine(q.period.end + dt.timedelta(days=1), dt.time()))
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
        if q.unit_ids is not None:
            qs = qs.filter(unit_id__in=q.unit_ids)
        if transferred:
            qs = qs.filter(transferred=True)
        by_topic = dict(qs.values_list("topic").annotate(n=Count("pk")).values_list("topic", "n"))
        breakdown = [{"code": c, "label": label, "value": by_topic.get(c, 0)} for c, label in HOTLINE_TOPICS]
        ids = sorted(qs.values_list("pk", flat=True)) if q.records else None
        return Measure(value=sum(by_topic.values()), breakdown=breakdown, records=ids)

    return compute


register_record_kind(
    RecordKind(
        code="mediation.hotline_call",
        label="12348来电",
        columns=("来电时间", "咨询类别", "咨询问题", "转办去向"),
        describe=lambda ids: _describe_calls(ids),
    )
)


def _describe_calls(ids: list[Any]) -> list[dict[str, Any]]:
    from django.urls import reverse
    from django.utils import timezone

    from .models import HotlineCall

    calls = HotlineCall.objects.filter(pk__in=ids).order_by("-received_at", "-id")
    url = reverse("mediation:hotline")
    return [
        {
            "url": f"{url}?day={timezone.localtime(c.received_at).date().isoformat()}",
            "cells": [
                f"{timezone.localtime(c.received_at):%Y-%m-%d %H:%M}",
                HOTLINE_TOPIC_LABEL.get(c.topic, c.topic),
                c.question[:80],
                c.transferred_to or "—",
            ],
        }
        for c in calls
    ]


for _key, _label, _definition, _transferred in (
    (
        "legal_hotline.calls",
        "12348热线咨询（件）",
        "来电时间在统计期内的12348热线咨询记录件数，按咨询类别分列。",
        False,
    ),
    (
        "legal_hotline.transferred",
        "12348热线咨询转办（件）",
        "上述来电中登记为已转办（转调解委员会、法律援助机构等）的件数，按咨询类别分列。",
        True,
    ),
):
    register_metric(
        Metric(
            key=_key,
            label=_label,
            unit="件",
            definition=_definition,
            module=HOTLINE_MODULE,
            compute=_calls(_transferred),
            breakdown="咨询类别",
            record_kind="mediation.hotline_call",
            scope_note=HOTLINE_NOTE,
        )
    )
register_metric(
    Metric(
        key="legal_hotline.transfer_rate",
        label="12348热线咨询转办率（%）",
        unit=PERCENT,
        definition="12348热线咨询转办件数 ÷ 12348热线咨询件数 × 100%。",
        module=HOTLINE_MODULE,
        numerator="legal_hotline.transferred",
        denominator="legal_hotline.calls",
        scope_note=HOTLINE_NOTE,
    )
)
