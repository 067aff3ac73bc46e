"""The pages: register (one intake per submit; a refusal beside the field, the input kept), the list with this
year's figures, the intake's page with its routes, the feedback and answer steps through the kernel's pages."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.dockets.intake.services import intake_route

from .conftest import ON

pytestmark = pytest.mark.django_db


def _form(unit, **kw):
    return {
        "submit_token": "9a0c6a8e-1111-4222-8333-444455556677",
        "handling_unit": unit.pk,
        "received_on": today_local().isoformat(),
        "channel": "window",
        "dispute_type": "neighbour",
        "applicant_name": "张三",
        "applicant_phone": "13812345678",
        "respondent_name": "李四",
        "account": "楼上漏水致楼下受损",
        **kw,
    }


def test_the_register_page_creates_one_intake(login_client, persona, towns):
    client = login_client(persona("justice_office", "town"))
    assert client.get("/intake/register/").status_code == 200
    resp = client.post("/intake/register/", _form(towns["village"]))
    case = Case.objects.get(docket="intake")
    assert resp.status_code == 302 and resp["Location"] == f"/intake/{case.pk}/"
    client.post("/intake/register/", _form(towns["village"]))  # the same submit again
    assert Case.objects.filter(docket="intake").count() == 1
    assert case.handling_unit_id == towns["village"].pk


def test_a_refused_registration_names_the_field_and_keeps_the_input(login_client, persona, towns):
    client = login_client(persona("justice_office", "town"))
    resp = client.post("/intake/register/", _form(towns["village"], applicant_phone="12345", channel="transfer"))
    page = resp.content.decode()
    assert resp.status_code == 200 and Case.objects.count() == 0
    assert "楼上漏水致楼下受损" in page  # what was typed stays
    assert "请选择转来单位类别" in page
    resp = client.post("/intake/register/", _form(towns["village"], applicant_phone="12345"))
    assert resp.status_code == 200 and Case.objects.count() == 0
    form = resp.context["form"]
    assert list(form.errors) == ["applicant_phone"]


def test_the_list_shows_the_figures_and_the_page_the_routes(login_client, persona, register):
    case = register(received_on=today_local())
    intake_route(case=case, by=None, on=today_local(), routes=[{"channel": "notary", "unit_name": "示范市公证处"}])
    client = login_client(persona("justice_office", "town"))
    page = client.get("/intake/").content.decode()
    assert case.case_number in page and f"{today_local().year}年登记和分流" in page
    assert "/metrics/intake.received/" in page and 'href="/cases/stats/intake/"' in page  # 司法所: cases.stats.view
    mediator = login_client(persona("mediator", "village"))
    assert "/cases/stats/intake/" not in mediator.get("/intake/").content.decode()
    client = login_client(persona("justice_office", "town"))
    page = client.get(f"/intake/{case.pk}/").content.decode()
    assert "示范市公证处" in page and "待登记反馈" in page and "登记转介反馈" in page


def test_feedback_through_the_kernels_step_page(login_client, persona, register):
    case = register()
    intake_route(case=case, by=None, on=ON, routes=[{"channel": "notary", "unit_name": "示范市公证处"}])
    case.refresh_from_db()
    client = login_client(persona("justice_office", "town"))
    url = f"/intake/{case.pk}/do/record_feedback/"
    assert "示范市公证处" in client.get(url).content.decode()
    early = client.post(url, {"version": case.version, "referral": "1", "on": "2026-03-01", "result": "resolved"})
    assert early.status_code == 200 and "不能早于" in early.content.decode()
    on = ON + dt.timedelta(days=3)
    resp = client.post(url, {"version": case.version, "referral": "1", "on": on.isoformat(), "result": "accepted"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.extra["routes"][0]["feedback"]["result"] == "accepted"
    assert client.get(f"/intake/{case.pk}/route/").status_code == 200  # may route again
