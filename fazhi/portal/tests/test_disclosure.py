"""Portal: 政府信息公开 online request (Art. 31(3): received the day the portal confirms it), a retried submit
creates one request, progress with every step, the outcome, and withdrawal (三(六)3)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.cases.clocks import case_clock
from fazhi.cases.models import Case
from fazhi.cases.services import today_local

pytestmark = pytest.mark.django_db


def form(city, **kw):
    data = {
        "submit_token": "6f1c1a52-3f5e-4a5d-9a57-0f2b2a0f7d99",
        "agency": city["justice"].pk,
        "applicant_type": "natural_person",
        "name": "王小明",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "address": "示范市人民路8号",
        "content": "2025年行政复议案件统计数据",
        "purpose": "电子邮件",
    }
    data.update(kw)
    return data


def test_online_request_receipt_progress_and_outcome(client, city, persona):
    resp = client.post("/portal/disclosure/apply/", {**form(city), "files": SimpleUploadedFile("id.pdf", b"%PDF-1.4")})
    case = Case.objects.get(docket="disclosure")
    assert case.receipt_number in resp.content.decode()
    assert (case.channel, case.received_on, case.handling_unit) == ("online", today_local(), city["justice"])
    assert case_clock(case, "reply").trigger_date == today_local()
    assert case.attachments.filter(kind="application").count() == 1
    client.post("/portal/disclosure/apply/", form(city))  # the retried submit
    assert Case.objects.filter(docket="disclosure").count() == 1
    lookup = {"receipt_number": case.receipt_number, "phone": "13912345678"}
    page = client.post("/portal/reconsideration/lookup/", lookup).content.decode()
    assert "收到政府信息公开申请（网络）" in page and "撤回申请" in page
    from fazhi.dockets.disclosure import services as s

    s.case_reply(case=case, by=persona("disclosure_handler"), on=today_local(), reply_type="disclose", content="见附件")
    page = client.post("/portal/reconsideration/lookup/", lookup).content.decode()
    assert "答复结果：予以公开" in page and "撤回申请" not in page


def test_bad_input_is_shown_on_its_field_and_saves_nothing(client, city):
    resp = client.post("/portal/disclosure/apply/", form(city, id_number="110105194912310021"))
    assert "身份证号码校验位错误" in resp.content.decode()
    resp = client.post("/portal/disclosure/apply/", form(city, applicant_type="company"))
    assert resp.status_code == 200 and "applicant_type" in resp.context["form"].errors
    assert Case.objects.count() == 0


def test_applicant_withdraws_online(client, city):
    client.post("/portal/disclosure/apply/", form(city))
    case = Case.objects.get(docket="disclosure")
    wrong = client.post("/portal/disclosure/withdraw/", {"receipt_number": case.receipt_number, "phone": "13900000000"})
    assert "未找到该申请" in wrong.content.decode()
    case.refresh_from_db()
    assert case.state == "received"
    page = client.post("/portal/disclosure/withdraw/", {"receipt_number": case.receipt_number, "phone": "13912345678"})
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("closed", "other.3")
    assert "申请人撤回申请" in page.content.decode()
