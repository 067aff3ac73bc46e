"""Portal: anonymous application, bad input refused in Chinese, lookup needs receipt number + phone."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.cases.models import Case

pytestmark = pytest.mark.django_db
FORM = {
    "submit_token": "6f1c1a52-3f5e-4a5d-9a57-0f2b2a0f7d11",
    "name": "王小明",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "address": "示范市人民路8号",
    "respondent": "示范市市场监督管理局",
    "act": "行政处罚决定",
    "request": "撤销",
    "facts": "事实错误",
}


def test_anonymous_application_gets_a_receipt_and_lookup_shows_progress(client, city):
    resp = client.post("/portal/reconsideration/apply/", {**FORM, "files": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    case = Case.objects.get()
    assert case.receipt_number in resp.content.decode()
    assert (case.channel, case.handling_unit, case.respondent_unit) == ("online", city["justice"], city["market"])
    again = client.post("/portal/reconsideration/apply/", FORM)  # double submit
    assert again.status_code == 200 and Case.objects.count() == 1
    wrong = client.post(
        "/portal/reconsideration/lookup/", {"receipt_number": case.receipt_number, "phone": "13900000000"}
    )
    assert "未找到该申请" in wrong.content.decode()
    ok = client.post("/portal/reconsideration/lookup/", {"receipt_number": case.receipt_number, "phone": "13912345678"})
    assert "收到行政复议申请" in ok.content.decode()


def test_upload_not_matching_its_extension_is_refused_and_nothing_saved(client, city):
    resp = client.post("/portal/reconsideration/apply/", {**FORM, "files": SimpleUploadedFile("a.pdf", b"MZ exe")})
    assert "文件内容与扩展名不符" in resp.content.decode()
    assert Case.objects.count() == 0


def test_malformed_id_number_is_reported_on_its_field(client, city):
    resp = client.post("/portal/reconsideration/apply/", {**FORM, "id_number": "110105194912310021"})
    body = resp.content.decode()
    assert "身份证号码：身份证号码校验位错误" in body and "身份证号码：身份证号码：" not in body  # the label once (#11)
    assert Case.objects.count() == 0
