"""行政执法 through the API: cases and bodies in the caller's scope, a person masked, flags on a case, 404 outside."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for

from .factories import body_with_staff, case_made

D = dt.date
pytestmark = pytest.mark.django_db


def test_cases_and_bodies_in_scope(city):
    market = body_with_staff(city["market"])["body"]
    finance = body_with_staff(city["finance"], prefix="CZ")["body"]
    mine = case_made(
        market,
        matter_code="CF-002",
        party_kind="person",
        party_name="张三丰",
        party_credit_code="",
        decided_on=D(2026, 4, 1),
        decision="licence",
        amount=100,
    )
    other = case_made(finance, number="F", officer_numbers=["CZ-A"])
    key = bearer(key_for(account_with(["enforcement.view"], unit=city["market"], scope="unit"))[1])
    c = Client()
    items = c.get("/api/v1/enforcement/cases/", **key).json()["items"]
    assert [(x["id"], x["party_name"], x["review_defect"], x["amount"]) for x in items] == [
        (mine.pk, "张**", True, 100.0)
    ]
    detail = c.get(f"/api/v1/enforcement/cases/{mine.pk}/", **key).json()
    assert detail["officers"] == ["SJ-A", "SJ-B"]
    assert (
        detail["flags"][0] == "须经法制审核的案件未见完成的法制审核即作出决定（《行政处罚法》（2021年修订）第五十八条）"
    )
    assert c.get(f"/api/v1/enforcement/cases/{other.pk}/", **key).status_code == 404
    bodies = c.get("/api/v1/enforcement/bodies/", **key).json()["items"]
    assert [b["unit_code"] for b in bodies] == ["C002"]
    problems = {o["certificate_number"]: o["problems"] for o in bodies[0]["officers"]}
    assert problems["SJ-A"] == []
    assert len(problems["SJ-EXPIRED"]) == 1


def test_without_the_action_the_api_answers_not_found(city):
    key = bearer(key_for(account_with(["decisions.view"], unit=city["market"], scope="unit"))[1])
    assert Client().get("/api/v1/enforcement/cases/", **key).status_code == 404
