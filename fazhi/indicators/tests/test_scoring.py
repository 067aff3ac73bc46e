"""Scoring methods at their edges and roll-up (issue 23 §2): pure arithmetic, exact values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.scoring import leaf_score, overfull_branch, roll_up

D = Decimal


@pytest.mark.parametrize(
    ("value", "target", "lower", "expected"),
    [
        (1, None, False, D("5.00")),  # 达标
        (0, None, False, D("0.00")),  # 不达标
        (D("0.99"), None, False, D("0.00")),
        (100, 100, False, D("5.00")),  # a rate exactly at its target
        (D("99.99"), 100, False, D("0.00")),
        (15, 15, True, D("5.00")),  # 纠错率 at the ceiling
        (D("15.01"), 15, True, D("0.00")),
    ],
)
def test_pass_fail(value, target, lower, expected) -> None:
    assert leaf_score(method="pass_fail", points=5, value=value, target=target, lower_is_better=lower) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(100, D("8.00")), (80, D("6.40")), (0, D("0.00")), (120, D("8.00")), (-5, D("0.00"))]
)
def test_graded_is_a_share_of_the_points_clamped(value, expected) -> None:
    assert leaf_score(method="graded", points=8, value=value) == expected


@pytest.mark.parametrize(
    ("value", "target", "lower", "expected"),
    [
        (100, None, False, D("10.00")),
        (D("87.5"), None, False, D("8.75")),
        (90, 90, False, D("10.00")),  # at the target: full
        (95, 90, False, D("10.00")),  # above: capped
        (45, 90, False, D("5.00")),
        (0, 90, False, D("0.00")),
        (10, 15, True, D("10.00")),  # 纠错率 below the ceiling: full
        (15, 15, True, D("10.00")),
        (D("57.5"), 15, True, D("5.00")),  # (100−57.5)/(100−15) = 0.5
        (100, 15, True, D("0.00")),
        (1, 100, True, D("10.00")),
        (D("100.01"), 100, True, D("0.00")),
    ],
)
def test_rate(value, target, lower, expected) -> None:
    assert leaf_score(method="rate", points=10, value=value, target=target, lower_is_better=lower) == expected


@pytest.mark.parametrize(
    ("defects", "per", "expected"),
    [
        (0, D("0.5"), D("3.00")),
        (1, D("0.5"), D("2.50")),
        (6, D("0.5"), D("0.00")),
        (7, D("0.5"), D("0.00")),
        (2, None, D("1.00")),
    ],
)
def test_deduction_never_below_zero(defects, per, expected) -> None:
    assert leaf_score(method="deduction", points=3, value=defects, deduction=per) == expected


def test_no_value_or_no_points_is_no_score_and_rounding_is_half_up() -> None:
    assert leaf_score(method="rate", points=10, value=None) is None
    assert leaf_score(method="rate", points=None, value=50) is None
    assert leaf_score(method="rate", points=3, value=D("33.35")) == D("1.00")  # 1.0005 → 1.00
    assert leaf_score(method="graded", points=1, value=D("12.5")) == D("0.13")  # 0.125 → 0.13 (half up)
    with pytest.raises(ValueError):
        leaf_score(method="guess", points=1, value=1)


def test_roll_up_sums_known_scores_capped_at_the_points() -> None:
    assert roll_up([D("2.5"), None, D(3)], 10) == D("5.50")
    assert roll_up([D(6), D(6)], 10) == D("10.00")
    assert roll_up([None, None], 10) is None
    assert roll_up([D(1), D(2)]) == D("3.00")


def test_the_first_overfull_branch_is_found_depth_first() -> None:
    nodes = parse_indicator_text(
        "一、甲（10分）\n（一）子（4分）\n1.孙（3分）\n2.孙二（2分）\n（二）子二（5分）\n二、乙（5分）\n"
    )
    node, total, own = overfull_branch(nodes)  # type: ignore[misc]
    assert (node.title, total, own) == ("子", D(5), D(4))
    assert overfull_branch(parse_indicator_text("一、甲（10分）\n1.子（4分）\n2.子二（6分）\n3.子三\n")) is None
