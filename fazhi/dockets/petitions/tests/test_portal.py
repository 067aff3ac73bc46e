"""网上信访 (issue #18 §1): the public submits on the portal → one 网上信访 matter at the 信访部门 (the petitioner's
data encrypted, the phone blind-indexed), a retried submit is one petition, a refused form names the field and keeps
what was typed, the per-address limit (counted in the database), and the query code + phone find its progress."""

from __future__ import annotations

import pytest
from django.db import connection

from fazhi.cases.models import Case, Party

pytestmark = pytest.mark.django_db
URL = "/portal/petitions/submit/"
VALID_ID = "11010519491231002X"


@pytest.fixture
def office(city):
    from fazhi.orgs.tests.factories import UnitFactory

    return UnitFactory(code="C028", name="示范市信访局", short_name="市信访局", parent=city["gov"])


def form(**kw):
    data = {
        "submit_token": "5d1b8f0e-58e1-4a0c-8f5c-3f4a2a9b0c11",
        "name": "王五",
        "id_number": VALID_ID,
        "phone": "13912345678",
        "address": "示范市东城区幸福路1号",
        "type": "claim",
        "object_name": "示范市市场监督管理局",
        "content": "商铺被违规查封，要求解除",
        "request": "解除查封",
    }
    data.update(kw)
    return data


def test_a_petition_submitted_on_the_portal_arrives_as_online(client, office, city):
    resp = client.post(URL, form())
    assert resp.status_code == 200
    case = Case.objects.get(docket="petitions")
    assert (case.channel, case.handling_unit, case.extra["receiver"], case.extra["type"]) == (
        "online",
        office,
        "office",
        "claim",
    )
    assert case.extra["object_name"] == "示范市市场监督管理局" and case.respondent_unit == city["market"]
    assert case.receipt_number and case.receipt_number in resp.content.decode()
    party = Party.objects.get(case=case)
    assert party.name == "王五" and party.id_number == VALID_ID  # decrypted by the model
    with connection.cursor() as cur:  # stored encrypted: the column never holds the number itself
        cur.execute(f"SELECT * FROM {Party._meta.db_table} WHERE id = %s", [party.pk])  # noqa: S608
        assert not any(VALID_ID in str(v) or "13912345678" in str(v) for v in cur.fetchone())
    # a retried submit (same token) is the same petition
    assert client.post(URL, form()).status_code == 200 and Case.objects.filter(docket="petitions").count() == 1
    # the query code and the phone show its progress; a wrong phone the one answer for not found
    lookup = client.post(
        "/portal/reconsideration/lookup/", {"receipt_number": case.receipt_number, "phone": "13912345678"}
    )
    assert case.case_number in lookup.content.decode()
    wrong = client.post(
        "/portal/reconsideration/lookup/", {"receipt_number": case.receipt_number, "phone": "13900000000"}
    )
    assert "未找到该申请" in wrong.content.decode() and case.case_number not in wrong.content.decode()


def test_a_refused_petition_names_the_field_keeps_the_text_and_writes_nothing(client, office):
    resp = client.post(URL, form(id_number="123", content="我的诉求原文"))
    body = resp.content.decode()
    assert resp.status_code == 200 and 'class="field-error"' in body and "身份证号码" in body
    assert "我的诉求原文" in body
    assert Case.objects.filter(docket="petitions").count() == 0


def test_submissions_are_limited_per_address(client, office, monkeypatch):
    import fazhi.core.ratelimit
    from fazhi.dockets.petitions.portal_views import LIMIT

    monkeypatch.setattr(fazhi.core.ratelimit, "clock", lambda: 1_700_000_400.0)
    tokens = [f"5d1b8f0e-58e1-4a0c-8f5c-3f4a2a9b0{i:03d}" for i in range(LIMIT[0] + 1)]
    codes = [client.post(URL, form(submit_token=t)).status_code for t in tokens]
    assert LIMIT[0] == 10 and set(codes[:-1]) == {200} and codes[-1] == 429
    assert Case.objects.filter(docket="petitions").count() == 10
    refused = client.post(URL, form(submit_token=tokens[-1], content="保留的内容"))
    assert refused.status_code == 429 and "保留的内容" in refused.content.decode()
    assert client.post(URL, form(submit_token=tokens[-1]), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_without_a_petition_office_the_page_is_not_there(client, city):
    assert client.get(URL).status_code == 404
