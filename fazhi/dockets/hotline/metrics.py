"""12345's figures in the metric registry: every figure of `fazhi stats hotline` is a metric `hotline.<key>`, kept
in each order write's transaction (series below) and equal to the plain recount of stats.py (tests/test_stats.py).
响应率、解决率、满意率 per unit come from the same counts (the kernel's per-unit table groups them by the responsible
unit). Imported by the AppConfig."""

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

from .codes import DIVERTED, OUTCOMES, TYPES, satisfied_codes
from .stats import DOCKET, RATES, SCORED, case_sets, first_return, hotline_rows

MODULE = "12345热线"
SETTING = "FAZHI_HOTLINE"
UNIT_NOTE = "指定单位时，计入派单承办单位（考核对象）或当前持有工单的单位为该单位（含下级单位时为其下级）的工单；按查看人的数据范围计。"


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    x = row["extra"] or {}

    def c(what: str, day: Any, category: str = "") -> Contribution:
        return case_contribution(row, what, day, category)

    yield c("received", row["received_on"], x.get("type") or "")
    if first_return(x):
        yield c("returned", first_return(x))
    if row["closed_on"]:
        outcome = row["outcome"] or ""
        yield c("closed", row["closed_on"], outcome)
        if outcome in SCORED:
            if (x.get("signed") or {}).get("on_time"):
                yield c("responded", row["closed_on"])
            if (x.get("reply") or {}).get("on_time"):
                yield c("on_time", row["closed_on"])
            if outcome != "unreached" and (x.get("visit") or {}).get("solved"):
                yield c("resolved", row["closed_on"])


SOURCE = case_source(DOCKET, contributions)


def live(q: Query) -> tuple[dict[str, list[int]], dict[str, int]]:
    return q.memoize(
        ("live", DOCKET),
        lambda: case_sets(hotline_rows(year=q.period, user=q.viewer, unit_ids=unit_ids_of(q)), year=q.period),
    )


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


_m = docket_metric_registrar(DOCKET, MODULE, UNIT_NOTE)
SCORED_NOTE = "统计期间内办结、经派单办理并回访的工单（不含依法分流和热线工作机构直接答复的）"
_m(
    "received",
    "受理诉求",
    "受理时间在统计期间内的工单，按诉求类型（咨询、求助、投诉、举报、建议）分项。",
    _received,
    breakdown="诉求类型",
)
_m("returned", "退单", "首次退单日期在统计期间内的工单。", _count("returned", "returned"))
_m(
    "diverted",
    "依法分流",
    "办结日期在统计期间内、属于诉讼、仲裁、行政复议、政府信息公开、信访等法定途径而依法分流的工单（《北京市接诉即办工作条例》第十一条）；"
    "单独统计，不计入任何单位的考核。",
    _count("diverted", "closed", lambda cat: cat in DIVERTED),
)
_m(
    "answered",
    "直接答复办结",
    "办结日期在统计期间内、由热线工作机构直接答复的咨询类工单；不计入单位考核。",
    _count("answered", "closed", "answered".__eq__),
)
_m("scored", "计入考核的工单", SCORED_NOTE + "。", _count("scored", "closed", lambda cat: cat in SCORED))
_m(
    "responded",
    "按时签收",
    "计入考核的工单中，签收日期不晚于签收期限届满日的。",
    _count("responded", "responded"),
    settings=(SETTING,),
)
_m(
    "on_time",
    "按期办结",
    "计入考核的工单中，回复日期不晚于办理期限届满日（含批准的延期和法律法规规定的更长期限）的。",
    _count("on_time", "on_time"),
    settings=(SETTING,),
)
_m(
    "rated",
    "回访成功",
    "计入考核的工单中，回访联系上诉求人的。",
    _count("rated", "closed", lambda cat: cat in SCORED and cat != "unreached"),
)
_m("resolved", "已解决", "回访成功的工单中，诉求人认为诉求已解决的。", _count("resolved", "resolved"))
_m(
    "satisfied",
    "满意",
    "回访成功的工单中，评价属于满意集合的（默认：满意、基本满意；设置 FAZHI_HOTLINE SATISFIED）。",
    _count("satisfied", "closed", lambda cat: cat in set(satisfied_codes())),
    settings=(SETTING,),
)
LABELS = {
    "response_rate": "响应率",
    "on_time_rate": "按期办结率",
    "resolution_rate": "解决率",
    "satisfaction_rate": "满意率",
}
for _key, (_num, _den) in RATES.items():
    _m(
        _key,
        LABELS[_key],
        f"{dict(responded='按时签收', on_time='按期办结', resolved='已解决', satisfied='满意')[_num]} ÷ "
        f"{dict(scored='计入考核的工单', rated='回访成功')[_den]} × 100%，保留两位小数；分母为 0 时无数值"
        "（参照《北京市接诉即办工作条例》第三十二条，口径可配置）。",
        unit=PERCENT,
        numerator=f"{DOCKET}.{_num}",
        denominator=f"{DOCKET}.{_den}",
        settings=(SETTING,),
    )


def _closed(q: Query) -> Measure:
    return closed_measure(q, DOCKET, OUTCOMES, live)


_m("closed", "办结", "办结日期在统计期间内的工单，按结果（回访评价、分流、直接答复）分项。", _closed, breakdown="结果")


# ------------------------------------------------------------------------------------------ hot topics (issue #24)
# 诉求分类 of the orders received: what the cockpit's 热点诉求 tile shows. Its own kept counts (a second source over the
# same cases, built at migrate like every new source), so the docket's own series and its recount stay as they were.
TOPICS_SOURCE = "hotline_topics"


def topic_contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    _series, *rest = case_contribution(
        row, "topic", row["received_on"], str((row["extra"] or {}).get("category") or "")
    )
    yield (f"{TOPICS_SOURCE}.topic", *rest)  # type: ignore[misc]


def _topics_source() -> Any:
    from fazhi.cases.figures import CASE_FIELDS, cases_scope_unit_ids
    from fazhi.cases.models import Case
    from fazhi.metrics.tallies import TallySource, maintain

    return maintain(
        TallySource(
            name=TOPICS_SOURCE,
            model=Case,
            fields=CASE_FIELDS,
            contributions=topic_contributions,
            belongs=lambda row: row["docket"] == DOCKET,
            queryset=lambda: Case.objects.filter(docket=DOCKET),
            scope=cases_scope_unit_ids,
        )
    )


TOPICS = _topics_source()


def _topics(q: Query) -> Measure:
    from fazhi.cases.figures import cases_scope_unit_ids
    from fazhi.metrics.tallies import tally_ready, tally_sums

    from .codes import categories

    scope = None if q.viewer is None else cases_scope_unit_ids(q.viewer, DOCKET)
    if q.viewer is not None:
        from fazhi.orgs.scopes import grants_for

        if not grants_for(q.viewer).has(f"{DOCKET}.case.view"):  # the orders' own view action (CasePolicy)
            scope = frozenset()
    wanted = q.filters.get("category") or ""
    if tally_ready(TOPICS_SOURCE, q.memo):
        sums = tally_sums(
            f"{TOPICS_SOURCE}.topic", start=q.period.start, end=q.period.end, unit_ids=q.unit_ids, scope=scope
        )
        by = {k[0]: n for k, n in sums.items()}
    else:
        by = {}
        for r in _topic_rows(q, scope):
            by[r] = by.get(r, 0) + 1
    cats = [(c, label) for c, label in categories() if not wanted or c == wanted]
    breakdown = sorted(
        ({"code": c, "label": label, "value": by.get(c, 0)} for c, label in cats), key=lambda r: -r["value"]
    )
    records = None
    if q.records:
        qs = _topic_cases(q, scope)
        records = sorted((qs.filter(extra__category=wanted) if wanted else qs).values_list("pk", flat=True))
    return Measure(sum(r["value"] for r in breakdown), breakdown=breakdown, records=records)


def _topic_cases(q: Query, scope: frozenset[int] | None) -> Any:
    from django.db.models import Q

    from fazhi.cases.models import Case

    qs = Case.objects.filter(docket=DOCKET, received_on__range=(q.period.start, q.period.end))
    if q.unit_ids is not None:
        ids = sorted(q.unit_ids)
        qs = qs.filter(Q(respondent_unit_id__in=ids) | Q(handling_unit_id__in=ids))
    if scope is not None:
        qs = qs.filter(handling_unit_id__in=sorted(scope))
    return qs


def _topic_rows(q: Query, scope: frozenset[int] | None) -> list[str]:
    return [str((x or {}).get("category") or "") for x in _topic_cases(q, scope).values_list("extra", flat=True)]


_m(
    "topics",
    "热点诉求",
    "受理时间在统计期间内的工单，按诉求分类（设置 FAZHI_HOTLINE CATEGORIES）分项，由多到少；category= 时只计该分类"
    "（查看人须有查看12345工单的权限）。",
    _topics,
    breakdown="诉求分类",
    params=("category",),
    settings=(SETTING,),
)


# ------------------------------------------------------------------------------------------------ places (issue 18)
NO_AREA = "未注明区域"


def _live(key: str, label: str, definition: str, compute: Any, unit: str = "件", **kw: Any) -> None:
    """A metric counted when asked (not from kept counts)."""
    from fazhi.metrics.registry import Metric, register_metric

    register_metric(
        Metric(
            key=f"{DOCKET}.{key}",
            label=label,
            unit=unit,
            definition=definition,
            scope_note=UNIT_NOTE,
            module=MODULE,
            compute=compute,
            record_kind="cases.case",
            **kw,
        )
    )


def _places(q: Query) -> Measure:
    """Counted live over the period's orders (an index on docket and received_on; a week is what the page asks)."""
    from fazhi.cases.figures import cases_scope_unit_ids
    from fazhi.orgs.scopes import grants_for

    scope = None if q.viewer is None else cases_scope_unit_ids(q.viewer, DOCKET)
    if q.viewer is not None and not grants_for(q.viewer).has(f"{DOCKET}.case.view"):
        scope = frozenset()
    wanted = q.filters.get("area")
    by: dict[str, list[int]] = {}
    for pk, x in _topic_cases(q, scope).values_list("pk", "extra"):
        by.setdefault(str((x or {}).get("area") or "").strip(), []).append(pk)
    if wanted is not None and wanted != "":
        area = "" if wanted == NO_AREA else wanted
        by = {area: by.get(area, [])}
    breakdown = sorted(
        ({"code": a or NO_AREA, "label": a or NO_AREA, "value": len(ids)} for a, ids in by.items()),
        key=lambda r: (-r["value"], r["code"]),
    )
    records = sorted(pk for ids in by.values() for pk in ids) if q.records else None
    return Measure(sum(r["value"] for r in breakdown), breakdown=breakdown, records=records)


_live(
    "places",
    "诉求地点",
    "受理时间在统计期间内的工单，按所属区域分项，由多到少（未填区域的计为“未注明区域”）；area= 时只计该区域"
    "（查看人须有查看12345工单的权限）。",
    _places,
    breakdown="所属区域",
    params=("area",),
)


def _ranking(q: Query) -> Measure:
    from .ranking import RATE_LABEL, unit_ranking

    by = q.filters.get("by") or ""
    lines = unit_ranking(period=q.period, by=by, user=q.viewer)
    key = by if by in RATE_LABEL else None
    from .ranking import rank_by_default

    key = key or rank_by_default()
    breakdown = [{"code": u["unit"], "label": u["name"], "value": u.get(key), "rank": u["rank"]} for u in lines]
    records = None
    if q.records:
        from fazhi.metrics.selectors import metric_value

        records = metric_value(f"{DOCKET}.scored", period=q.period, viewer=q.viewer, records=True)["records"]
    return Measure(len(lines), breakdown=breakdown, records=records)


_live(
    "ranking",
    "承办单位排名",
    "统计期间内有计入考核工单的承办单位个数；分项为各单位按排名依据（by=response_rate、resolution_rate 或 "
    "satisfaction_rate，默认设置 FAZHI_HOTLINE RANK_BY，缺省为满意率）由高到低的比率，相同时依次比较另两项比率和计入考核"
    "的工单数（参照《北京市接诉即办工作条例》第三十二条）；计入的记录为计入考核的工单。",
    _ranking,
    unit="个",
    breakdown="承办单位",
    params=("by",),
    settings=(SETTING,),
)


# ------------------------------------------------------------------ the rates per category and per area (issue 18)
def _dimension_rates(dimension: str) -> Any:
    def compute(q: Query) -> Measure:
        from fazhi.metrics.registry import rate

        from .ranking import RATE_LABEL, rank_by_default
        from .rates import NO_AREA as AREA_NONE
        from .rates import _closed_cases, _scope, rate_lines

        key = q.filters.get("rate") or ""
        key = key if key in RATES else rank_by_default() if rank_by_default() in RATE_LABEL else "satisfaction_rate"
        num, den = RATES[key]
        lines = rate_lines(
            dimension=dimension,
            start=q.period.start,
            end=q.period.end,
            viewer=q.viewer,
            unit_ids=q.unit_ids,
            memo=q.memo,
        )
        wanted = str(q.filters.get(dimension) or "").strip()
        if wanted:
            lines = [r for r in lines if r["code"] == wanted]
        breakdown = [
            {"code": r["code"], "label": r["label"], "value": r[key], "numerator": r[num], "denominator": r[den]}
            for r in lines
        ]
        n, d = sum(r[num] for r in lines), sum(r[den] for r in lines)
        records = None
        if q.records:
            qs = _closed_cases(start=q.period.start, end=q.period.end, unit_ids=q.unit_ids, scope=_scope(q.viewer))
            if wanted:
                value = "" if dimension == "area" and wanted == AREA_NONE else wanted
                qs = (
                    qs.filter(**{f"extra__{dimension}": value})
                    if value
                    else qs.exclude(**{f"extra__{dimension}__gt": ""})
                )
            records = _rate_records(qs, num, den)
        return Measure(rate(n, d), numerator=n, denominator=d, breakdown=breakdown, records=records)

    return compute


def _rate_records(qs: Any, num: str, den: str) -> dict[str, list[int]]:
    """The orders behind a rate: {"numerator": [...], "denominator": [...]} by the rate's own tests (rates.py)."""
    from .rates import _flags

    satisfied = set(satisfied_codes())
    out: dict[str, list[int]] = {"numerator": [], "denominator": []}
    for pk, x, outcome in qs.values_list("pk", "extra", "outcome").order_by("pk"):
        counted = {"scored", *_flags(x or {}, outcome)}
        if outcome != "unreached":
            counted.add("rated")
        if outcome in satisfied:
            counted.add("satisfied")
        if den in counted:
            out["denominator"].append(pk)
            if num in counted:
                out["numerator"].append(pk)
    return out


for _dim, _label in (("category", "诉求分类"), ("area", "所属区域")):
    _live(
        f"{_dim}_rates",
        f"按{_label}的考核比率",
        f"统计期间内办结的计入考核工单，按{_label}分项的响应率、按期办结率、解决率或满意率（rate=response_rate、"
        "on_time_rate、resolution_rate 或 satisfaction_rate，默认同排名依据），口径与承办单位排名相同（参照《北京市接诉即办"
        f"工作条例》第三十二条）；{_dim}= 时只计该{_label}；计入的记录为这些计入考核的工单。",
        _dimension_rates(_dim),
        unit=PERCENT,
        breakdown=_label,
        params=("rate", _dim),
        settings=(SETTING,),
    )
