"""四张清单 and 裁量基准 (《行政处罚法》（2021年修订）第三十二条至第三十四条): items per body and year, tiers as data,
a penalty outside its tier's range flagged (both ends inside)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.enforcement.selectors import case_flags
from fazhi.enforcement.services import list_item_save, tier_save
from fazhi.metrics.selectors import metric_value

from .factories import body_with_staff, case_made

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(city):
    s = body_with_staff(city["market"])
    fine = s["matters"]["fine"]
    for tier, lo, hi in (("lighter", 1000, 5000), ("ordinary", 5000, 20000), ("heavier", 20000, 50000)):
        tier_save(
            by="test", matter=fine, tier=tier, conditions=f"{tier}情形", amount_min=Decimal(lo), amount_max=Decimal(hi)
        )
    return s


@pytest.mark.parametrize(("amount", "defect"), [(1000, False), (5000, False), (999, True), (5001, True)])
def test_the_lighter_tier_range_includes_both_ends(staff, amount, defect):
    case = case_made(staff["body"], decided_on=D(2026, 4, 1), decision="fine", amount=amount, tier="lighter")
    assert case.tier_defect is defect


def test_an_amount_outside_its_tier_is_flagged_with_the_range(staff):
    case = case_made(
        staff["body"],
        decided_on=D(2026, 4, 1),
        decision="fine",
        amount=8000,
        tier="lighter",
        published_on=D(2026, 4, 2),
    )
    assert case_flags(case, today=D(2026, 4, 3)) == [
        "罚没金额8000元不在裁量基准“从轻”档1000–5000元范围内（《行政处罚法》（2021年修订）第三十四条）"
    ]
    assert metric_value("enforcement.tier_defects", period=2026)["value"] == 1


def test_a_tier_the_matter_does_not_have_is_refused(staff):
    with pytest.raises(DomainError) as exc:
        case_made(
            staff["body"],
            matter_code="QZ-001",
            amount=100,
            decided_on=D(2026, 4, 1),
            decision="coercive",
            tier="lighter",
        )
    assert (exc.value.field, exc.value.message) == ("tier", "执法事项“QZ-001”的裁量基准没有该裁量阶次。")


def test_a_tier_range_must_be_ordered_and_saving_again_replaces_it(staff):
    fine = staff["matters"]["fine"]
    with pytest.raises(DomainError) as exc:
        tier_save(by="test", matter=fine, tier="lighter", conditions="x", amount_min=Decimal(10), amount_max=Decimal(5))
    assert exc.value.field == "amount_max"
    t = tier_save(
        by="test", matter=fine, tier="lighter", conditions="首次违法", amount_min=Decimal(0), amount_max=Decimal(3000)
    )
    assert (fine.tiers.count(), str(t.amount_max), t.conditions) == (3, "3000", "首次违法")


def test_list_items_per_year_default_to_their_article(staff):
    item = list_item_save(
        by="test",
        body=staff["body"],
        year=2026,
        kind="no_penalty",
        matter=staff["matters"]["fine"],
        conditions="首违轻微并及时改正",
    )
    assert item.basis == "《行政处罚法》（2021年修订）第三十三条"
    coercion = list_item_save(
        by="test",
        body=staff["body"],
        year=2026,
        kind="no_coercion",
        matter=staff["matters"]["seal"],
        conditions="违法行为情节显著轻微",
    )
    assert coercion.basis == "《行政强制法》第十六条第二款"


def test_a_list_item_of_another_bodys_matter_is_refused(staff, city):
    other = body_with_staff(city["finance"], prefix="CZ")
    with pytest.raises(DomainError) as exc:
        list_item_save(
            by="test", body=staff["body"], year=2026, kind="lighter", matter=other["matters"]["fine"], conditions="x"
        )
    assert exc.value.field == "matter"
