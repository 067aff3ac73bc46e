"""The registry's pages: the list with its filters and workload, register and edit (a refused form keeps what was
typed, the Chinese reason beside the field, nothing written; a stale edit shows the conflict), deactivate; pages a
persona may not use answer 404."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.dockets.legal_aid import services as s
from fazhi.dockets.legal_aid.models import AidPerson

pytestmark = pytest.mark.django_db
D = dt.date


def _form(centre, **kw):
    return {
        "submit_token": "00000000-0000-4000-8000-0000000000bb",
        "centre": centre.pk,
        "kind": "lawyer",
        "name": "郑明律",
        "licence_number": "13701202010123456",
        "organisation": "示范市某某律师事务所",
        "phone": "13812345678",
        "specialities": "劳动争议",
        **kw,
    }


def test_the_list_shows_kind_masked_phone_and_workload_and_filters(
    apply, head, staff, aid_person, login_client, django_assert_max_num_queries
):
    a = aid_person(name="甲律师", phone="13812345678")
    aid_person(name="乙志愿", kind="volunteer")
    retired = aid_person(name="丙退休")
    s.aid_person_deactivate(by=None, person=retired, expected_version=1)
    case = s.case_grant(case=apply(), by=head, on=D(2025, 3, 5), pledge=True)
    s.case_assign(case=case, by=staff, on=D(2025, 3, 6), person=a)
    client = login_client(staff)
    with django_assert_max_num_queries(25):
        page = client.get("/legal-aid/people/").content.decode()
    assert "甲律师" in page and "138****5678" in page and "13812345678" not in page
    row = page[page.index("甲律师") : page.index("</tr>", page.index("甲律师"))]
    assert '在册</td><td data-label="承办中">1</td><td data-label="已结案">0</td>' in row
    assert "登记法律援助人员</a>" not in page and "修改</a>" not in page  # staff read, the head keeps it
    volunteers = client.get("/legal-aid/people/?kind=volunteer").content.decode()
    assert "乙志愿" in volunteers and "甲律师" not in volunteers
    inactive = client.get("/legal-aid/people/?active=0").content.decode()
    assert "丙退休" in inactive and "甲律师" not in inactive


def test_a_refused_registration_keeps_what_was_typed_and_writes_nothing(head, centre, login_client):
    client = login_client(head)
    assert "登记法律援助人员</a>" in client.get("/legal-aid/people/").content.decode()
    resp = client.post("/legal-aid/people/new/", _form(centre, name="", licence_number="ABC-1"))
    page = resp.content.decode()
    assert resp.status_code == 200 and "请填写姓名。" in page and 'value="ABC-1"' in page
    assert AidPerson.objects.count() == 0
    resp = client.post("/legal-aid/people/new/", _form(centre))
    assert resp.status_code == 302 and AidPerson.objects.count() == 1
    dup = client.post(
        "/legal-aid/people/new/",
        _form(centre, submit_token="00000000-0000-4000-8000-0000000000bc", name="林"),
    ).content.decode()
    assert "执业证号13701202010123456已登记（郑明律）。" in dup and 'value="林"' in dup
    assert AidPerson.objects.count() == 1


def test_an_edit_saves_and_a_stale_one_shows_the_conflict(head, centre, aid_person, login_client):
    p = aid_person(name="郑明律", phone="13812345678")
    client = login_client(head)
    page = client.get(f"/legal-aid/people/{p.pk}/edit/").content.decode()
    assert "13812345678" not in page and "已登记（不显示完整号码）" in page
    data = {"version": 1, "kind": "lawyer", "name": "郑明律", "licence_number": p.licence_number}
    data |= {"organisation": "另一律师事务所", "phone": "", "specialities": ""}
    assert client.post(f"/legal-aid/people/{p.pk}/edit/", data).status_code == 302
    p.refresh_from_db()
    assert (p.organisation, p.phone, p.version) == ("另一律师事务所", "13812345678", 2)
    stale = client.post(f"/legal-aid/people/{p.pk}/edit/", {**data, "organisation": "第三所"}).content.decode()
    assert "该记录已被他人修改，请刷新后重试。" in stale and 'value="第三所"' in stale
    p.refresh_from_db()
    assert (p.organisation, p.version) == ("另一律师事务所", 2)
    empty = client.post(f"/legal-aid/people/{p.pk}/edit/", {**data, "version": 2, "name": ""}).content.decode()
    assert "请填写姓名。" in empty and AidPerson.objects.get(pk=p.pk).name == "郑明律"


def test_deactivate_from_the_edit_page(head, aid_person, login_client):
    p = aid_person()
    client = login_client(head)
    assert client.post(f"/legal-aid/people/{p.pk}/deactivate/", {"version": 1}).status_code == 302
    assert AidPerson.objects.get(pk=p.pk).is_active is False
    resp = client.post(f"/legal-aid/people/{p.pk}/reactivate/", {"version": 1}, follow=True)
    assert "该记录已被他人修改" in resp.content.decode() and AidPerson.objects.get(pk=p.pk).is_active is False
    assert client.post(f"/legal-aid/people/{p.pk}/reactivate/", {"version": 2}).status_code == 302
    assert AidPerson.objects.get(pk=p.pk).is_active is True


@pytest.mark.parametrize("who", ["staff", "other_head", "office_staff"])
def test_who_may_not_keep_the_registry_gets_404_and_nothing_changes(
    who, persona, staff, head, centre, district_centre, aid_person, login_client
):
    users = {
        "staff": staff,
        "other_head": persona("legal_aid_head", "district_centre"),
        "office_staff": persona("office_staff", "justice"),
    }
    p = aid_person()
    client = login_client(users[who])
    assert client.get("/legal-aid/people/new/").status_code == (200 if who == "other_head" else 404)
    assert client.get(f"/legal-aid/people/{p.pk}/edit/").status_code == 404
    assert client.post(f"/legal-aid/people/{p.pk}/deactivate/", {"version": 1}).status_code == 404
    data = {"version": 1, "kind": "lawyer", "name": "改名", "licence_number": "X", "organisation": "所"}
    assert client.post(f"/legal-aid/people/{p.pk}/edit/", data).status_code == 404
    if who == "other_head":  # the district's head registers only in their own centre
        resp = client.post("/legal-aid/people/new/", _form(centre))
        assert resp.status_code == 200 and AidPerson.objects.count() == 1
    stored = AidPerson.objects.get(pk=p.pk)
    assert (stored.name, stored.is_active, stored.version) == (p.name, True, 1)


def test_the_registry_is_in_the_menu_of_who_reads_legal_aid(staff, login_client):
    assert 'href="/legal-aid/people/"' in login_client(staff).get("/").content.decode()


def test_the_assign_page_says_when_the_registry_is_empty(apply, head, staff, login_client):
    case = s.case_grant(case=apply(), by=head, on=D(2025, 3, 5), pledge=True)
    page = login_client(staff).get(f"/legal-aid/{case.pk}/do/assign/").content.decode()
    assert "本机构名册中没有在册的法律援助人员：请机构负责人先在“法律援助人员”中登记。" in page
