"""The complaint and 监督检查 pages: the portal's form and lookup (code and phone), the office's list and steps, the
12345 orders to turn into complaints, a check's findings; a liaison does not see complaints."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.enforcement.models import CheckFinding, Complaint, SupervisionCheck

from .factories import body_with_staff

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def body(city):
    return body_with_staff(city["market"])["body"]


def _form(body, **kw):
    data = {
        "body": body.pk,
        "name": "刘某某",
        "phone": "13900001111",
        "subject": "执法人员未出示证件",
        "content": "检查时未出示行政执法证件。",
        "submit_token": "6f1c4f7e-2f4b-4d55-9a61-0c1d2e3f4a5b",
    }
    data.update(kw)
    return data


def test_the_public_complains_and_follows_it_with_code_and_phone(client, body):
    page = client.get("/portal/enforcement/complaints/submit/")
    assert page.status_code == 200 and "示范市市场监督管理局" in page.content.decode()
    refused = client.post("/portal/enforcement/complaints/submit/", _form(body, phone="12ab"))
    assert refused.status_code == 400 and "联系电话“12ab”格式不正确" in refused.content.decode()
    assert Complaint.objects.count() == 0
    r = client.post("/portal/enforcement/complaints/submit/", _form(body))
    assert r.status_code == 200
    c = Complaint.objects.get()
    html = r.content.decode()
    assert c.query_code in html and "执法投诉〔2026〕1号" in html
    again = client.post("/portal/enforcement/complaints/submit/", _form(body))  # a retried submit
    assert again.status_code == 200 and Complaint.objects.count() == 1
    wrong = client.post("/portal/enforcement/complaints/lookup/", {"code": c.query_code, "phone": "13900009999"})
    assert wrong.status_code == 404 and "未找到与查询码和联系电话相符的投诉" in wrong.content.decode()
    ok = client.post("/portal/enforcement/complaints/lookup/", {"code": c.query_code, "phone": "13900001111"})
    assert ok.status_code == 200 and "执法投诉〔2026〕1号：待受理" in ok.content.decode()


def test_the_office_handles_a_complaint_and_issues_an_opinion_from_it(body, persona, login_client, client):
    client.post("/portal/enforcement/complaints/submit/", _form(body))
    c = Complaint.objects.get()
    office = login_client(persona("office_staff"))
    listing = office.get("/enforcement/complaints/").content.decode()
    assert "执法投诉〔2026〕1号" in listing and "网上投诉" in listing
    detail = office.get(f"/enforcement/complaints/{c.pk}/").content.decode()
    assert "刘**" in detail and "13900001111" not in detail and 'id="do-accept"' in detail
    today = dt.date.today().isoformat()
    r = office.post(f"/enforcement/complaints/{c.pk}/", {"step": "accept", "accept-version": 1, "accept-on": today})
    assert r.status_code == 302
    refused = office.post(
        f"/enforcement/complaints/{c.pk}/",
        {"step": "investigate", "investigate-version": 2, "investigate-on": today, "investigate-text": ""},
    )
    assert refused.status_code == 400 and "请填写调查情况。" in refused.content.decode()
    c.refresh_from_db()
    assert c.state == "investigating" and c.version == 2
    page = office.get(f"/enforcement/supervision/new/?complaint={c.pk}").content.decode()
    assert "执法投诉（执法投诉〔2026〕1号）：执法人员未出示证件" in page


def test_a_liaison_does_not_see_complaints(body, persona, login_client, client):
    client.post("/portal/enforcement/complaints/submit/", _form(body))
    c = Complaint.objects.get()
    liaison = login_client(persona("dept_liaison", unit="market"))
    assert liaison.get(f"/enforcement/complaints/{c.pk}/").status_code in (403, 404)
    assert liaison.get("/enforcement/complaints/").status_code in (403, 404)


def test_the_office_records_a_check_and_a_finding(body, persona, login_client):
    office = login_client(persona("office_staff"))
    today = dt.date.today().isoformat()
    r = office.post(
        "/enforcement/checks/new/",
        {"body": body.pk, "checked_on": today, "items": "行政执法公示\n法制审核", "inspectors": "王某"},
    )
    k = SupervisionCheck.objects.get()
    assert r.status_code == 302 and k.items == ["行政执法公示", "法制审核"]
    r = office.post(f"/enforcement/checks/{k.pk}/", {"item": "法制审核", "text": "2件重大决定未经法制审核。"})
    assert r.status_code == 302
    f = CheckFinding.objects.get()
    page = office.get(f"/enforcement/checks/{k.pk}/").content.decode()
    assert "2件重大决定未经法制审核。" in page and f"/supervision/items/{f.supervision_item_id}/" in page
    liaison = login_client(persona("dept_liaison", unit="market"))
    assert liaison.get(f"/enforcement/checks/{k.pk}/").status_code == 200
    assert liaison.post(f"/enforcement/checks/{k.pk}/", {"text": "x"}).status_code == 404
