"""Scoring an indicator leaf and rolling scores up the tree. Pure: no database (numbers in, numbers out).

Methods (`ScoringMethod` values; README.md "Scoring"):

- `pass_fail` 达标/不达标: value ≥ 1 (达标) → full points, else 0. For a computed rate: value ≥ target → full.
- `graded` 分档: value is the grade's share of the points in percent (100 / 80 / 60 / 0 …), clamped to 0…100.
- `rate` 按比率计分: points × value ÷ target, capped at the points (target defaults to 100). With `lower_is_better`
  (纠错率, 败诉率) points × (100 − value) ÷ (100 − target), full points at or below the target.
- `deduction` 扣分: points − value × deduction (value = the number of defects), never below 0.

Scores are rounded to 2 decimals (half up). A leaf without a value has no score (None).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

PASS_FAIL = "pass_fail"
GRADED = "graded"
RATE = "rate"
DEDUCTION = "deduction"
METHODS = (PASS_FAIL, GRADED, RATE, DEDUCTION)

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


def _d(x: Decimal | int | float | str) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def _round(x: Decimal) -> Decimal:
    return x.quantize(_CENT, rounding=ROUND_HALF_UP)


def leaf_score(
    *,
    method: str,
    points: Decimal | int | float | None,
    value: Decimal | int | float | None,
    target: Decimal | int | float | None = None,
    deduction: Decimal | int | float | None = None,
    lower_is_better: bool = False,
) -> Decimal | None:
    """The score a leaf earns with `value` under `method` (None: no value or no points)."""
    if value is None or points is None:
        return None
    p, v = _d(points), _d(value)
    if method == PASS_FAIL:
        if target is None:
            return _round(p) if v >= 1 else Decimal("0.00")
        t = _d(target)
        ok = v <= t if lower_is_better else v >= t
        return _round(p) if ok else Decimal("0.00")
    if method == GRADED:
        share = min(max(v, Decimal(0)), _HUNDRED)
        return _round(p * share / _HUNDRED)
    if method == RATE:
        t = _d(target) if target is not None else _HUNDRED
        if lower_is_better:
            if v <= t:
                return _round(p)
            if t >= _HUNDRED:
                return Decimal("0.00")
            return _round(p * max(_HUNDRED - v, Decimal(0)) / (_HUNDRED - t))
        if t <= 0:
            return _round(p)
        return _round(min(p, p * max(v, Decimal(0)) / t))
    if method == DEDUCTION:
        per = _d(deduction) if deduction is not None else Decimal(1)
        return _round(max(Decimal(0), p - max(v, Decimal(0)) * per))
    raise ValueError(f"unknown scoring method {method!r}")


def roll_up(child_scores: Iterable[Decimal | None], points: Decimal | int | float | None = None) -> Decimal | None:
    """A branch's score: the sum of its children's scores (those that have one), capped at its points; None when no
    child has a score."""
    known = [s for s in child_scores if s is not None]
    if not known:
        return None
    total = sum(known, Decimal(0))
    if points is not None:
        total = min(total, _d(points))
    return _round(total)


def overfull_branch(nodes: Iterable[object]) -> tuple[object, Decimal, Decimal] | None:
    """The first branch (depth first) whose children's points add up to more than its own points, with that sum and
    its points; None when every branch holds its children. Nodes have `.points` and `.children`."""
    for node in nodes:
        children = list(getattr(node, "children", []))
        own = getattr(node, "points", None)
        given = [getattr(c, "points", None) for c in children]
        if own is not None and children and any(p is not None for p in given):
            total = sum((_d(p) for p in given if p is not None), Decimal(0))
            if total > _d(own):
                return node, total, _d(own)
        found = overfull_branch(children)
        if found is not None:
            return found
    return None


def short_of_target(
    value: Decimal | int | float | None, target: Decimal | int | float | None, lower_is_better: bool = False
) -> bool:
    """A gap (短板): the value is worse than the leaf's target — below it, or above it where lower is better (纠错率,
    败诉率). No value or no target: no gap."""
    if value is None or target is None:
        return False
    v, t = _d(value), _d(target)
    return v > t if lower_is_better else v < t
