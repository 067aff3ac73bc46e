"""Plan figures in the metric registry (fazhi/metrics): the overview (by section over lead shares, by unit over all
shares), the totals and the ranking read these metrics, so a plan's 销号率 has one definition everywhere.

Every figure counts **shares** (分工: one task × one unit, lead or co-unit) of one plan (`plan=`), or without a plan
of every plan of the period's year. Filters: `role="lead"` (lead shares only), `by="section"` (the breakdown by
section instead of by unit). Counted live in one grouped query per request (a plan has hundreds to a few thousand
shares); records are TaskAssignment ids. Imported by the AppConfig."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind

from . import clocks
from .models import AssignmentRole, PlanSection, TaskAssignment
from .states import OPEN_STATES, AssignmentState

S = AssignmentState
MODULE = "规划任务"
SCOPE_NOTE = (
    "统计对象为计划任务的分工（一项任务 × 一个牵头或协办单位）；指定计划时为该计划，未指定时为统计年度的全部计划；"
    "指定单位时为该单位（含下级单位时为其下级）的分工；按查看人的数据范围（分工单位）计。"
)
FILTERS = {
    "shares": Q(),
    "closed": Q(state=S.ACCEPTED),
    "on_time": Q(state=S.ACCEPTED, closed_on_time=True),
}


def _overdue() -> Q:
    return Q(state__in=OPEN_STATES, due_date__lt=clocks.today())


def _filter(name: str) -> Q:
    return _overdue() if name == "overdue" else FILTERS[name]


def shares(q: Query) -> QuerySet[TaskAssignment]:
    """The shares a query counts: plan (or the period's year), role, unit, the viewer's scope."""
    from fazhi.orgs.scopes import scope_q

    qs = TaskAssignment.objects.all()
    plan = q.filters.get("plan")
    if plan:
        qs = qs.filter(task__plan=getattr(plan, "pk", plan))
    else:
        qs = qs.filter(task__plan__year=q.period.year)
    if q.filters.get("role"):
        qs = qs.filter(role=q.filters["role"])
    if q.unit_ids is not None:
        qs = qs.filter(unit_id__in=sorted(q.unit_ids))
    if q.viewer is not None:
        sq = scope_q(q.viewer, "unit")
        qs = qs if sq is None else qs.filter(sq)
    return qs


def _by(q: Query) -> str:
    return "task__section_id" if q.filters.get("by") == "section" else "unit_id"


def counts(q: Query) -> dict[Any, dict[str, int]]:
    """{section or unit id: {shares, closed, on_time, overdue}} in one grouped query (memoised for the figures
    asked together)."""
    by = _by(q)

    def run() -> dict[Any, dict[str, int]]:
        rows = (
            shares(q)
            .values(by)
            .annotate(
                shares=Count("id"),
                closed=Count("id", filter=FILTERS["closed"]),
                on_time=Count("id", filter=FILTERS["on_time"]),
                overdue=Count("id", filter=_overdue()),
            )
            .order_by()
        )
        return {r[by]: r for r in rows}

    return q.memoize(("plans-counts", by, repr(sorted(q.filters.items())), q.unit_ids, q.period.year), run)


def labels(q: Query) -> list[tuple[Any, str]]:
    """The breakdown's categories in page order: sections by their order (then 未分节), or units by tree path."""
    from fazhi.orgs.models import Unit

    found = counts(q)

    def run() -> list[tuple[Any, str]]:
        if _by(q) == "task__section_id":
            plan = q.filters.get("plan")
            secs = PlanSection.objects.filter(plan=getattr(plan, "pk", plan)) if plan else PlanSection.objects.none()
            out = [(s.pk, s.title) for s in secs.order_by("order") if s.pk in found]
            return out + ([(None, "（未分节）")] if None in found else [])
        units = Unit.objects.filter(pk__in=[k for k in found if k]).only("id", "name", "short_name", "path")
        return [(u.pk, u.display_name) for u in sorted(units, key=lambda u: u.path)]

    return q.memoize(("plans-labels", _by(q), repr(sorted(q.filters.items())), q.unit_ids), run)


def _count(name: str) -> Any:
    def compute(q: Query) -> Measure:
        c = counts(q)
        breakdown = [{"code": k, "label": label, "value": c[k][name]} for k, label in labels(q)]
        records = None
        if q.records:
            records = sorted(shares(q).filter(_filter(name)).values_list("pk", flat=True))
        return Measure(sum(r[name] for r in c.values()), breakdown=breakdown, records=records)

    return compute


def describe_shares(ids: list[Any]) -> list[dict[str, Any]]:
    qs = (
        TaskAssignment.objects.filter(pk__in=ids)
        .select_related("task", "unit")
        .only("id", "role", "state", "due_date", "task__id", "task__number", "task__title", "task__plan_id", "unit")
        .order_by("task__number", "-role", "unit__path")
    )
    return [
        {
            "url": a.task.get_absolute_url(),
            "cells": [
                a.task.number,
                a.task.title[:30],
                a.unit.display_name,
                AssignmentRole(a.role).label,
                S(a.state).label,
                a.due_date.isoformat() if a.due_date else "",
            ],
        }
        for a in qs
    ]


register_record_kind(
    RecordKind("plans.share", "分工", ("任务序号", "任务", "单位", "角色", "状态", "完成时限"), describe_shares)
)


def _m(key: str, label: str, definition: str, unit: str = "项", **kw: Any) -> None:
    register_metric(
        Metric(
            key=f"plans.{key}",
            label=label,
            unit=unit,
            definition=definition,
            scope_note=SCOPE_NOTE,
            module=MODULE,
            params=("plan", "role", "by"),
            record_kind="plans.share",
            breakdown="" if unit == PERCENT else "单位（by=section 时为章节）",
            **kw,
        )
    )


_m("shares", "分工", "计划任务分解到单位的全部分工（牵头和协办；role=lead 时只计牵头）。", compute=_count("shares"))
_m("closed", "已销号", "经依法治市办验收销号的分工。", compute=_count("closed"))
_m("on_time", "按期销号", "已销号分工中，报送完成时间不晚于完成时限的（按期完成）。", compute=_count("on_time"))
_m(
    "overdue",
    "逾期未完成",
    "尚未销号（已分派、已签收、办理中、已报送、被退回）且完成时限早于今天的分工；随日期变化。",
    compute=_count("overdue"),
)
_m(
    "closed_rate",
    "销号率",
    "已销号 ÷ 分工 × 100%，保留两位小数；分母为 0 时无数值（总览的“完成率”）。",
    unit=PERCENT,
    numerator="plans.closed",
    denominator="plans.shares",
)
_m(
    "on_time_rate",
    "按期销号率",
    "按期销号 ÷ 已销号 × 100%，保留两位小数；分母为 0 时无数值（总览的“按期率”）。",
    unit=PERCENT,
    numerator="plans.on_time",
    denominator="plans.closed",
)
_m(
    "on_time_completion_rate",
    "按期完成率",
    "按期销号 ÷ 分工 × 100%，保留两位小数；分母为 0 时无数值（单位排名按它从高到低，相同时逾期少者在前）。",
    unit=PERCENT,
    numerator="plans.on_time",
    denominator="plans.shares",
)
