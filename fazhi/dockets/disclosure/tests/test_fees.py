"""国办函〔2020〕109号 第六条 fee tables at every band edge (legal-rules.md §4.2)."""

from __future__ import annotations

import pytest

from fazhi.dockets.disclosure.fees import fee_compute, item_fee, page_fee


@pytest.mark.parametrize(
    ("n", "yuan"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_item_fee_bands(n, yuan):
    assert item_fee(n) == yuan


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [
        (0, 0),
        (30, 0),
        (31, 10),  # page 31 at 10
        (100, 700),  # 70 pages × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (250, 4700),  # 2700 + 50 × 40
    ],
)
def test_page_fee_bands(pages, yuan):
    assert page_fee(pages) == yuan


def test_methods_are_not_combined():
    assert fee_compute(method="page", pages=31, item_number=31).amount == 10
    assert fee_compute(method="item", pages=250, item_number=11).amount == 100
    with pytest.raises(ValueError):
        item_fee(0)
