"""The 12345 platform pushes work orders through the API (issue #18): the page's registration service and checks, one
record per 工单编号 however often it is sent, a refusal naming the field that writes nothing, 404 without the action."""

import json

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.cases.models import Case

URL = "/api/v1/hotline/orders/"
REGISTER = ["cases.case.view", "hotline.case.view", "hotline.case.register"]
BODY = {
    "source_id": "GD20250303001",
    "received_on": "2025-03-03",
    "type": "complaint",
    "category": "heating",
    "content": "小区暖气不热",
    "area": "东城区",
    "caller": {"name": "张三", "phone": "13812345678"},
}


def post(body, key, **headers):
    return Client().post(URL, json.dumps(body, ensure_ascii=False), content_type="application/json", **key, **headers)


@pytest.fixture
def key(city):
    _k, full = key_for(account_with(REGISTER, unit=city["gov"]))
    return bearer(full)


@pytest.mark.django_db
def test_an_order_is_received_once_however_often_it_is_pushed(city, key):
    first, again = post(BODY, key), post(BODY, key)
    assert (first.status_code, again.status_code) == (201, 200)
    data = first.json()
    assert again.json()["id"] == data["id"] and Case.objects.filter(docket="hotline").count() == 1
    assert data["docket"] == "hotline" and data["handling_unit_id"] == city["gov"].pk
    assert (data["docket_data"]["source"], data["docket_data"]["source_id"]) == ("12345", "GD20250303001")
    assert data["docket_data"]["category"] == "heating" and data["received_on"] == "2025-03-03"
    case = Case.objects.get(pk=data["id"])
    assert case.parties.get().role == "applicant" and case.title == "小区暖气不热"
    # the same 工单编号 from another source system is another order
    other = post({**BODY, "source": "市长信箱"}, key)
    assert other.status_code == 201 and Case.objects.filter(docket="hotline").count() == 2


@pytest.mark.django_db
def test_an_idempotency_key_reused_for_another_body_is_refused(key):
    assert post(BODY, key, HTTP_IDEMPOTENCY_KEY="k-1").status_code == 201
    resp = post({**BODY, "source_id": "GD2"}, key, HTTP_IDEMPOTENCY_KEY="k-1")
    assert resp.status_code == 422 and resp.json()["error"]["field"] == "Idempotency-Key"
    assert Case.objects.filter(docket="hotline").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"category": "nope"}, "category", "未知的诉求分类“nope”。"),
        ({"received_on": "2999-01-01"}, "received_on", "受理时间2999-01-01不能晚于今天。"),
        ({"content": "   "}, "content", None),
    ],
)
def test_bad_orders_name_the_field_and_write_nothing(key, change, field, message):
    resp = post({**BODY, **change}, key)
    assert resp.status_code == 400, resp.content
    error = resp.json()["error"]
    assert error["field"] == field
    if message:
        assert error["message"] == message
    assert Case.objects.filter(docket="hotline").count() == 0


@pytest.mark.django_db
def test_without_the_register_action_the_endpoint_is_not_there(city):
    _k, full = key_for(account_with(["cases.case.view", "hotline.case.view"], unit=city["gov"]))
    assert post(BODY, bearer(full)).status_code == 404
    assert Case.objects.count() == 0
