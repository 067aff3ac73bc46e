"""重大行政决策's figures in the metric registry (fazhi/metrics), counted live (a city has tens of decisions a year,
not millions). Every figure of `fazhi stats decisions` is a metric `decisions.<its JSON key>`. Imported by the
AppConfig. Unit filter: the decision's lead unit (承办单位; catalogue items: theirs). Viewer: DecisionPolicy "view"."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind

MODULE = "重大行政决策"
UNIT_NOTE = (
    "指定单位时，计入承办单位为该单位（含下级单位时为其下级）的决策；按查看人的数据范围（承办单位或决策机关）计。"
)


def _decisions(q: Query) -> QuerySet[Any]:
    from .models import Decision
    from .policies import DecisionPolicy

    qs = DecisionPolicy.visible(q.viewer, "view") if q.viewer is not None else Decision.objects.all()
    if q.unit_ids is not None:
        qs = qs.filter(lead_unit_id__in=q.unit_ids)
    return qs


def _in(q: Query, field: str) -> dict[str, Any]:
    return {f"{field}__gte": q.period.start, f"{field}__lte": q.period.end}


def _ids(qs: QuerySet[Any]) -> list[int]:
    return sorted(set(qs.values_list("pk", flat=True)))


def _count(build: Any) -> Any:
    def compute(q: Query) -> Measure:
        ids = q.memoize(("decisions", build.__name__), lambda: _ids(build(q)))
        return Measure(len(ids), records=ids if q.records else None)

    compute.__name__ = build.__name__
    return compute


def launched(q: Query) -> QuerySet[Any]:
    return _decisions(q).filter(**_in(q, "launched_on"))


def decided(q: Query) -> QuerySet[Any]:
    return _decisions(q).filter(**_in(q, "decided_on"))


def legality_reviewed(q: Query) -> QuerySet[Any]:
    """Decided in the period with a completed 合法性审查 in the round that was decided, dated on or before the
    decision (Art. 25: 未经合法性审查或者经审查不合法的，不得提交集体讨论)."""
    from django.db.models import Exists, OuterRef

    from .models import Step

    review = Step.objects.filter(
        decision=OuterRef("pk"),
        round=OuterRef("round"),
        kind="legality",
        status="done",
        completed_on__lte=OuterRef("decided_on"),
    ).exclude(opinion="unlawful")
    return decided(q).annotate(_r=Exists(review)).filter(_r=True)


def published(q: Query) -> QuerySet[Any]:
    return _decisions(q).filter(**_in(q, "published_on"))


def evaluated(q: Query) -> QuerySet[Any]:
    return _decisions(q).filter(
        evaluations__completed_on__gte=q.period.start, evaluations__completed_on__lte=q.period.end
    )


def dissented(q: Query) -> QuerySet[Any]:
    return _decisions(q).filter(
        meetings__held_on__gte=q.period.start, meetings__held_on__lte=q.period.end, meetings__dissents__isnull=False
    )


def _state_breakdown(q: Query) -> list[dict[str, Any]]:
    from .states import DecisionState

    states = dict(_decisions(q).filter(launched_on__lte=q.period.end).values_list("pk", "state"))
    return [
        {"code": v, "label": label, "value": sum(1 for s in states.values() if s == v)}
        for v, label in DecisionState.choices
    ]


def by_state(q: Query) -> Measure:
    rows = _state_breakdown(q)
    ids = _ids(_decisions(q).filter(launched_on__lte=q.period.end))
    return Measure(sum(r["value"] for r in rows), breakdown=rows, records=ids if q.records else None)


def _items(q: Query) -> QuerySet[Any]:
    from .models import CatalogueItem

    qs = CatalogueItem.objects.filter(
        catalogue__year=q.period.year, withdrawn=False, catalogue__state__in=["approved", "published"]
    )
    if q.period.part or q.period.start.month != 1 or q.period.end.month != 12:
        qs = qs.filter(planned_end__gte=q.period.start, planned_end__lte=q.period.end)
    if q.unit_ids is not None:
        qs = qs.filter(lead_unit_id__in=q.unit_ids)
    if q.viewer is not None:
        from .policies import CataloguePolicy

        qs = qs.filter(catalogue__in=CataloguePolicy.visible(q.viewer, "view"))
    return qs


def catalogue_items(q: Query) -> Measure:
    ids = _ids(_items(q))
    return Measure(len(ids), records=None)


def catalogue_items_started(q: Query) -> Measure:
    ids = _ids(_items(q).filter(decisions__launched_on__lte=q.period.end))
    return Measure(len(ids), records=None)


def _consultations(q: Query) -> list[Any]:
    from django.contrib.contenttypes.models import ContentType

    from fazhi.consultations.models import Consultation

    from .models import Decision

    def load() -> list[Any]:
        ct = ContentType.objects.get_for_model(Decision)
        owners = list(_decisions(q).values_list("pk", flat=True))
        return list(Consultation.objects.filter(owner_type=ct, owner_id__in=owners).exclude(state="draft"))

    return q.memoize(("decisions", "consultations"), load)


def consultations_held(q: Query) -> Measure:
    rows = [c for c in _consultations(q) if c.opened_on and q.period.contains(c.opened_on)]
    return Measure(len(rows), records=sorted(c.owner_id for c in rows) if q.records else None)


def _published_figures(q: Query) -> list[tuple[Any, dict[str, Any]]]:
    from fazhi.consultations.selectors import consultation_figures

    return q.memoize(
        ("decisions", "explained"),
        lambda: [
            (c, consultation_figures(c))
            for c in _consultations(q)
            if c.published_on and q.period.contains(c.published_on)
        ],
    )


def comments(q: Query) -> Measure:
    from fazhi.consultations.models import Comment

    ids = [c.pk for c in _consultations(q)]
    n = Comment.objects.filter(
        consultation_id__in=ids, hidden=False, received_on__gte=q.period.start, received_on__lte=q.period.end
    ).count()
    return Measure(n)


def comments_answered(q: Query) -> Measure:
    rows = _published_figures(q)
    return Measure(
        sum(f["answered"] for _, f in rows), records=sorted({c.owner_id for c, _ in rows}) if q.records else None
    )


def comments_adopted(q: Query) -> Measure:
    rows = _published_figures(q)
    return Measure(
        sum(f["outcomes"]["adopted"] + f["outcomes"]["partly"] for _, f in rows),
        records=sorted({c.owner_id for c, _ in rows}) if q.records else None,
    )


def describe_decisions(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import Decision

    return [
        {
            "url": d.get_absolute_url(),
            "cells": [
                d.title,
                d.lead_unit.name,
                d.get_state_display(),
                d.decided_on.isoformat() if d.decided_on else "",
            ],
        }
        for d in Decision.objects.filter(pk__in=ids).select_related("lead_unit").order_by("-launched_on", "-id")
    ]


register_record_kind(
    RecordKind("decisions.decision", "重大行政决策", ("决策事项", "承办单位", "状态", "决定日期"), describe_decisions)
)


def _m(key: str, label: str, unit: str, definition: str, **kw: Any) -> None:
    register_metric(
        Metric(
            key=f"decisions.{key}",
            label=label,
            unit=unit,
            definition=f"{definition}{UNIT_NOTE}",
            module=MODULE,
            record_kind="decisions.decision",
            **kw,
        )
    )


_m(
    "catalogue_items",
    "目录事项",
    "项",
    "统计年度经党委同意（或已公布）的重大行政决策事项目录中未调出的事项；指定季度、半年或月份时，"
    "计入计划完成时间在期间内的事项。",
    compute=catalogue_items,
)
_m(
    "catalogue_items_started",
    "已启动的目录事项",
    "项",
    "上述目录事项中，期间结束前已启动决策程序的事项。",
    compute=catalogue_items_started,
)
_m("launched", "启动决策", "件", "启动日期在统计期间内的决策。", compute=_count(launched))
_m(
    "by_state",
    "决策（按当前状态）",
    "件",
    "期间结束前已启动的决策，按当前状态分列。",
    compute=by_state,
    breakdown="当前状态",
)
_m(
    "decided",
    "作出决定",
    "件",
    "集体讨论决定（通过或修改后通过）的会议日期在统计期间内的决策。",
    compute=_count(decided),
)
_m(
    "legality_reviewed",
    "经合法性审查后决定",
    "件",
    "上述作出决定的决策中，决定所在程序轮次有已完成、日期不晚于决定日期且意见不是"
    "“不合法”的合法性审查的（《重大行政决策程序暂行条例》第二十五条）。",
    compute=_count(legality_reviewed),
)
_m(
    "legality_review_rate",
    "合法性审查率",
    PERCENT,
    "经合法性审查后决定 ÷ 作出决定 × 100%，保留两位小数；分母为 0 时无数值。",
    numerator="decisions.legality_reviewed",
    denominator="decisions.decided",
)
_m("published", "公布决策", "件", "公布日期在统计期间内的决策。", compute=_count(published))
_m(
    "evaluated",
    "完成后评估",
    "件",
    "决策后评估完成日期在统计期间内的决策（《重大行政决策程序暂行条例》第三十六条）。",
    compute=_count(evaluated),
)
_m(
    "dissented",
    "有不同意见记录",
    "件",
    "集体讨论会议日期在统计期间内、记录了不同意见的决策（第三十八条）。",
    compute=_count(dissented),
)
_m(
    "consultations",
    "公开征求意见",
    "次",
    "决策的公开征求意见中，实际开始日期在统计期间内的。",
    compute=consultations_held,
)
_m(
    "comments",
    "收到意见",
    "条",
    "决策的公开征求意见中，收到日期在统计期间内、未屏蔽的意见（相似意见逐条计）。",
    compute=comments,
)
_m(
    "comments_answered",
    "已答复意见",
    "条",
    "意见采纳情况说明公布日期在统计期间内的征求意见中，已在采纳台账处理的意见（相似意见组按组内每条计）。",
    compute=comments_answered,
)
_m("comments_adopted", "采纳意见", "条", "上述已答复意见中，采纳或部分采纳的。", compute=comments_adopted)
_m(
    "adoption_rate",
    "意见采纳率",
    PERCENT,
    "采纳意见 ÷ 已答复意见 × 100%（含部分采纳），保留两位小数；分母为 0 时无数值。",
    numerator="decisions.comments_adopted",
    denominator="decisions.comments_answered",
)
