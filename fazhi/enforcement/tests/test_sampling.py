"""案卷评查 sampling: reproducible for a seed, stratified by body in proportion (largest remainder, one at least)."""

from __future__ import annotations

from fazhi.enforcement.sampling import allocation, sample_stratified


def test_allocation_is_proportional_with_one_at_least():
    # 20 of 500 files: one each, then 17 by the remaining 299 : 149 : 49 → 10.23, 5.10, 1.68 → 10, 5, 1 + 1 (largest
    # remainder, body 3)
    assert allocation({1: 300, 2: 150, 3: 50}, 20) == {1: 11, 2: 6, 3: 3}
    assert allocation({1: 5, 2: 3}, 3) == {1: 2, 2: 1}
    assert allocation({1: 10, 2: 1, 3: 1}, 2) == {1: 1, 2: 1, 3: 0}  # fewer than bodies: the largest, ties by id
    assert allocation({1: 2, 2: 0}, 5) == {1: 2, 2: 0}  # never more than there are


def test_the_sample_is_reproducible_and_independent_of_order():
    strata = {1: list(range(1, 11)), 2: list(range(11, 16))}
    a = sample_stratified(strata, 4, "2026-评查")
    assert a == {1: [4, 7], 2: [13, 15]}
    assert sample_stratified({2: [15, 14, 13, 12, 11], 1: list(range(10, 0, -1))}, 4, "2026-评查") == a
    assert sample_stratified(strata, 4, "另一个种子") != a


def test_a_sample_of_20_from_500_across_three_bodies():
    strata = {1: list(range(1, 301)), 2: list(range(301, 451)), 3: list(range(451, 501))}
    s = sample_stratified(strata, 20, "seed")
    assert {k: len(v) for k, v in s.items()} == {1: 11, 2: 6, 3: 3}
    assert all(set(v) <= set(strata[k]) for k, v in s.items())
