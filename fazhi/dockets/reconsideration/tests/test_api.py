"""A system hands in 行政复议 applications through the API: the portal's intake service, idempotent on the client's
key (twice → one case, the second answer 200 with the first case; twenty at once → one case on PostgreSQL), the same
key with another body refused; bad input a 4xx naming the field, never a 500, and nothing saved."""

import json
import os
import threading

import pytest
from django.db import connection
from django.test import Client

from fazhi.api.models import IdempotencyRecord
from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.cases.models import Case, CaseNumberCounter

URL = "/api/v1/reconsideration/applications/"
INTAKE = ["cases.case.view", "reconsideration.case.view", "reconsideration.case.intake"]
BODY = {
    "applicant": {
        "name": "王小五",
        "id_number": "11010519491231002X",
        "phone": "13900001111",
        "address": "示范市东城区",
    },
    "act": "示范市市场监督管理局作出的罚款决定",
    "request": "撤销该罚款决定",
    "facts": "事实和理由……",
    "respondent_name": "市市场监管局",
}


@pytest.fixture
def key(city, builtin_roles):
    _k, full = key_for(account_with(INTAKE, unit=city["justice"], scope="unit"))
    return bearer(full)


def post(client, body, **headers):
    return client.post(URL, json.dumps(body, ensure_ascii=False), content_type="application/json", **headers)


@pytest.mark.django_db
def test_an_application_is_received_like_the_portals_with_a_receipt_and_the_acceptance_clock(city, key):
    resp = post(Client(), BODY, **key)
    assert resp.status_code == 201
    data = resp.json()
    case = Case.objects.get()
    assert (data["id"], data["state"], data["channel"], data["handling_unit_id"]) == (
        case.pk,
        "received",
        "online",
        city["justice"].pk,
    )
    assert data["respondent_unit_id"] == city["market"].pk and data["receipt_number"] == case.receipt_number
    assert [(p["role"], p["name"], p["phone"]) for p in data["parties"]] == [
        ("applicant", "王**", "139****1111"),
        ("respondent", "示范市市场监督管理局", ""),
    ]
    clocks = Client().get(f"/api/v1/cases/{case.pk}/clocks/", **key).json()["items"]
    assert {c["key"] for c in clocks} == {"acceptance", "correction_notice"}


@pytest.mark.django_db
def test_the_same_request_twice_makes_one_case_and_returns_it(key):
    c = Client()
    first = post(c, BODY, HTTP_IDEMPOTENCY_KEY="prov-2026-000123", **key)
    again = post(c, BODY, HTTP_IDEMPOTENCY_KEY="prov-2026-000123", **key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"] and Case.objects.count() == 1
    by_source = post(c, {**BODY, "source_id": "PROV-9"}, **key)
    by_source_again = post(c, {**BODY, "source_id": "PROV-9"}, **key)
    assert (by_source.status_code, by_source_again.status_code) == (201, 200)
    assert by_source_again.json()["id"] == by_source.json()["id"] and Case.objects.count() == 2


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused_and_changes_nothing(key):
    c = Client()
    post(c, BODY, HTTP_IDEMPOTENCY_KEY="k-1", **key)
    resp = post(c, {**BODY, "request": "确认违法"}, HTTP_IDEMPOTENCY_KEY="k-1", **key)
    assert resp.status_code == 422
    assert resp.json()["error"]["code"] == "idempotency_mismatch"
    assert Case.objects.count() == 1 and IdempotencyRecord.objects.count() == 1


@pytest.mark.django_db
def test_two_callers_with_equal_keys_make_two_cases(city, key):
    _k, other = key_for(account_with(INTAKE, unit=city["justice"], scope="unit"))
    c = Client()
    a = post(c, BODY, HTTP_IDEMPOTENCY_KEY="same", **key)
    b = post(c, BODY, HTTP_IDEMPOTENCY_KEY="same", **bearer(other))
    assert (a.status_code, b.status_code) == (201, 201) and Case.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status", "field", "message"),
    [
        ("{not json", 400, "body", "请求体不是有效的 JSON。"),
        ({**BODY, "act": 12}, 400, "act", "act：应为字符串。"),
        # the limits of the portal's and the office's forms (issue #11 point 7)
        ({**BODY, "act": "罚" * 301}, 400, "act", "act：不得超过 300 个字符。"),
        ({**BODY, "request": "撤" * 1001}, 400, "request", "request：不得超过 1000 个字符。"),
        ({**BODY, "facts": "事" * 5001}, 400, "facts", "facts：不得超过 5000 个字符。"),
        ({k: v for k, v in BODY.items() if k != "request"}, 400, "request", "request：缺少必填项。"),
        ({**BODY, "applicant": {"name": ""}}, 400, "applicant.name", "applicant.name：至少应有 1 个字符。"),
        ({**BODY, "applicant": {**BODY["applicant"], "id_number": "123"}}, 400, "applicant.id_number", None),
        ({**BODY, "applicant": {**BODY["applicant"], "phone": "12"}}, 400, "applicant.phone", None),
        ({**BODY, "channel": "fax"}, 400, "channel", None),
        ({**BODY, "received_on": "2999-01-01"}, 400, "received_on", "收到日期不能晚于今天。"),
        ({**BODY, "respondent_name": "", "respondent_unit_id": None}, 400, "respondent_name", "请填写被申请人。"),
        ({**BODY, "respondent_unit_id": 99999}, 400, "respondent_unit_id", "respondent_unit_id：没有这个单位。"),
        ({**BODY, "agents": [{"name": "李律师", "phone": "x"}]}, 400, "agents.0.phone", None),
        ([1, 2, 3], 400, None, None),
    ],
)
def test_bad_input_is_a_4xx_naming_the_field_and_saves_nothing(key, body, status, field, message):
    raw = body if isinstance(body, str) else json.dumps(body)
    resp = Client().post(URL, raw, content_type="application/json", **key)
    assert resp.status_code == status, resp.content
    error = resp.json()["error"]
    if field is not None:
        assert error["field"] == field
    if message is not None:
        assert error["message"] == message
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_an_oversize_body_is_refused_before_it_is_read(key, settings):
    settings.FAZHI_API = {**settings.FAZHI_API, "MAX_BODY_BYTES": 1024}
    resp = post(Client(), {**BODY, "facts": "很长" * 1000}, **key)
    assert (resp.status_code, resp.json()["error"]["code"], resp.json()["error"]["field"]) == (413, "too_large", "body")
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_a_key_without_the_intake_action_gets_404(city):
    _k, full = key_for(account_with(["cases.case.view", "reconsideration.case.view"], unit=city["justice"]))
    resp = post(Client(), BODY, **bearer(full))
    assert resp.status_code == 404 and Case.objects.count() == 0


@pytest.mark.django_db
def test_a_signed_in_write_needs_the_csrf_token(persona, city):
    from fazhi.orgs.tests.factories import RoleFactory, UserFactory

    clerk = UserFactory(unit=city["justice"], roles=[RoleFactory(actions=INTAKE, data_scope="unit")])
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    session = client.session
    import time

    session["fazhi_login_at"] = session["fazhi_last_seen"] = time.time()
    session.save()
    refused = post(client, BODY)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "csrf_failed")
    assert Case.objects.count() == 0
    client.get("/api/v1/docs")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert post(client, BODY, HTTP_X_CSRFTOKEN=token).status_code == 201


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_identical_requests_make_one_case(city, builtin_roles):
    # given twenty copies of one request in flight at once (threads on PostgreSQL; one after another on SQLite)
    _k, full = key_for(account_with(INTAKE, unit=city["justice"], scope="unit"))
    statuses: list[int] = []
    ids: set[int] = set()

    def send():
        try:
            resp = post(Client(), BODY, HTTP_IDEMPOTENCY_KEY="burst-1", **bearer(full))
            statuses.append(resp.status_code)
            if resp.status_code in (200, 201):
                ids.add(resp.json()["id"])
        finally:
            connection.close()

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        threads = [threading.Thread(target=send) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        for _ in range(20):
            send()
    # then one case exists, every answer is that case, and exactly one answer says it was created
    assert Case.objects.count() == 1 and ids == {Case.objects.get().pk}
    assert sorted(statuses) == [200] * 19 + [201]
    assert IdempotencyRecord.objects.count() == 1
    # and no case number was used up by the losers (numbers have no gaps)
    assert CaseNumberCounter.objects.get(docket="reconsideration").last == 1
