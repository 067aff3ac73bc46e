"""Reads of the indicators module: sets visible to a user, and a set's tree with each leaf's value, score and source,
rolled up."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from . import scoring
from .models import IndicatorNode, IndicatorSet, LeafResult, ResultSource

# A leaf's score is the review's if there is one, else the unit's own, else the computed one.
_PRECEDENCE = (ResultSource.REVIEW, ResultSource.SELF, ResultSource.COMPUTED)


def indicator_sets_visible_to(user: Any) -> QuerySet[IndicatorSet]:
    from .policies import IndicatorSetPolicy

    return IndicatorSetPolicy.visible(user, "view", IndicatorSet.objects.select_related("owner"))


def _plain(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


def indicator_tree(indicator_set: IndicatorSet, *, unit: Any = None) -> list[dict[str, Any]]:
    """The set as nested dicts: {"id", "title", "points", "description", "method", "metric_key", "units",
    "children"} and, for a leaf, "value", "score", "source" (None where there is no result yet); a branch's "score"
    is its children's rolled up (capped at its points). `unit` picks the assessed unit's results (None: the area)."""
    nodes = list(indicator_set.nodes.order_by("depth", "position", "id").prefetch_related("units__unit"))
    results: dict[int, dict[str, LeafResult]] = {}
    for r in LeafResult.objects.filter(node__indicator_set=indicator_set, unit=unit):
        if r.source == ResultSource.SELF and r.state == "returned":
            continue  # sent back for more evidence: it counts again once resubmitted
        results.setdefault(r.node_id, {})[r.source] = r
    by_parent: dict[int | None, list[IndicatorNode]] = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)

    def build(n: IndicatorNode) -> dict[str, Any]:
        kids = [build(c) for c in by_parent.get(n.pk, [])]
        out: dict[str, Any] = {
            "id": n.pk,
            "title": n.title,
            "points": _plain(n.points),
            "description": n.description,
            "method": n.method,
            "metric_key": n.metric_key,
            "evidence": n.evidence,
            "units": [
                {"code": u.unit.code, "name": u.unit.name, "role": u.role}
                for u in sorted(n.units.all(), key=lambda u: (u.role != "lead", u.unit.code))
            ],
            "children": kids,
        }
        if kids:
            score = scoring.roll_up(
                [Decimal(str(k["score"])) if k["score"] is not None else None for k in kids], n.points
            )
            out.update(value=None, score=_plain(score), source=None)
        else:
            held = results.get(n.pk, {})
            chosen = next((held[s] for s in _PRECEDENCE if s in held), None)
            out.update(
                value=_plain(chosen.value) if chosen else None,
                score=_plain(chosen.score) if chosen else None,
                source=chosen.source if chosen else None,
                snapshot=chosen.snapshot_id if chosen else None,
            )
        return out

    return [build(n) for n in by_parent.get(None, [])]


def tree_total(tree: list[dict[str, Any]]) -> int | float | None:
    scores = [Decimal(str(n["score"])) for n in tree if n["score"] is not None]
    return _plain(sum(scores, Decimal(0))) if scores else None


def leaves(tree: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in tree:
        out.extend(leaves(n["children"]) if n["children"] else [n])
    return out


RANK_TIERS = ("units", "districts")
TIER_LABELS = {"units": "市直单位", "districts": "区县"}


def ranking_tier(unit: Any) -> str | None:
    """The ranking table a unit is in: "units" (city level), "districts" (a county-level people's government), None
    (a district's department, or any other level: ranked in neither table) — the filters of indicator_ranking."""
    from fazhi.orgs.models import UnitKind, UnitLevel

    if unit.level == UnitLevel.CITY:
        return "units"
    if unit.level == UnitLevel.COUNTY and unit.kind == UnitKind.GOVERNMENT:
        return "districts"
    return None


def indicator_ranking(indicator_set: IndicatorSet, tier: str | None = None) -> list[dict[str, Any]]:
    """The assessed units (those with a result in the set) by total score, highest first: {"rank", "code", "name",
    "total", "scored"} — equal totals share a rank; units without any score come last.

    tier ranks one table apart (issue 23 §2, "rankings of units and districts"): "units" the city-level units,
    "districts" the 区县 — the county-level people's governments of the unit tree, each scored from its own
    assessment as a body (not from its departments'); None all assessed units together (the metric's reading)."""
    from fazhi.orgs.models import Unit, UnitKind, UnitLevel

    units = Unit.objects.filter(indicator_results__node__indicator_set=indicator_set).distinct().order_by("code")
    if tier == "units":
        units = units.filter(level=UnitLevel.CITY)
    elif tier == "districts":
        units = units.filter(level=UnitLevel.COUNTY, kind=UnitKind.GOVERNMENT)
    elif tier is not None:
        raise ValueError(f"unknown ranking tier {tier!r}")
    rows = []
    for u in units:
        tree = indicator_tree(indicator_set, unit=u)
        rows.append(
            {
                "id": u.pk,
                "code": u.code,
                "name": u.name,
                "total": tree_total(tree),
                "scored": sum(1 for n in leaves(tree) if n["score"] is not None),
            }
        )
    rows.sort(key=lambda r: (r["total"] is None, -(r["total"] or 0), r["code"]))
    rank, last = 0, object()
    for i, r in enumerate(rows, start=1):
        if r["total"] != last:
            rank, last = i, r["total"]
        r["rank"] = rank
    return rows


def assessment_of(node: IndicatorNode, unit: Any) -> dict[str, Any]:
    """A unit's leaf: its computed, self and review results, the evidence files and the history of score changes."""
    from .models import ScoreChange

    held = {r.source: r for r in LeafResult.objects.filter(node=node, unit=unit).select_related("snapshot")}
    mine = held.get(ResultSource.SELF)
    return {
        "computed": held.get(ResultSource.COMPUTED),
        "self": mine,
        "review": held.get(ResultSource.REVIEW),
        "files": list(mine.evidence_files.order_by("id")) if mine is not None else [],
        "history": list(ScoreChange.objects.filter(node=node, unit=unit).select_related("by").order_by("at", "id")),
    }
