"""法治画像 of one unit (issue 23 §2): its scores in a set (total, rank, each 一级 indicator), the computed metrics the
set binds over three years (the set's year and the two before, from the metric registry as the viewer may see them),
and its open gaps — leaves whose value is worse than the target — with the supervisable item each one raised."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import scoring
from .models import IndicatorNode, IndicatorSet
from .selectors import TIER_LABELS, indicator_ranking, indicator_tree, leaves, ranking_tier, tree_total

YEARS = 3


def _gap_items(viewer: Any, unit: Any, node_ids: list[int]) -> dict[int, Any]:
    """The 考核指标短板 items of these leaves on the unit's board, newest first per leaf (supervision's scoped read)."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.supervision.selectors import items_visible_to

    from .sources import GAP

    if not node_ids:
        return {}
    qs = items_visible_to(viewer).filter(
        kind=GAP,
        unit=unit,
        source_type=ContentType.objects.get_for_model(IndicatorNode),
        source_id__in=[str(pk) for pk in node_ids],
    )
    found: dict[int, Any] = {}
    for item in qs.order_by("-raised_on", "-id"):
        found.setdefault(int(item.source_id), item)
    return found


def unit_portrait(indicator_set: IndicatorSet, unit: Any, *, viewer: Any) -> dict[str, Any]:
    from fazhi.core.errors import DomainError
    from fazhi.metrics.registry import metric_get
    from fazhi.metrics.selectors import metric_values

    tree = indicator_tree(indicator_set, unit=unit)
    # ranked within its table, as the ranking page shows it: a district among the 区县, a unit among the 市直单位;
    # a district's department is in neither (no rank)
    tier = ranking_tier(unit)
    ranking = indicator_ranking(indicator_set, tier=tier) if tier else []
    mine = next((r for r in ranking if r["id"] == unit.pk), None)
    heads = [
        {
            "title": n["title"],
            "points": n["points"],
            "score": n["score"],
            "share": round(100 * n["score"] / n["points"], 2) if n["score"] is not None and n["points"] else None,
        }
        for n in tree
    ]
    all_leaves = leaves(tree)
    keys = list(dict.fromkeys(n["metric_key"] for n in all_leaves if n["metric_key"]))
    years = list(range(indicator_set.year - YEARS + 1, indicator_set.year + 1))
    by_year: dict[int, dict[str, Any]] = {}
    for y in years:
        try:
            by_year[y] = metric_values(keys, period=y, unit=unit, viewer=viewer) if keys else {}
        except DomainError:  # a metric no longer registered: shown without values
            by_year[y] = {}
    metrics = []
    for key in keys:
        try:
            m = metric_get(key)
        except DomainError:
            continue
        metrics.append(
            {
                "key": key,
                "label": m.label,
                "unit": m.unit,
                "values": [by_year[y].get(key, {}).get("value") for y in years],
            }
        )
    nodes = {n.pk: n for n in indicator_set.nodes.filter(pk__in=[n["id"] for n in all_leaves])}
    gaps = []
    for n in all_leaves:
        node = nodes[n["id"]]
        value = Decimal(str(n["value"])) if n["value"] is not None else None
        if scoring.short_of_target(value, node.target, node.lower_is_better):
            gaps.append(
                {
                    "node": node,
                    "value": n["value"],
                    "target": node.target,
                    "bound": "≤" if node.lower_is_better else "≥",
                    "source": n["source"],
                }
            )
    items = _gap_items(viewer, unit, [g["node"].pk for g in gaps])
    for g in gaps:
        g["item"] = items.get(g["node"].pk)
    return {
        "total": tree_total(tree),
        "rank": mine["rank"] if mine else None,
        "ranked": len(ranking),
        "tier": tier,
        "tier_label": TIER_LABELS.get(tier or ""),
        "heads": heads,
        "years": years,
        "metrics": metrics,
        "gaps": gaps,
        "unraised": sum(1 for g in gaps if g["item"] is None),
    }


def portrait_chart(p: dict[str, Any]) -> dict[str, Any]:
    """An ECharts option: the rate metrics (%) over the three years, one line each."""
    rates = [m for m in p["metrics"] if m["unit"] == "%"]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"type": "scroll", "data": [m["label"] for m in rates]},
        "grid": {"containLabel": True, "left": 8, "right": 8},
        "xAxis": {"type": "category", "data": [f"{y}年" for y in p["years"]]},
        "yAxis": {"type": "value", "max": 100},
        "series": [{"name": m["label"], "type": "line", "connectNulls": False, "data": m["values"]} for m in rates],
    }
