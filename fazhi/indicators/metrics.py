"""Figures of the indicators module in the metric registry: how many leaves the year's sets have, how many of them
are computed from the platform's own data, and that share. A set counts in the year it assesses (its 考核年度); a
unit filter keeps the sets that unit organises."""

from __future__ import annotations

from typing import Any

from fazhi.metrics.registry import Measure, Metric, Query, register_metric

MODULE = "指标考核"


def _leaves(q: Query, *, computed: bool) -> Any:
    from fazhi.orgs.scopes import grants_for

    from .models import IndicatorNode

    qs = IndicatorNode.objects.filter(indicator_set__year=q.period.year, children__isnull=True)
    if q.viewer is not None and not grants_for(q.viewer).has("indicators.set.view"):
        return qs.none()
    if q.unit_ids is not None:
        qs = qs.filter(indicator_set__owner_id__in=q.unit_ids)
    if computed:
        qs = qs.exclude(metric_key="")
    return qs


def _count(computed: bool):  # type: ignore[no-untyped-def]
    def compute(q: Query) -> Measure:
        qs = _leaves(q, computed=computed)
        ids = sorted(qs.values_list("pk", flat=True))
        return Measure(value=len(ids), records=ids if q.records else None)

    return compute


register_metric(
    Metric(
        key="indicators.leaves",
        label="考核末级指标（项）",
        unit="项",
        definition="考核年度为统计年度的指标体系中，没有下级指标的指标项数；按单位统计时为该单位组织的指标体系。",
        module=MODULE,
        compute=_count(False),
    )
)
register_metric(
    Metric(
        key="indicators.leaves_computed",
        label="系统计算的末级指标（项）",
        unit="项",
        definition="上述末级指标中绑定了平台计算指标（数值取自指标快照）的项数。",
        module=MODULE,
        compute=_count(True),
    )
)
register_metric(
    Metric(
        key="indicators.computed_share",
        label="系统计算指标占比（%）",
        unit="%",
        definition="系统计算的末级指标项数 ÷ 考核末级指标项数 × 100%。",
        module=MODULE,
        numerator="indicators.leaves_computed",
        denominator="indicators.leaves",
    )
)
