"""法治督察's figures in the metric registry, counted live (a city has hundreds of findings a year, not millions).
Unit filter: the finding's responsible unit. Viewer: FindingPolicy "view" (the responsible unit or the organizer)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind

MODULE = "法治督察"
UNIT_NOTE = (
    "指定单位时，计入责任单位为该单位（含下级单位时为其下级）的问题；按查看人的数据范围（责任单位或组织单位）计。"
)


def _findings(q: Query) -> QuerySet[Any]:
    from .models import Finding
    from .policies import FindingPolicy

    qs = FindingPolicy.visible(q.viewer, "view") if q.viewer is not None else Finding.objects.all()
    if q.unit_ids is not None:
        qs = qs.filter(responsible_unit_id__in=q.unit_ids)
    return qs


def _ref(q: Query) -> Any:
    """The day an 'as of' figure is read on: the period's end, or today if the period has not ended."""
    from fazhi.deadlines.selectors import today_local

    return min(q.period.end, q.today or today_local())


def found(q: Query) -> QuerySet[Any]:
    return _findings(q).filter(found_on__gte=q.period.start, found_on__lte=q.period.end)


def rectified(q: Query) -> QuerySet[Any]:
    return _findings(q).filter(closed_on__gte=q.period.start, closed_on__lte=q.period.end)


def overdue(q: Query) -> QuerySet[Any]:
    ref = _ref(q)
    return (
        _findings(q).filter(found_on__lte=ref, due_on__lt=ref).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=ref))
    )


def _count(build: Any) -> Any:
    def compute(q: Query) -> Measure:
        ids = q.memoize(("inspections", build.__name__), lambda: sorted(set(build(q).values_list("pk", flat=True))))
        return Measure(len(ids), records=ids if q.records else None)

    compute.__name__ = build.__name__
    return compute


def found_rectified(q: Query) -> QuerySet[Any]:
    return found(q).filter(closed_on__isnull=False, closed_on__lte=_ref(q))


def describe_findings(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import Finding

    return [
        {
            "url": f.get_absolute_url(),
            "cells": [
                f"{f.plan.title}问题{f.number}",
                f.responsible_unit.name,
                f.found_on.isoformat(),
                f.due_on.isoformat(),
                f.closed_on.isoformat() if f.closed_on else "",
            ],
        }
        for f in Finding.objects.filter(pk__in=ids)
        .select_related("plan", "responsible_unit")
        .order_by("-found_on", "-id")
    ]


register_record_kind(
    RecordKind(
        "inspections.finding",
        "督察发现问题",
        ("问题", "责任单位", "发现日期", "整改期限", "销号日期"),
        describe_findings,
    )
)


def _m(key: str, label: str, unit: str, definition: str, **kw: Any) -> None:
    register_metric(
        Metric(
            key=f"inspections.{key}",
            label=label,
            unit=unit,
            definition=f"{definition}{UNIT_NOTE}",
            module=MODULE,
            record_kind="inspections.finding",
            **kw,
        )
    )


_m(
    "findings",
    "督察发现问题",
    "个",
    "发现日期在统计期间内的督察问题（实地督察、上级反馈、回头看反弹）。",
    compute=_count(found),
)
_m("rectified", "整改销号", "个", "督察组销号日期在统计期间内的问题。", compute=_count(rectified))
_m(
    "overdue",
    "逾期未整改",
    "个",
    "统计期间结束日（期间未结束的为今天）时已发现、已过整改期限（含批准延期后的期限）且尚未销号的问题。",
    compute=_count(overdue),
)
_m(
    "findings_rectified",
    "期间发现问题中已销号",
    "个",
    "发现日期在统计期间内、统计期间结束日（或今天）前已销号的问题。",
    compute=_count(found_rectified),
)
_m(
    "rectification_rate",
    "整改销号率",
    PERCENT,
    "期间发现问题中已销号 ÷ 督察发现问题 × 100%，保留两位小数；分母为 0 时无数值。",
    numerator="inspections.findings_rectified",
    denominator="inspections.findings",
)
