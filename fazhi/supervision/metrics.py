"""Supervision figures in the metric registry (fazhi/metrics): open items by light, overdue, raised, closed, closed
on time and the on-time rate, over every source kind (or one, `kind=`). Counted live from the stored light and dates
(`Item.light` is refreshed by every service and the daily scan), one grouped query per figure set; records are
Item ids. Imported by the AppConfig."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind

from .models import Item
from .states import OPEN_STATES, ItemState, Light

MODULE = "督办事项"
SCOPE_NOTE = (
    "统计对象为督办事项（各来源：规划任务分工、案件期限超期、败诉整改、规范性文件、重大行政决策等；kind= 时只计该来源）；"
    "指定单位时为该责任单位（含下级单位时为其下级）的事项；按查看人的数据范围（责任单位）计。"
)
ON_TIME = Q(due_date__isnull=True) | Q(ended_at__date__lte=F("due_date"))


def items(q: Query) -> QuerySet[Item]:
    from .policies import ItemPolicy

    # a viewer counts the items they may open (the item's action and their data scope), so every record listed links
    qs = Item.objects.all() if q.viewer is None else ItemPolicy.visible(q.viewer, "view")
    if q.filters.get("kind"):
        qs = qs.filter(kind=q.filters["kind"])
    if q.unit_ids is not None:
        qs = qs.filter(unit_id__in=sorted(q.unit_ids))
    return qs


def _sets(q: Query) -> dict[str, Q]:
    p = q.period
    closed = Q(state=ItemState.CLOSED, ended_at__date__gte=p.start, ended_at__date__lte=p.end)
    return {
        # open now, raised by the end of the period (a past year's figure: what is still open from it)
        "open": Q(state__in=OPEN_STATES, raised_on__lte=p.end),
        "overdue": Q(state__in=OPEN_STATES, raised_on__lte=p.end, light=Light.OVERDUE),
        "raised": Q(raised_on__gte=p.start, raised_on__lte=p.end),
        "closed": closed,
        "closed_on_time": closed & ON_TIME,
    }


def counts(q: Query, by: str) -> dict[Any, dict[str, int]]:
    """{light or kind: {open, overdue, raised, closed, closed_on_time}} in one grouped query (memoised)."""
    sets = _sets(q)

    def run() -> dict[Any, dict[str, int]]:
        rows = items(q).values(by).annotate(**{k: Count("id", filter=v) for k, v in sets.items()}).order_by()
        return {r[by]: r for r in rows}

    return q.memoize(("supervision-counts", by, q.filters.get("kind"), q.unit_ids, q.period.year, q.period.part), run)


def _kind_labels(found: dict[Any, Any]) -> list[tuple[Any, str]]:
    from .sources import SOURCES

    return sorted(((k, SOURCES[k].label if k in SOURCES else k) for k in found), key=lambda kv: kv[1])


def _count(name: str, by: str) -> Any:
    def compute(q: Query) -> Measure:
        c = counts(q, by)
        if by == "light":
            cats = [(v, label) for v, label in Light.choices if v != Light.DONE]
        else:
            cats = _kind_labels(c)
        breakdown = [{"code": k, "label": label, "value": c.get(k, {}).get(name, 0)} for k, label in cats]
        records = None
        if q.records:
            records = sorted(items(q).filter(_sets(q)[name]).values_list("pk", flat=True))
        return Measure(sum(r[name] for r in c.values()), breakdown=breakdown, records=records)

    return compute


def describe_items(ids: list[Any]) -> list[dict[str, Any]]:
    qs = Item.objects.filter(pk__in=ids).select_related("unit").order_by("light_rank", "due_date", "id")
    return [
        {
            "url": i.get_absolute_url(),
            "cells": [
                i.title[:30],
                i.unit.display_name,
                i.source_label,
                Light(i.light).label,
                i.due_date.isoformat() if i.due_date else "",
                ItemState(i.state).label,
            ],
        }
        for i in qs
    ]


register_record_kind(
    RecordKind(
        "supervision.item", "督办事项", ("督办事项", "责任单位", "来源", "灯", "完成时限", "状态"), describe_items
    )
)


def _m(key: str, label: str, definition: str, unit: str = "件", breakdown: str = "来源类型", **kw: Any) -> None:
    register_metric(
        Metric(
            key=f"supervision.{key}",
            label=label,
            unit=unit,
            definition=definition,
            scope_note=SCOPE_NOTE,
            module=MODULE,
            params=("kind",),
            record_kind="supervision.item",
            breakdown="" if unit == PERCENT else breakdown,
            **kw,
        )
    )


_m(
    "open",
    "办理中督办事项",
    "统计期末以前生成、目前尚未办结（办理中、待销号）的督办事项，按灯（逾期、临期、正常、暂停、无时限）分列；"
    "灯为事项当前的灯（各服务与每日巡检更新）。",
    compute=_count("open", "light"),
    breakdown="灯",
)
_m(
    "overdue",
    "逾期督办事项",
    "统计期末以前生成、目前尚未办结且当前为逾期（红灯）的督办事项。",
    compute=_count("overdue", "kind"),
)
_m("raised", "生成督办事项", "生成日期在统计期间内的督办事项（同一原因只生成一次）。", compute=_count("raised", "kind"))
_m(
    "closed",
    "办结督办事项",
    "办结时间在统计期间内的督办事项（人工销号或来源办结自动关闭）。",
    compute=_count("closed", "kind"),
)
_m(
    "closed_on_time",
    "按期办结督办事项",
    "办结督办事项中，办结日期不晚于完成时限的（经批准延期的，按延期后的时限；无完成时限的计为按期）。",
    compute=_count("closed_on_time", "kind"),
)
_m(
    "closed_on_time_rate",
    "督办事项按期办结率",
    "按期办结督办事项 ÷ 办结督办事项 × 100%，保留两位小数；分母为 0 时无数值。",
    unit=PERCENT,
    numerator="supervision.closed_on_time",
    denominator="supervision.closed",
)
