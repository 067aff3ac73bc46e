"""网上纠纷求助 (issue #17): the public describes a dispute on the portal → one intake, channel 网上, received today, at
the 司法局 (in its staff's intake list to route); the phone stored encrypted and blind-indexed as the window's; a retried
submit is one intake; a refused form names the field, keeps what was typed and writes nothing; the per-address
limit; the query code + phone show the status on the portal's progress lookup."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from fazhi.cases.models import Case, Party
from fazhi.cases.services import today_local
from fazhi.dockets.intake.services import intake_route

pytestmark = pytest.mark.django_db
URL = "/portal/disputes/submit/"
LOOKUP = "/portal/reconsideration/lookup/"
PHONE = "13912345678"


def form(**kw):
    data = {
        "submit_token": "6e2c9f1a-58e1-4a0c-8f5c-3f4a2a9b0c11",
        "name": "王五",
        "phone": PHONE,
        "address": "示范市东城区幸福路1号",
        "respondent_name": "赵六",
        "dispute_type": "labour",
        "amount": "8000",
        "account": "在餐馆工作半年被拖欠工资八千元",
    }
    data.update(kw)
    return data


def test_a_dispute_described_on_the_portal_is_an_online_intake_at_the_justice_bureau(client, city):
    # when the public submits the form
    resp = client.post(URL, form())
    # then one intake, channel 网上, received today, at the 司法局, waiting to be routed
    assert resp.status_code == 200
    case = Case.objects.get(docket="intake")
    assert (case.handling_unit, case.channel, case.received_on, case.state) == (
        city["justice"],
        "online",
        today_local(),
        "registered",
    )
    x = case.extra
    assert (x["channel"], x["dispute_type"], x["amount"], x["account"], x["urgent"]) == (
        "online",
        "labour",
        "8000.00",
        "在餐馆工作半年被拖欠工资八千元",
        False,
    )
    assert case.receipt_number and case.receipt_number in resp.content.decode()
    parties = {p.role: p for p in Party.objects.filter(case=case)}
    assert (parties["applicant"].name, parties["applicant"].phone, parties["respondent"].name) == (
        "王五",
        PHONE,
        "赵六",
    )
    with connection.cursor() as cur:  # stored encrypted: the column never holds the phone itself
        cur.execute(f"SELECT * FROM {Party._meta.db_table} WHERE id = %s", [parties["applicant"].pk])  # noqa: S608
        assert not any(PHONE in str(v) for v in cur.fetchone())
    # a retried submit (same token) is the same intake
    assert client.post(URL, form()).status_code == 200
    assert Case.objects.filter(docket="intake").count() == 1


def test_the_intake_lands_in_the_bureau_staffs_list(client, city, persona):
    client.post(URL, form())
    case = Case.objects.get(docket="intake")
    staff = Client()
    staff.force_login(persona("mediation_manager", "justice"))
    page = staff.get("/intake/?channel=online").content.decode()
    assert case.case_number in page and "网上" in page


def test_the_query_code_and_phone_show_the_status(client, city):
    client.post(URL, form())
    case = Case.objects.get(docket="intake")
    # given the code and the phone: received, waiting to be routed
    page = client.post(LOOKUP, {"receipt_number": case.receipt_number, "phone": PHONE}).content.decode()
    assert case.case_number in page and "已收到，正在确定办理途径" in page
    # once routed, the route shows
    intake_route(case=case, by=None, on=today_local(), routes=[{"channel": "notary", "unit_name": "示范市公证处"}])
    page = client.post(LOOKUP, {"receipt_number": case.receipt_number, "phone": PHONE}).content.decode()
    assert "已转有关机构办理" in page and "公证（示范市公证处）" in page
    # a wrong phone: the one answer for not found
    wrong = client.post(LOOKUP, {"receipt_number": case.receipt_number, "phone": "13900000000"}).content.decode()
    assert "未找到该申请" in wrong and case.case_number not in wrong


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        ({"phone": "12345"}, "phone", "联系电话"),
        ({"phone": ""}, "phone", "请填写联系电话"),
        ({"name": ""}, "name", "请填写求助人姓名或名称"),
        ({"dispute_type": ""}, "dispute_type", "请选择纠纷类型"),
        ({"dispute_type": "nonsense"}, "dispute_type", "请从列表中选择纠纷类型"),
        ({"amount": "八千"}, "amount", "涉及金额须为数字"),
        ({"amount": "-1"}, "amount", "涉及金额不能为负数"),
        ({"account": ""}, "account", "请填写简要情况"),
    ],
)
def test_a_refused_form_names_the_field_keeps_the_text_and_writes_nothing(client, city, bad, field, message):
    resp = client.post(
        URL, form(name=bad.get("name", "原样保留的姓名"), **{k: v for k, v in bad.items() if k != "name"})
    )
    body = resp.content.decode()
    assert resp.status_code == 200 and list(resp.context["form"].errors) == [field]
    assert message in resp.context["form"].errors[field][0] and 'class="field-error"' in body
    assert "在餐馆工作半年被拖欠工资八千元" in body or field == "account"
    assert Case.objects.filter(docket="intake").count() == 0


def test_an_urgent_flag_is_reported_at_once(client, city, persona, django_capture_on_commit_callbacks):
    from fazhi.notifications.models import Notification

    supervisor = persona("mediation_manager", "justice")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form(mass="on", escalation_risk="on"))
    case = Case.objects.get(docket="intake")
    assert (case.extra["mass"], case.extra["escalation_risk"], case.extra["urgent"]) == (True, True, True)
    assert Notification.objects.filter(recipient=supervisor).count() == 1


def test_submissions_are_limited_per_address(client, city, monkeypatch):
    import fazhi.core.ratelimit
    from fazhi.dockets.intake.portal_views import LIMIT

    monkeypatch.setattr(fazhi.core.ratelimit, "clock", lambda: 1_700_000_400.0)
    tokens = [f"6e2c9f1a-58e1-4a0c-8f5c-3f4a2a9b0{i:03d}" for i in range(LIMIT[0] + 1)]
    codes = [client.post(URL, form(submit_token=t)).status_code for t in tokens]
    assert LIMIT[0] == 10 and set(codes[:-1]) == {200} and codes[-1] == 429
    assert Case.objects.filter(docket="intake").count() == 10
    refused = client.post(URL, form(submit_token=tokens[-1], account="保留的内容"))
    assert refused.status_code == 429 and "保留的内容" in refused.content.decode()
    assert client.post(URL, form(submit_token=tokens[-1]), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_setting_names_the_receiving_unit_and_without_one_the_page_is_not_there(client, city, settings):
    settings.FAZHI_INTAKE_UNIT = "C002"
    client.post(URL, form())
    assert Case.objects.get(docket="intake").handling_unit.code == "C002"
    settings.FAZHI_INTAKE_UNIT = "NONE"
    assert client.get(URL).status_code == 404


def test_the_amount_is_kept_to_the_cent(client, city):
    client.post(URL, form(amount="1234.5"))
    assert Decimal(Case.objects.get(docket="intake").extra["amount"]) == Decimal("1234.50")
