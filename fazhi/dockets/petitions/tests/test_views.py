"""The 信访 pages: list, register (bad input keeps what was typed, the error beside the field, nothing stored),
the case page with its clocks and documents, a transition page, the statistics page and its Excel export."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case

pytestmark = pytest.mark.django_db


def form(city, **kw):
    data = {
        "submit_token": "5b3e6b0e-8f0c-4a43-9a52-111111111111",
        "handling_unit": city["justice"].pk,
        "receiver": "authority",
        "channel": "in_person",
        "received_on": "2025-03-03",
        "type": "claim",
        "petitioner_name": "张三",
        "petitioner_id_number": "11010519491231002X",
        "petitioner_phone": "13812345678",
        "joint_count": "1",
        "object_unit": city["market"].pk,
        "content": "要求落实拆迁安置补偿",
    }
    data.update(kw)
    return data


def test_register_then_accept_through_the_pages(city, handler, login_client):
    client = login_client(handler)
    assert client.get("/petitions/register/").status_code == 200
    resp = client.post("/petitions/register/", form(city))
    case = Case.objects.get(docket="petitions")
    assert resp.status_code == 302 and resp["Location"] == f"/petitions/{case.pk}/"
    page = client.get(f"/petitions/{case.pk}/").content.decode()
    assert "受理告知期限" in page and "2025-03-18" in page and "申诉求决类" in page
    resp = client.post(f"/petitions/{case.pk}/do/accept/", {"version": case.version, "on": "2025-03-05"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted"
    page = client.get(f"/petitions/{case.pk}/").content.decode()
    assert "信访事项受理告知书" in page and "办理期限" in page
    listing = client.get("/petitions/").content.decode()
    assert case.case_number in listing and "办理中" in listing


def test_refused_register_keeps_what_was_typed_and_names_the_field(city, handler, login_client):
    client = login_client(handler)
    resp = client.post("/petitions/register/", form(city, petitioner_id_number="110105", received_on="2099-01-01"))
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "要求落实拆迁安置补偿" in page and 'value="110105"' in page
    assert "不能晚于今天" in page
    assert Case.objects.filter(docket="petitions").count() == 0
    resp = client.post("/petitions/register/", form(city, petitioner_id_number="110105"))
    assert "身份证号码" in resp.content.decode() and Case.objects.count() == 0


def test_opinion_page_refuses_a_missing_outcome_beside_the_field(city, handler, login_client, petition):
    from fazhi.dockets.petitions.services import case_accept

    case = petition()
    case_accept(case=case, by=handler, on=dt.date(2025, 3, 4))
    case.refresh_from_db()
    client = login_client(handler)
    assert client.get(f"/petitions/{case.pk}/do/decide/").status_code == 200
    resp = client.post(
        f"/petitions/{case.pk}/do/decide/",
        {"version": case.version, "on": "2025-03-20", "facts": "查明", "opinion": ""},
    )
    page = resp.content.decode()
    assert resp.status_code == 200 and "查明" in page
    case.refresh_from_db()
    assert case.state == "accepted"


def test_statistics_page_and_excel(city, handler, login_client, petition, persona):
    petition()
    client = login_client(persona("petition_head", "justice"))
    page = client.get("/cases/stats/petitions/?year=2025")
    assert page.status_code == 200 and "收到信访事项" in page.content.decode()
    xlsx = client.get("/cases/stats/petitions/export/?year=2025")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
