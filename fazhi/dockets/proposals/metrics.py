"""建议提案 figures in the metric registry (docs/howto/add-a-metric.md), keys `proposals.<key of the fazhi stats
JSON>`. Counted live from the items' summaries (`Case.extra`, written by the docket's services): a city's items are
hundreds a year, one statement per period, unit and viewer (memoised for the figures asked together). The plain
recount from the docket's own rows (replies, ratings, commitments) is stats.py; a test holds them equal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings

from fazhi.cases.figures import cases_scope_unit_ids
from fazhi.cases.models import Case
from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, register_metric

MODULE = "建议提案"
SCOPE = "单位筛选按主办单位；查看者只计其数据范围内主办单位的建议提案。"
CLASSES = (("A", "A类"), ("B", "B类"), ("C", "C类"), ("D", "D类"))


def satisfied_set() -> set[str]:
    return set(getattr(settings, "FAZHI_PROPOSALS", {}).get("SATISFIED", ["satisfied", "basic"]))


def _d(v: Any) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def _rows(q: Query) -> list[dict[str, Any]]:
    def build() -> list[dict[str, Any]]:
        qs = Case.objects.filter(docket="proposals", received_on__lte=q.period.end)
        if q.unit_ids is not None:
            qs = qs.filter(handling_unit_id__in=q.unit_ids)
        scope = None if q.viewer is None else cases_scope_unit_ids(q.viewer)
        if scope is not None:
            qs = qs.filter(handling_unit_id__in=scope)
        return list(qs.values("pk", "received_on", "closed_on", "outcome", "extra"))

    return q.memoize(("proposals.rows", q.period, q.unit_ids, getattr(q.viewer, "pk", None)), build)


def _in(q: Query, day: dt.date | None) -> bool:
    return day is not None and q.period.start <= day <= q.period.end


def _first_reply(r: dict[str, Any]) -> dict[str, Any]:
    return next((x for x in (r["extra"] or {}).get("replies", []) if x.get("round") == 1), {})


def _last_rating(r: dict[str, Any], end: dt.date) -> dict[str, Any]:
    done = [x for x in (r["extra"] or {}).get("ratings", []) if _d(x.get("on")) and _d(x["on"]) <= end]  # type: ignore[operator]
    return done[-1] if done else {}


def _commitment_cases(q: Query) -> set[int]:
    def build() -> set[int]:
        from django.db.models import Q

        from .models import Commitment

        end = q.period.end
        return set(
            Commitment.objects.filter(reply__sent_on__lte=end)
            .filter(Q(done_on__isnull=True) | Q(done_on__gt=end))
            .values_list("case_id", flat=True)
        )

    return q.memoize(("proposals.commitments", q.period), build)


Pred = Callable[[Query, dict[str, Any]], bool]


def _class_is(code: str) -> Pred:
    def pred(q: Query, r: dict[str, Any]) -> bool:
        first = _first_reply(r)
        return _in(q, _d(first.get("on"))) and first.get("class") == code

    return pred


PREDICATES: dict[str, Pred] = {
    "received": lambda q, r: _in(q, r["received_on"]),
    "answered": lambda q, r: _in(q, _d(_first_reply(r).get("on"))),
    "on_time": lambda q, r: _in(q, _d(_first_reply(r).get("on"))) and (r["extra"] or {}).get("on_time") is True,
    **{f"class_{c.lower()}": _class_is(c) for c, _ in CLASSES},
    "closed": lambda q, r: _in(q, r["closed_on"]),
    "rated": lambda q, r: _in(q, _d(_last_rating(r, q.period.end).get("on"))),
    "satisfied": lambda q, r: (
        _in(q, _d(_last_rating(r, q.period.end).get("on")))
        and _last_rating(r, q.period.end).get("rating") in satisfied_set()
    ),
    "rehandled": lambda q, r: any(
        x.get("rating") == "unsatisfied" and _in(q, _d(x.get("on"))) for x in (r["extra"] or {}).get("ratings", [])
    ),
    "open_commitments": lambda q, r: r["pk"] in _commitment_cases(q),
}


def _ids(q: Query, key: str) -> list[int]:
    return q.memoize(
        ("proposals.ids", key, q.period, q.unit_ids, getattr(q.viewer, "pk", None)),
        lambda: sorted(r["pk"] for r in _rows(q) if PREDICATES[key](q, r)),
    )


def _count(key: str) -> Callable[[Query], Measure]:
    def compute(q: Query) -> Measure:
        ids = _ids(q, key)
        breakdown = None
        if key == "closed":
            by = {c: 0 for c, _ in CLASSES}
            chosen = set(ids)
            for r in _rows(q):
                if r["pk"] in chosen and r["outcome"] in by:
                    by[r["outcome"]] += 1
            breakdown = [{"code": c, "label": label, "value": by[c]} for c, label in CLASSES]
        return Measure(len(ids), breakdown=breakdown, records=ids if q.records else None)

    return compute


FIRST = "主办单位首次答复（答复函发出）日期在统计期间内的建议提案"
COUNTS = (
    ("received", "交办件数", "交办日期在统计期间内的建议提案（代表建议和政协提案，按会次编号每件计一件）。"),
    ("answered", "已答复", FIRST + "（重新办理的答复和落实后再次答复不另计）。"),
    (
        "on_time",
        "按期答复",
        FIRST + "中，答复日期不晚于答复期限（自交办之日起三个月，政协大会提案依设置可为五个月；经批准延期的为延长后"
        "期限，总期限不超过六个月；《代表法》（2025年修正）第五十一条）届满日的。",
    ),
    *((f"class_{c.lower()}", f"{label}答复", FIRST + f"中，首次答复办理结果为{label}的。") for c, label in CLASSES),
    ("closed", "对账销号", "对账销号日期在统计期间内的建议提案，按最终答复的办理结果（A/B/C/D类）分列。"),
    (
        "rated",
        "已评价",
        "代表/委员最近一次评价（截至统计期末）的日期在统计期间内的建议提案；不满意后重新办理的，以最近一次评价为准。",
    ),
    (
        "satisfied",
        "满意（含基本满意）",
        "已评价中，最近一次评价属于设置 FAZHI_PROPOSALS.SATISFIED 所列评价（默认：满意、基本满意）的。",
    ),
    ("rehandled", "不满意重新办理", "统计期间内被评价为不满意、进入重新办理的建议提案（同一件计一次）。"),
    (
        "open_commitments",
        "承诺事项未销号",
        "截至统计期末，有B类答复承诺事项（答复已发出）尚未销号的建议提案（件）。",
    ),
)
for key, label, definition in COUNTS:
    register_metric(
        Metric(
            key=f"proposals.{key}",
            label=label,
            unit="件",
            module=MODULE,
            definition=definition,
            compute=_count(key),
            breakdown="办理结果" if key == "closed" else "",
            record_kind="cases.case",
            scope_note=SCOPE,
            settings=("FAZHI_PROPOSALS.SATISFIED",) if key == "satisfied" else (),
        )
    )
register_metric(
    Metric(
        key="proposals.on_time_rate",
        label="按期办复率",
        unit=PERCENT,
        module=MODULE,
        definition="按期答复 ÷ 已答复 × 100%，保留两位小数；分母为 0 时无数值。",
        numerator="proposals.on_time",
        denominator="proposals.answered",
        scope_note=SCOPE,
    )
)
register_metric(
    Metric(
        key="proposals.satisfaction_rate",
        label="满意率",
        unit=PERCENT,
        module=MODULE,
        definition="满意（含基本满意，设置 FAZHI_PROPOSALS.SATISFIED）÷ 已评价 × 100%，保留两位小数；分母为 0 时无数值。",
        numerator="proposals.satisfied",
        denominator="proposals.rated",
        scope_note=SCOPE,
        settings=("FAZHI_PROPOSALS.SATISFIED",),
    )
)
