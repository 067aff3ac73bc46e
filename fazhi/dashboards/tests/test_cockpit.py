"""The cockpit (一屏观全城): who sees it, what each tile says (the registry's values for the viewer's scope), that each
tile links to the records behind it, and that the JSON the page polls is kept in the pages cache under the stamps."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from fazhi.cases.services import case_create
from fazhi.dashboards.selectors import cockpit_compute, cockpit_kept
from fazhi.metrics.selectors import metric_value

NOW = dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC)


def _order(city, category, received):
    return case_create(
        docket="hotline",
        handling_unit=city["justice"],
        received_on=received,
        by=None,
        extra={"type": "complaint", "category": category},
    )


@pytest.fixture
def orders(city):
    with time_machine.travel(NOW, tick=False):
        return [
            _order(city, "housing", dt.date(2026, 2, 1)),
            _order(city, "housing", dt.date(2026, 3, 1)),
            _order(city, "traffic", dt.date(2026, 4, 1)),
            _order(city, "traffic", dt.date(2025, 4, 1)),
        ]


def tiles(data):
    return {t["key"]: t for t in data["tiles"]}


def test_leaders_and_the_office_see_it_others_get_404(persona, login_client):
    with time_machine.travel(NOW, tick=False):
        for role in ("leader", "office_staff", "office_head"):
            c = login_client(persona(role, "gov"))
            page = c.get("/dashboards/")
            assert page.status_code == 200, role
            assert "一屏观全城" in page.content.decode()
            assert c.get("/dashboards/cockpit.json").status_code == 200
        c = login_client(persona("dept_liaison", "market"))
        assert c.get("/dashboards/").status_code == 404
        assert c.get("/dashboards/cockpit.json").status_code == 404


def test_hot_topics_tile_counts_this_years_orders_by_category_and_drills_to_them(orders, persona):
    leader = persona("leader", "gov")
    with time_machine.travel(NOW, tick=False):
        t = tiles(cockpit_compute(leader))["hotline_topics"]
        got = metric_value("hotline.topics", period=2026, category="traffic", records=True)
    assert t["value"] == 3
    assert [(i["label"], i["value"]) for i in t["items"]] == [("住房保障与物业", 2), ("交通出行", 1)]
    assert t["items"][1]["url"] == "/metrics/hotline.topics/?year=2026&category=traffic"
    assert (got["value"], got["records"]) == (1, [orders[2].pk])


def test_case_tiles_are_the_kernels_figures_for_the_viewer(orders, persona):
    leader = persona("leader", "gov")
    with time_machine.travel(NOW, tick=False):
        t = tiles(cockpit_compute(leader))
    assert t["cases_received"]["value"] == 3
    assert t["cases_open"]["value"] == 4
    assert t["cases_overdue"]["value"] == 0
    assert t["cases_open"]["url"] == "/metrics/cases.open/?year=2026"
    hotline = [i for i in t["cases_open"]["items"] if i["code"] == "hotline"]
    assert hotline == [
        {
            "code": "hotline",
            "label": "12345热线工单",
            "value": 4,
            "url": "/metrics/cases.open/?year=2026&docket=hotline",
        }
    ]
    assert t["cases_open_by_unit"]["items"][0]["url"] == "/metrics/cases.open/?year=2026&unit=C001"
    assert t["supervision_lights"]["items"][0]["url"].startswith("/supervision/office/items/?light=")
    assert t["plans_progress"]["value"] is None  # no plan shares this year: no rate


def test_a_drill_down_opens_the_records_behind_the_tile(orders, persona, login_client):
    leader = persona("leader", "gov")
    with time_machine.travel(NOW, tick=False):
        url = tiles(cockpit_compute(leader))["cases_open"]["items"][0]["url"]
        page = login_client(leader).get(url).content.decode()
    assert "在办案件" in page
    for o in orders:
        assert o.case_number in page


def test_the_json_is_kept_until_a_case_is_written(orders, persona, login_client, pages_cache, city):
    leader = persona("leader", "gov")
    c = login_client(leader)
    with time_machine.travel(NOW, tick=False):
        first = c.get("/dashboards/cockpit.json").json()
        assert tiles(first)["cases_received"]["value"] == 3
        assert any(k.startswith(":1:dashboards:cockpit:") for k in pages_cache._cache)
        _order(city, "heating", dt.date(2026, 6, 9))  # a write rewrites the hotline docket's stamp
        again = c.get("/dashboards/cockpit.json").json()
    assert tiles(again)["cases_received"]["value"] == 4
    assert tiles(again)["hotline_topics"]["value"] == 4


def test_a_user_without_stamps_is_computed_afresh(orders, persona):
    leader = persona("leader", "gov")
    with time_machine.travel(NOW, tick=False):
        assert tiles(cockpit_kept(leader))["cases_received"]["value"] == 3


def test_the_wall_carries_the_district_map_and_the_json_leaves_out_its_outlines(orders, persona, login_client):
    leader = persona("leader", "gov")
    c = login_client(leader)
    with time_machine.travel(NOW, tick=False):
        page = c.get("/dashboards/?wall=1").content.decode()
        data = c.get("/dashboards/cockpit.json").json()
    assert 'id="tile-district_map"' in page and "cockpit-wall" in page and "<path d=" in page
    assert data["map"]["metric"] == {"key": "cases.open", "label": "在办案件", "unit": "件"}
    assert all("d" not in s for s in data["map"]["shapes"])
    assert [s["code"] for s in data["map"]["shapes"]] == ["D400", "D200", "D100", "D300"]
    assert data["map"]["url"] == "/dashboards/leader/?metric=cases.open"
