"""公开征求意见 through the API: a district key sees only the consultations its unit organises, the draft by article with
the minimum period, comments with names masked and no phone, the ledger with a cluster answered once; 404 for another
unit's consultation and for a key without the action; an unknown owner type is a 400 naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.consultations.models import Identity
from fazhi.consultations.services import adoption_record, comment_enter, comment_hide, comment_submit

from .factories import NEAR_DUPLICATES, consultation_opened

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(city, persona):
    staff = persona("office_staff")
    # opened Monday 2 November 2026; the 30 natural days end on Wednesday 2 December (the owner's rule)
    mine = consultation_opened(
        owner=city["market"], by=staff, opens_on=D(2026, 11, 2), closes_on=D(2026, 12, 2), identity=Identity.ANONYMOUS
    )
    other = consultation_opened(owner=city["finance"], by=staff, opens_on=D(2026, 11, 2), closes_on=D(2026, 12, 2))
    third = mine.articles.get(order=4)
    a = comment_submit(consultation=mine, text=NEAR_DUPLICATES[0], today=D(2026, 11, 5), article_id=third.pk)
    b = comment_submit(consultation=mine, text=NEAR_DUPLICATES[1], today=D(2026, 11, 6), article_id=third.pk)
    letter = comment_enter(
        consultation=mine,
        by=staff,
        text="希望增加公共充电桩的建设规划。",
        channel="letter",
        received_on=D(2026, 11, 9),
        name="欧阳娜娜",
        phone="13800001111",
    )
    spam = comment_submit(consultation=mine, text="广告：代办证件。", today=D(2026, 11, 10))
    comment_hide(comment=spam, reason="广告", by=staff)
    a.refresh_from_db()
    adoption_record(
        consultation=mine,
        by=staff,
        outcome="partly",
        reason="收费标准另行制定。",
        revision="删去“十元”。",
        cluster=a.cluster,
    )
    key = bearer(key_for(account_with(["consultations.view"], unit=city["market"], scope="unit"))[1])
    return {"mine": mine, "other": other, "third": third, "a": a, "b": b, "letter": letter, "key": key}


def test_a_unit_key_lists_only_its_own_consultations_and_filters_open_ones(setup):
    c, key, mine = Client(), setup["key"], setup["mine"]
    items = c.get("/api/v1/consultations/", **key).json()["items"]
    assert [(x["id"], x["state"], x["opens_on"], x["closes_on"], x["owner_type"]) for x in items] == [
        (mine.pk, "open", "2026-11-02", "2026-12-02", "orgs.unit")
    ]
    assert c.get("/api/v1/consultations/?state=closed", **key).json()["items"] == []
    assert [x["id"] for x in c.get("/api/v1/consultations/?state=open&owner=orgs.unit", **key).json()["items"]] == [
        mine.pk
    ]
    r = c.get("/api/v1/consultations/?owner=plans.plan", **key)
    assert r.status_code == 400
    assert r.json()["error"]["field"] == "owner"
    assert c.get(f"/api/v1/consultations/{setup['other'].pk}/", **key).status_code == 404


def test_the_detail_has_the_draft_the_minimum_period_and_the_figures(setup):
    d = Client().get(f"/api/v1/consultations/{setup['mine'].pk}/", **setup["key"]).json()
    assert [(a["order"], a["label"]) for a in d["articles"]] == [(1, ""), (2, "第一条"), (3, "第二条"), (4, "第三条")]
    assert d["minimum_close_on"] == "2026-12-02"
    f = d["figures"]
    # three visible comments (the hidden advert left out), two of them one cluster answered once (部分采纳)
    assert (f["comments"], f["commenters"], f["clusters"], f["clustered_comments"], f["hidden"]) == (3, 3, 1, 2, 1)
    assert (f["answered"], f["outcomes"]["partly"], f["adoption_rate"]) == (2, 2, 100.0)
    assert [(r["label"], r["comments"], r["answered"]) for r in f["per_article"] if r["comments"]] == [
        ("总体意见", 1, 0),
        ("第三条", 2, 2),
    ]


def test_comments_mask_names_and_never_show_phones(setup):
    body = Client().get(f"/api/v1/consultations/{setup['mine'].pk}/comments/", **setup["key"])
    items = body.json()["items"]
    assert [(x["number"], x["channel"], x["name"], x["cluster"]) for x in items] == [
        (1, "portal", "", 1),
        (2, "portal", "", 1),
        (3, "letter", "欧***", None),
    ]
    assert items[0]["answer"] == {
        "outcome": "partly",
        "outcome_label": "部分采纳",
        "reason": "收费标准另行制定。",
        "revision": "删去“十元”。",
    }
    assert items[2]["answer"] is None
    assert "13800001111" not in body.content.decode() and "phone" not in items[2]
    only_third = Client().get(
        f"/api/v1/consultations/{setup['mine'].pk}/comments/?article_id={setup['third'].pk}", **setup["key"]
    )
    assert [x["number"] for x in only_third.json()["items"]] == [1, 2]


def test_the_ledger_answers_a_cluster_once(setup):
    ledger = Client().get(f"/api/v1/consultations/{setup['mine'].pk}/ledger/", **setup["key"]).json()
    assert [(i["comments"], i["senders"], i["cluster"], i["article_label"]) for i in ledger["items"]] == [
        ([1, 2], 2, 1, "第三条"),
        ([3], 1, None, ""),
    ]
    assert [i["answer"]["outcome"] if i["answer"] else None for i in ledger["items"]] == ["partly", None]


def test_a_key_without_the_action_gets_the_same_404(setup, city):
    key = bearer(key_for(account_with(["decisions.view"], unit=city["market"], scope="unit"))[1])
    c = Client()
    for path in ("", "comments/", "ledger/"):
        r = c.get(f"/api/v1/consultations/{setup['mine'].pk}/{path}", **key)
        assert (r.status_code, r.json()["error"]["code"]) == (404, "not_found")
    assert c.get("/api/v1/consultations/", **key).status_code == 404
    assert Client().get("/api/v1/consultations/").status_code == 401
