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


def test_inspections_and_campaigns_in_scope(city, builtin_roles):
    from fazhi.enforcement.services import (
        campaign_create,
        campaign_sample,
        defect_record,
        file_score,
        inspection_record,
        matter_save,
    )
    from fazhi.orgs.tests.factories import UserFactory

    market = body_with_staff(city["market"])["body"]
    for i in range(3):
        case_made(market, number=f"C{i}", filed_on=D(2026, 3, 2 + i))
    matter_save(by="t", body=market, code="JC-1", name="检查", kind="inspection", basis="b", published_on=D(2026, 1, 1))
    insp = inspection_record(
        by="t",
        body=market,
        on=D(2026, 3, 3),
        matter_code="JC-1",
        enterprise_code="91350100M000100Y43",
        enterprise_name="某公司",
        officer_numbers=["SJ-A", "SJ-B"],
    )
    role = builtin_roles["office_staff"]
    lead, r1, r2 = (UserFactory(username=n, unit=city["justice"], roles=[role]) for n in ("l", "a", "b"))
    camp = campaign_create(
        by=lead,
        title="评查",
        organizer=city["justice"],
        bodies=[market],
        period_from=D(2026, 1, 1),
        period_to=D(2026, 12, 31),
        sample_size=2,
        lead=lead,
        reviewers=[r1, r2],
        seed="api",
    )
    f = campaign_sample(by=lead, campaign=camp)[0]
    items = {i["code"]: i["points"] for i in camp.sheet} | {"evidence": 0, "archive": 0, "procedure": 10}
    file_score(by=r1 if f.reviewer_a_id == r1.pk else r2, file=f, items=items)
    file_score(by=r2 if f.reviewer_a_id == r1.pk else r1, file=f, items=items)
    defect_record(by=lead, file=f, item_code="evidence", text="缺少笔录")
    c = Client()
    key = bearer(key_for(account_with(["enforcement.view"], unit=city["market"], scope="unit"))[1])
    rows = c.get("/api/v1/enforcement/inspections/", **key).json()["items"]
    assert [(x["id"], x["officers"], x["confirm_state"]) for x in rows] == [(insp.pk, ["SJ-A", "SJ-B"], "pending")]
    assert "confirm_code" not in rows[0]
    assert c.get("/api/v1/enforcement/campaigns/", **key).status_code == 404  # no enforcement.review.view
    office = bearer(key_for(account_with(["enforcement.review.view"], unit=city["justice"], scope="unit"))[1])
    assert [x["seed"] for x in c.get("/api/v1/enforcement/campaigns/", **office).json()["items"]] == ["api"]
    d = c.get(f"/api/v1/enforcement/campaigns/{camp.pk}/", **office).json()
    graded = [x for x in d["files"] if x["state"] == "graded"]
    assert [(x["total"], x["grade"], [y["text"] for y in x["defects"]]) for x in graded] == [(70, "fail", ["缺少笔录"])]
    assert d["results"] == [
        {
            "body_id": market.pk,
            "unit_code": "C002",
            "sampled": 2,
            "graded": 1,
            "excellent": 0,
            "passed": 0,
            "failed": 1,
            "pass_rate": 0.0,
            "defects": 1,
            "defects_open": 1,
        }
    ]


def test_complaints_and_checks_in_scope(city):
    from fazhi.enforcement.services import check_finding_record, check_record, complaint_receive

    market = body_with_staff(city["market"])["body"]
    finance = body_with_staff(city["finance"], prefix="CZ")["body"]
    mine = complaint_receive(
        by=None,
        body=market,
        channel="portal",
        name="刘某某",
        phone="13900001111",
        subject="未出示证件",
        content="检查时未出示执法证件。",
        received_on=D(2026, 6, 1),
    )
    complaint_receive(by=None, body=finance, channel="entry", name="王某", phone="", subject="x", content="y")
    k = check_record(
        by="t", organizer=city["justice"], body=market, checked_on=D(2026, 6, 1), items=["公示"], inspectors="王某"
    )
    f = check_finding_record(by="t", check=k, text="未按时公示。", item="公示")
    key = bearer(key_for(account_with(["enforcement.supervise"], unit=city["market"], scope="unit"))[1])
    c = Client()
    items = c.get("/api/v1/enforcement/complaints/", **key).json()["items"]
    assert [(x["id"], x["number"], x["complainant"], x["due_on"]) for x in items] == [
        (mine.pk, "执法投诉〔2026〕1号", "刘**", "2026-07-31")
    ]
    assert "13900001111" not in c.get(f"/api/v1/enforcement/complaints/{mine.pk}/", **key).content.decode()
    viewer = bearer(key_for(account_with(["enforcement.view"], unit=city["market"], scope="unit"))[1])
    assert c.get("/api/v1/enforcement/complaints/", **viewer).status_code == 404
    checks = c.get("/api/v1/enforcement/checks/", **viewer).json()["items"]
    assert [(x["id"], x["items"], [g["id"] for g in x["findings"]]) for x in checks] == [(k.pk, ["公示"], [f.pk])]
    assert checks[0]["findings"][0]["supervision_item_id"] == f.supervision_item_id
