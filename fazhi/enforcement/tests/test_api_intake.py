"""The REST intake (an agency's own case system, API key per agency): one case per idempotency key, the same
refusals as the pages (naming the field, nothing saved), the caller's unit as the 执法主体."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.enforcement.models import Case

from .factories import CREDIT, body_with_staff

pytestmark = pytest.mark.django_db
ACTIONS = ["enforcement.view", "enforcement.case.record"]


def _payload(**kw):
    p = {
        "source_id": "SYS-0001",
        "number": "示市监罚〔2026〕7号",
        "matter_code": "CF-001",
        "filed_on": "2026-03-02",
        "party_kind": "organisation",
        "party_name": "示范市某某商贸有限公司",
        "party_credit_code": CREDIT,
        "officer_numbers": ["SJ-A", "SJ-B"],
        "decided_on": "2026-04-01",
        "decision": "fine",
        "amount": 3000,
    }
    p.update(kw)
    return p


@pytest.fixture
def market_key(city):
    body_with_staff(city["market"])
    return bearer(key_for(account_with(ACTIONS, unit=city["market"], scope="unit"))[1])


def _post(key, payload, **headers):
    return Client().post(
        "/api/v1/enforcement/cases/", json.dumps(payload), content_type="application/json", **key, **headers
    )


def test_a_case_is_recorded_once_per_key(market_key):
    first = _post(market_key, _payload())
    assert first.status_code == 201
    body = first.json()
    assert (body["number"], body["unit_code"], body["amount"], body["officers"]) == (
        "示市监罚〔2026〕7号",
        "C002",
        3000.0,
        ["SJ-A", "SJ-B"],
    )
    again = _post(market_key, _payload())
    assert (again.status_code, again.json()["id"]) == (200, body["id"])
    assert Case.objects.get().source == "api"
    changed = _post(market_key, _payload(amount=4000))
    assert changed.status_code == 422 and Case.objects.count() == 1


def test_refusals_name_the_field_and_save_nothing(market_key):
    r = _post(market_key, _payload(source_id="S2", officer_numbers=["SJ-EXPIRED"]))
    assert r.status_code == 400
    assert (r.json()["error"]["field"], r.json()["error"]["code"]) == ("officers", "enforcement.certificate")
    r = _post(market_key, _payload(source_id="S3", decided_on="2026-03-01"))
    assert r.json()["error"]["field"] == "decided_on"
    r = _post(market_key, _payload(source_id="S4", matter_code="NOPE"))
    assert r.json()["error"]["field"] == "matter"
    r = _post(market_key, _payload(source_id="S5", party_credit_code="91350100M000100Y44"))
    assert (r.json()["error"]["field"], r.json()["error"]["message"]) == (
        "party_credit_code",
        "统一社会信用代码校验位错误，请核对。",
    )
    assert Case.objects.count() == 0


def test_a_caller_whose_unit_is_no_body_is_refused(city):
    key = bearer(key_for(account_with(ACTIONS, unit=city["finance"], scope="unit"))[1])
    r = _post(key, _payload())
    assert r.status_code == 400 and "未登记为执法主体" in r.json()["error"]["message"]
