"""Units kept per process under the grants stamp (orgs/unit_cache.py), and the scope rule that never loads a unit."""

from __future__ import annotations

import pytest

from fazhi.orgs.backends import user_load
from fazhi.orgs.models import Unit
from fazhi.orgs.rules import in_scope
from fazhi.orgs.services import unit_update
from fazhi.orgs.unit_cache import unit_id_for_code, unit_kept

pytestmark = pytest.mark.django_db


def test_units_are_kept_under_the_stamp_and_a_rename_shows_at_once(city, persona, django_assert_num_queries):
    user = user_load(persona("office_staff").pk)
    market = city["market"]
    first = unit_kept(market.pk, user.grants_stamp)
    assert first.name == "示范市市场监督管理局" and unit_id_for_code("C002", user.grants_stamp) == market.pk
    with django_assert_num_queries(0):
        again = unit_kept(market.pk, user.grants_stamp)
    again.name = "改了也不影响别人"
    assert unit_kept(market.pk, user.grants_stamp).name == "示范市市场监督管理局"  # callers get copies
    unit_update(by=None, unit=market, expected_version=market.version, parent=city["gov"], name="示范市市场监管局")
    fresh = user_load(user.pk)
    assert fresh.grants_stamp != user.grants_stamp
    assert unit_kept(market.pk, fresh.grants_stamp).name == "示范市市场监管局"
    assert unit_kept(None, fresh.grants_stamp) is None and unit_kept(market.pk, None) is None
    assert unit_id_for_code("NOPE", fresh.grants_stamp) is None and unit_id_for_code("C002", None) == market.pk


def test_the_scope_rule_compares_ids_without_loading_the_unit(city, persona, django_assert_num_queries):
    from fazhi.orgs.scopes import grants_for

    class Row:
        def __init__(self, unit_id):
            self.unit_id = unit_id

        @property
        def unit(self):  # loading the unit would be a query; the rule must not touch it
            raise AssertionError("the unit was loaded")

    liaison = persona("dept_liaison", "market")  # 本单位 scope
    user = user_load(liaison.pk)
    rule = in_scope("unit")
    assert grants_for(user).unit_ids == frozenset({city["market"].pk})
    with django_assert_num_queries(0):
        allowed = [rule.allows(user, Row(city[u].pk)) for u in ("market", "justice", "district_market")]
    assert allowed == [True, False, False]
    assert Unit.objects.count() == 6
