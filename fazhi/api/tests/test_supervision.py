"""Supervisable items through the API: the unit's scope (as the unit board), the boards' filters, cursor paging, one
item with its timeline (催办 text included), the office board's counts; 404 for another unit's item and for a key
without the action; an unknown source kind is a 400 naming `kind`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.deadlines.selectors import today_local
from fazhi.supervision.services import item_raise, item_urge

pytestmark = pytest.mark.django_db
KIND = "litigation.rectification"


@pytest.fixture
def items(city, persona):
    office = persona("office_staff")
    today = today_local()

    def raise_(unit, n, days):
        return item_raise(
            source=city[unit],
            kind=KIND,
            unit=city[unit],
            reason=f"整改{unit}{n}",
            due=today + dt.timedelta(days=days),
            dedupe_key=f"test.api.{unit}.{n}",
            by=office,
        )

    made = {"m1": raise_("market", 1, 60), "m2": raise_("market", 2, 2), "f1": raise_("finance", 1, 60)}
    item_urge(item=made["m2"], by=office, message="请于本周内报送整改方案")
    return made


def test_the_unit_sees_its_items_with_the_boards_filters_and_cursor_paging(city, items):
    key = bearer(key_for(account_with(["supervision.item.view"], unit=city["market"], scope="unit"))[1])
    c = Client()
    body = c.get("/api/v1/supervision/items/", **key).json()
    assert [(i["title"], i["light"], i["unit_id"]) for i in body["items"]] == [
        ("整改market2", "due_soon", city["market"].pk),
        ("整改market1", "running", city["market"].pk),
    ]
    assert body["next_cursor"] is None
    urgent = c.get("/api/v1/supervision/items/?ordering=urgent&limit=1", **key).json()
    assert [i["title"] for i in urgent["items"]] == ["整改market2"]
    rest = c.get(f"/api/v1/supervision/items/?ordering=urgent&limit=1&cursor={urgent['next_cursor']}", **key).json()
    assert ([i["title"] for i in rest["items"]], rest["next_cursor"]) == (["整改market1"], None)
    q = "/api/v1/supervision/items/?light=running&state=open&kind=" + KIND + f"&unit={city['market'].pk}"
    assert [i["title"] for i in c.get(q, **key).json()["items"]] == ["整改market1"]
    assert c.get(f"/api/v1/supervision/items/?unit={city['finance'].pk}", **key).json()["items"] == []
    bad = c.get("/api/v1/supervision/items/?kind=nope", **key)
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "kind"
    assert c.get(f"/api/v1/supervision/items/{items['f1'].pk}/", **key).status_code == 404


def test_one_item_with_its_timeline(city, items):
    key = bearer(key_for(account_with(["supervision.item.view"], unit=city["market"], scope="unit"))[1])
    d = Client().get(f"/api/v1/supervision/items/{items['m2'].pk}/", **key).json()
    assert (d["title"], d["state"], d["state_label"], d["light_label"], d["reports"], d["extensions"]) == (
        "整改market2",
        "open",
        "办理中",
        "临期",
        [],
        [],
    )
    assert [(e["action"], e["label"], e["text"]) for e in d["timeline"]] == [
        ("supervision.item.raised", "生成督办事项", ""),
        ("supervision.item.urged", "催办", "请于本周内报送整改方案"),
    ]


def test_a_key_without_the_action_gets_404_and_the_office_board_counts(city, items):
    c = Client()
    none = bearer(key_for(account_with(["decisions.view"], unit=city["market"], scope="unit"))[1])
    assert c.get("/api/v1/supervision/items/", **none).status_code == 404
    assert c.get(f"/api/v1/supervision/items/{items['m1'].pk}/", **none).status_code == 404
    assert c.get("/api/v1/supervision/board/", **none).status_code == 404
    office = bearer(key_for(account_with(["supervision.board.office"], unit=city["justice"], scope="all"))[1])
    b = c.get("/api/v1/supervision/board/", **office).json()
    assert {r["unit_id"]: (r["total"], r["by_light"]) for r in b["rows"]} == {
        city["market"].pk: (2, {"running": 1, "due_soon": 1}),
        city["finance"].pk: (1, {"running": 1}),
    }
    assert (b["kinds"], b["totals"]["total"]) == ([{"kind": KIND, "label": "败诉整改"}], 3)
