"""units_resolve: a name as written in a document → the unit or unit group it stands for."""

from __future__ import annotations

import pytest

from fazhi.orgs.selectors import units_resolve
from fazhi.orgs.services import unit_alias_add, unit_group_save
from fazhi.orgs.tests.factories import UnitFactory


@pytest.fixture
def court(db):
    unit = UnitFactory(code="F000", name="示范市中级人民法院", short_name="市中级人民法院")
    unit_alias_add(by="test", unit=unit, alias="市中院")
    unit_alias_add(by="test", unit=unit, alias="市中法")
    return unit


def test_resolves_a_unit_by_its_full_name(court):
    assert units_resolve("示范市中级人民法院").unit == court


def test_resolves_a_unit_by_its_short_name(court):
    assert units_resolve("市中级人民法院").unit == court


@pytest.mark.parametrize("alias", ["市中院", "市中法", " 市中院　"])
def test_resolves_a_unit_by_any_alias(court, alias):
    assert units_resolve(alias).unit == court


def test_an_unknown_name_resolves_to_nothing(court):
    resolution = units_resolve("市中级法院分院")
    assert not resolution.found
    assert resolution.units == []


def test_an_inactive_unit_no_longer_resolves(court):
    court.is_active = False
    court.save(update_fields=["is_active"])
    assert not units_resolve("市中院").found


@pytest.mark.parametrize("written", ["市(区)直各单位", "市（区）直各单位", "市(区）直各单位"])
def test_resolves_a_group_with_half_or_full_width_brackets(city, written):
    # given the group 市(区)直各单位 with two members, saved with its full-width spelling as an alias
    group = unit_group_save(
        by="test",
        group=None,
        code="G02",
        name="市(区)直各单位",
        aliases=["市（区）直各单位"],
        members=[city["justice"], city["district_market"]],
    )
    # when a document writes it with either kind of bracket
    resolution = units_resolve(written)
    # then it is the group, standing for its members in tree order
    assert resolution.group == group
    assert resolution.unit is None
    assert resolution.units == [city["justice"], city["district_market"]]


def test_resolves_a_group_by_one_of_its_other_spellings(city):
    group = unit_group_save(
        by="test", group=None, code="G04", name="各区人民政府", aliases=["各区政府"], members=[city["district"]]
    )
    assert units_resolve("各区政府").group == group
