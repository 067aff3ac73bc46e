"""A court's or an agency's system registers lawsuits through the API: the page's registration service (15-day
defence clock), idempotent on the client's key or source id, 404 without the register action."""

import json

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.cases.models import Case
from fazhi.deadlines.models import Clock

URL = "/api/v1/litigation/cases/"
REGISTER = ["cases.case.view", "litigation.case.view", "litigation.case.register"]
BODY = {
    "court": "示范市东城区人民法院",
    "court_case_number": "（2025）示0101行初7号",
    "cause": "不服行政处罚决定",
    "instance": "first",
    "served_on": "2025-03-03",
    "plaintiff": {"name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"},
}


def post(body, key, **headers):
    return Client().post(URL, json.dumps(body, ensure_ascii=False), content_type="application/json", **key, **headers)


@pytest.mark.django_db
def test_a_lawsuit_is_registered_with_its_defence_clock_and_a_retry_returns_it(city):
    _k, full = key_for(account_with(REGISTER, unit=city["justice"]))
    key = bearer(full)
    body = {**BODY, "defendant_unit_id": city["market"].pk, "source_id": "COURT-7"}
    first = post(body, key)
    again = post(body, key)
    assert (first.status_code, again.status_code) == (201, 200)
    data = first.json()
    assert again.json()["id"] == data["id"] and Case.objects.count() == 1
    assert data["docket_data"]["defence_due"] == "2025-03-18"  # 行政诉讼法 Art. 67: 15 days from the copy
    assert data["respondent_unit"] == "示范市市场监督管理局" and data["handling_unit_id"] == city["justice"].pk
    assert Clock.objects.filter(key="defense").count() == 1


@pytest.mark.django_db
def test_without_a_key_the_same_court_number_is_refused_naming_it(city):
    _k, full = key_for(account_with(REGISTER, unit=city["justice"]))
    key = bearer(full)
    assert post({**BODY, "defendant_name": "示范市某局"}, key).status_code == 201
    resp = post({**BODY, "defendant_name": "示范市某局"}, key)
    assert resp.status_code == 400
    assert resp.json()["error"] == {
        "code": "invalid",
        "message": "法院案号“（2025）示0101行初7号”已登记。",
        "field": "court_case_number",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"instance": "fourth"}, "instance"),
        ({"served_on": "2999-01-01"}, "served_on"),
        ({"served_on": "yesterday"}, "served_on"),
        ({"plaintiff": {"name": "张三", "id_number": "110105194912310021"}}, "plaintiff.id_number"),
        ({"defendant_unit_id": "x"}, "defendant_unit_id"),
        ({"court": ""}, "court"),
    ],
)
def test_bad_input_names_the_field_and_registers_nothing(city, change, field):
    _k, full = key_for(account_with(REGISTER, unit=city["justice"]))
    resp = post({**BODY, "defendant_name": "示范市某局", **change}, bearer(full))
    assert resp.status_code == 400 and resp.json()["error"]["field"] == field
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_a_key_that_may_only_read_gets_404_and_registers_nothing(city):
    _k, full = key_for(account_with(["cases.case.view", "litigation.case.view"], unit=city["justice"]))
    resp = post({**BODY, "defendant_name": "示范市某局"}, bearer(full))
    assert resp.json() == {"error": {"code": "not_found", "message": "资源不存在。", "field": None}}
    assert Case.objects.count() == 0
