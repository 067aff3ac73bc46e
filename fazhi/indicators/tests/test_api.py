"""Indicator sets through the API: the list and one set's scores as a flat tree; 404 without the action or for a
missing set; an unknown unit is a 400 naming the field. And the module's figures in the metric registry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.indicators.models import IndicatorNode, LeafResult
from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.services import indicator_node_update, indicator_set_import
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
TEXT = "一、依法决策（10分）\n1.规划任务销号率（6分）\n2.目录公布（4分）\n"


@pytest.fixture
def made(city, persona):
    office = persona("office_staff", "justice")
    s = indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="SFKH", name="示范考核", year=2026, owner=city["justice"]
    )
    leaf = IndicatorNode.objects.get(title="规划任务销号率")
    indicator_node_update(by=office, node=leaf, points=Decimal(6), method="rate", metric_key="plans.closed_rate")
    LeafResult.objects.create(node=IndicatorNode.objects.get(title="目录公布"), source="self", value=1, score=4)
    return s


def test_list_and_scores(made, city):
    key = bearer(key_for(account_with(["indicators.set.view"], unit=city["market"], scope="unit"))[1])
    c = Client()
    items = c.get("/api/v1/indicators/sets/", **key).json()["items"]
    assert items == [{"id": made.pk, "code": "SFKH", "name": "示范考核", "year": 2026, "edition": "", "owner": "C001"}]
    assert c.get("/api/v1/indicators/sets/?year=2025", **key).json()["items"] == []
    d = c.get(f"/api/v1/indicators/sets/{made.pk}/scores/", **key).json()
    assert (d["unit"], d["total"]) == ("", 4.0)
    assert [(n["depth"], n["title"], n["points"], n["is_leaf"], n["score"], n["source"]) for n in d["nodes"]] == [
        (1, "依法决策", 10.0, False, 4.0, None),
        (2, "规划任务销号率", 6.0, True, None, None),
        (2, "目录公布", 4.0, True, 4.0, "self"),
    ]
    assert d["nodes"][1]["parent_id"] == d["nodes"][0]["id"] and d["nodes"][1]["metric_key"] == "plans.closed_rate"
    r = c.get(f"/api/v1/indicators/sets/{made.pk}/scores/?unit=NOPE", **key)
    assert r.status_code == 400 and r.json()["error"]["field"] == "unit"
    assert c.get("/api/v1/indicators/sets/999999/scores/", **key).status_code == 404
    other = bearer(key_for(account_with(["consultations.view"], unit=city["market"], scope="unit"))[1])
    assert c.get("/api/v1/indicators/sets/", **other).status_code == 404


def test_the_module_figures(made, city):
    assert metric_value("indicators.leaves", period=2026)["value"] == 2
    assert metric_value("indicators.leaves_computed", period=2026, records=True)["records"] == [
        IndicatorNode.objects.get(title="规划任务销号率").pk
    ]
    assert metric_value("indicators.computed_share", period=2026)["value"] == 50.0
    assert metric_value("indicators.leaves", period=2026, unit=city["market"])["value"] == 0
