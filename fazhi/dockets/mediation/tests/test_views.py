"""The pages: register (a refused form keeps what was typed, the error beside the field), the case page, the kernel's
transition pages with the committee's mediators and the parties' signatures, the committees and their workload."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case, CaseDocument
from fazhi.cases.services import today_local

from .conftest import mediator_ids, party_ids

pytestmark = pytest.mark.django_db


def _form(committee, **kw):
    return {
        "submit_token": "9a0c6a8e-1111-4222-8333-444455556666",
        "committee": committee.pk,
        "received_on": today_local().isoformat(),
        "source": "hotline",
        "dispute_type": "neighbour",
        "applicant_name": "张三",
        "applicant_phone": "13812345678",
        "respondent_name": "李四",
        "account": "楼上漏水致楼下受损",
        **kw,
    }


def test_register_page_creates_one_case_with_the_committee(login_client, mediator_user, committees):
    client = login_client(mediator_user)
    assert client.get("/mediation/register/").status_code == 200
    resp = client.post("/mediation/register/", _form(committees["village"]))
    case = Case.objects.get(docket="mediation")
    assert resp.status_code == 302 and resp["Location"] == f"/mediation/{case.pk}/"
    client.post("/mediation/register/", _form(committees["village"]))  # the same submit again
    assert Case.objects.filter(docket="mediation").count() == 1
    page = client.get(f"/mediation/{case.pk}/").content.decode()
    assert "东华社区人民调解委员会" in page and "12348 热线" in page and "受理" in page


def test_a_committee_outside_the_users_scope_is_not_offered(login_client, mediator_user, committees):
    client = login_client(mediator_user)
    resp = client.post("/mediation/register/", _form(committees["other"]))
    assert resp.status_code == 200
    assert Case.objects.filter(docket="mediation").count() == 0
    page = resp.content.decode()
    assert "选择一个有效的选项" in page
    assert 'value="楼上漏水致楼下受损"' in page or "楼上漏水致楼下受损" in page  # what was typed stays


def test_a_refused_transfer_keeps_the_form_and_names_the_field(login_client, mediator_user, committees):
    client = login_client(mediator_user)
    resp = client.post("/mediation/register/", _form(committees["village"], source="transfer"))
    page = resp.content.decode()
    assert resp.status_code == 200 and "请选择转来单位类别" in page
    assert "楼上漏水致楼下受损" in page
    assert Case.objects.filter(docket="mediation").count() == 0


def test_the_agreement_page_refuses_missing_signatures_beside_the_field(login_client, mediator_user, register):
    from fazhi.dockets.mediation import services as s

    case = register(received_on=dt.date(2025, 3, 3))
    case = s.case_accept(case=case, by=mediator_user, on=dt.date(2025, 3, 4))
    client = login_client(mediator_user)
    page = client.get(f"/mediation/{case.pk}/do/record_session/").content.decode()
    assert "东华调解员甲" in page  # the committee's mediators are offered
    client.post(
        f"/mediation/{case.pk}/do/record_session/",
        {
            "version": case.version,
            "on": "2025-03-05",
            "place": "调解室",
            "mediators": mediator_ids(case),
            "participants": "双方",
        },
    )
    case.refresh_from_db()
    data = {
        "version": case.version,
        "on": "2025-03-10",
        "form": "written",
        "facts": "漏水",
        "content": "赔偿2000元",
        "parties_signed": party_ids(case)[:1],
        "mediator_signed": "on",
        "committee_sealed": "on",
    }
    resp = client.post(f"/mediation/{case.pk}/do/agree/", data)
    page = resp.content.decode()
    assert resp.status_code == 200 and "尚未登记签名的当事人" in page and "赔偿2000元" in page
    case.refresh_from_db()
    assert case.state == "accepted"
    resp = client.post(f"/mediation/{case.pk}/do/agree/", {**data, "parties_signed": party_ids(case)})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "agreed"
    doc = CaseDocument.objects.get(case=case, template_code="agreement")
    assert client.get(f"/mediation/{case.pk}/").content.decode().count("人民调解协议书") >= 1
    assert doc.title == "人民调解协议书"


def test_committee_pages_show_workload_and_register_a_mediator(login_client, persona, register, committees):
    register()
    office = persona("justice_office", "town")
    client = login_client(office)
    page = client.get("/mediation/committees/").content.decode()
    assert "东华社区人民调解委员会" in page and "东兴社区人民调解委员会" in page
    assert "文昌社区人民调解委员会" not in page  # another town
    c = committees["village"]
    resp = client.post(f"/mediation/committees/{c.pk}/", {"name": "新调解员", "kind": "part_time", "phone": "123"})
    assert resp.status_code == 200 and "联系电话格式不正确" in resp.content.decode()
    resp = client.post(
        f"/mediation/committees/{c.pk}/", {"name": "新调解员", "kind": "part_time", "phone": "13900000009"}
    )
    assert resp.status_code == 302
    page = client.get(f"/mediation/committees/{c.pk}/").content.decode()
    assert "新调解员" in page and "13900000009" not in page  # the phone is shown masked
    assert client.get(f"/mediation/committees/{committees['other'].pk}/").status_code == 404


def test_the_list_and_the_statistics_page(login_client, persona, register):
    register()
    client = login_client(persona("mediation_manager", "justice"))
    assert "东华社区人民调解委员会" in client.get("/mediation/").content.decode()
    resp = client.get(f"/cases/stats/mediation/?year={today_local().year}")
    assert resp.status_code == 200 and "调解成功率" in resp.content.decode()
    assert client.get(f"/cases/stats/mediation/export/?year={today_local().year}").status_code == 200
