"""The pages: list, light entry (a refused form keeps what was typed, the message beside the field), detail with
its flags and clocks, the bodies with their officers' flags, unmasking (audited) and the figures."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.enforcement.models import Case

from .factories import CREDIT, body_with_staff, case_made

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(city):
    return body_with_staff(city["market"])


def _post(staff, **kw):
    data = {
        "body": staff["body"].pk,
        "number": "示市监罚〔2026〕9号",
        "matter": "CF-001",
        "procedure": "ordinary",
        "filed_on": "2026-03-02",
        "party_kind": "organisation",
        "party_name": "示范市某某商贸有限公司",
        "party_credit_code": CREDIT,
        "officers": "SJ-A，SJ-B",
    }
    data.update(kw)
    return data


def test_a_liaison_records_a_case_and_sees_it_listed(staff, persona, login_client):
    c = login_client(persona("dept_liaison", unit="market"))
    page = c.get("/enforcement/cases/new/")
    assert page.status_code == 200
    r = c.post("/enforcement/cases/new/", _post(staff))
    case = Case.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/enforcement/cases/{case.pk}/"
    assert [o.certificate_number for o in case.officers.order_by("certificate_number")] == ["SJ-A", "SJ-B"]
    listing = c.get("/enforcement/").content.decode()
    assert "示市监罚〔2026〕9号" in listing


def test_a_refused_entry_keeps_the_input_and_names_the_field(staff, persona, login_client):
    c = login_client(persona("dept_liaison", unit="market"))
    r = c.post("/enforcement/cases/new/", _post(staff, officers="SJ-EXPIRED", facts="某某案情"))
    html = r.content.decode()
    assert r.status_code == 200 and Case.objects.count() == 0
    assert (
        "执法人员执法证号：执法人员王五（SJ-EXPIRED）的行政执法证有效期至2026-02-28，已过期，不能记录在新的执法案件中。"
        in html
    )
    assert "某某案情" in html and 'value="SJ-EXPIRED"' in html
    r = c.post("/enforcement/cases/new/", _post(staff, decided_on="2026-03-01", decision="fine"))
    assert "决定日期：决定日期2026-03-01不能早于立案日期2026-03-02。" in r.content.decode()


def test_another_units_liaison_cannot_see_or_record_for_the_body(staff, persona, login_client):
    case = case_made(staff["body"])
    c = login_client(persona("dept_liaison", unit="finance"))
    assert c.get(f"/enforcement/cases/{case.pk}/").status_code == 404
    assert c.get(f"/enforcement/cases/{case.pk}/edit/").status_code == 404
    r = c.post("/enforcement/cases/new/", _post(staff, number="X"))
    assert r.status_code == 200 and not Case.objects.filter(number="X").exists()


def test_the_detail_shows_flags_and_clocks_and_masks_a_person(staff, persona, login_client):
    case = case_made(
        staff["body"],
        matter_code="CF-002",
        party_kind="person",
        party_name="张三丰",
        party_credit_code="",
        decided_on=D(2026, 4, 1),
        decision="licence",
    )
    office = persona("office_staff")
    c = login_client(office)
    html = c.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "张**" in html and "张三丰" not in html
    assert "须经法制审核的案件未见完成的法制审核即作出决定" in html
    # the 90-day clock (due 1 June) completed by the decision; the 公示 clock (7 working days, 清明 skipped) overdue
    assert (
        '<td data-label="起算日">2026-03-02</td><td data-label="届满日">2026-06-01</td>'
        '<td data-label="完成日">2026-04-01</td><td data-label="状态">已完成</td>'
    ) in html
    assert "公示已超期：期限届满日为2026-04-13" in html
    r = c.post(f"/enforcement/cases/{case.pk}/unmask/")
    assert "张三丰" in r.content.decode()
    assert AuditEvent.objects.filter(action="enforcement.case.unmasked", object_id=str(case.pk)).count() == 1


def test_the_liaison_cannot_unmask(staff, persona, login_client):
    case = case_made(staff["body"], party_kind="person", party_name="张三丰", party_credit_code="")
    c = login_client(persona("dept_liaison", unit="market"))
    assert c.post(f"/enforcement/cases/{case.pk}/unmask/").status_code == 404


def test_an_edit_records_the_decision(staff, persona, login_client):
    case = case_made(staff["body"])
    c = login_client(persona("dept_liaison", unit="market"))
    form = c.get(f"/enforcement/cases/{case.pk}/edit/").content.decode()
    assert 'value="CF-001"' in form
    r = c.post(
        f"/enforcement/cases/{case.pk}/edit/",
        _post(
            staff,
            number=case.number,
            officers="SJ-A SJ-B",
            decided_on="2026-04-01",
            decision="fine",
            amount="300",
            version="1",
        ),
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert (case.decided_on, str(case.amount), case.version) == (D(2026, 4, 1), "300.00", 2)


def test_the_body_page_flags_officers_and_takes_new_ones(staff, persona, login_client):
    c = login_client(persona("dept_liaison", unit="market"))
    html = c.get(f"/enforcement/bodies/{staff['body'].pk}/").content.decode()
    assert "执法人员王五（SJ-EXPIRED）的行政执法证有效期至2026-02-28，已过期" in html
    assert "执法人员李四（SJ-UNTRAINED）2025年度培训40学时，不足60学时" in html
    r = c.post(
        f"/enforcement/bodies/{staff['body'].pk}/do/officer/",
        {
            "officer-name": "新执法",
            "officer-certificate_number": "SJ-NEW",
            "officer-certificate_kind": "enforcement",
            "officer-area": "示范市",
            "officer-valid_from": "2026-01-01",
            "officer-valid_until": "2025-12-31",
            "officer-status": "valid",
        },
    )
    assert "有效期至：有效期至不能早于有效期起。" in r.content.decode()
    r = c.post(
        f"/enforcement/bodies/{staff['body'].pk}/do/matter/",
        {"matter-code": "CF-009", "matter-name": "新事项", "matter-kind": "penalty", "matter-basis": "某法"},
    )
    assert r.status_code == 302 and staff["body"].matters.filter(code="CF-009").exists()


def test_the_office_registers_a_body(city, persona, login_client):
    c = login_client(persona("office_staff"))
    r = c.post(
        "/enforcement/bodies/",
        {"unit": city["finance"].pk, "kind": "agency", "legal_basis": "《会计法》", "scope": "会计监督"},
    )
    assert r.status_code == 302
    assert c.get("/enforcement/bodies/").content.decode().count("示范市财政局") >= 1


def test_the_stats_page_shows_the_registry_figures(staff, persona, login_client):
    case_made(staff["body"], decided_on=D(2026, 4, 1), decision="fine", published_on=D(2026, 4, 3))
    c = login_client(persona("office_staff"))
    html = c.get("/enforcement/stats/?year=2026").content.decode()
    assert (
        "公示及时率" in html and "100.0%" in html and 'href="/metrics/enforcement.publication_rate/?year=2026"' in html
    )
