"""The 修改基本信息 page of a 行政复议 case (test_views.py is already ~400 lines)."""

from __future__ import annotations

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.dockets.reconsideration import services as s

from .conftest import MON

pytestmark = pytest.mark.django_db


def _form(case, city, **change):
    return {
        "version": case.version,
        "act": "行政处罚决定（示市监罚〔2025〕9号）",
        "request": "撤销该处罚决定",
        "respondent_unit": city["market"].pk,
        "respondent_name": "",
        **change,
    }


def test_the_detail_page_links_to_the_edit_page_which_saves_the_basics(login_client, handler, application, city):
    case = application()
    c = login_client(handler)
    link = f'href="/reconsideration/{case.pk}/edit/">修改基本信息</a>'
    assert link in c.get(f"/reconsideration/{case.pk}/").content.decode()
    page = c.get(f"/reconsideration/{case.pk}/edit/")
    assert page.status_code == 200
    assert page.context["form"]["act"].value() == "行政处罚决定（示市监罚〔2025〕8号）"
    resp = c.post(f"/reconsideration/{case.pk}/edit/", _form(case, city))
    assert (resp.status_code, resp["Location"]) == (302, f"/reconsideration/{case.pk}/")
    case.refresh_from_db()
    assert (case.extra["act"], case.title, case.version) == (
        "行政处罚决定（示市监罚〔2025〕9号）",
        "行政处罚决定（示市监罚〔2025〕9号）",
        2,
    )


def test_a_stale_edit_shows_the_conflict_message_and_saves_nothing(login_client, handler, application, city):
    case = application()
    c = login_client(handler)
    form = _form(case, city)
    s.case_accept(case=case, by=handler, on=MON)
    resp = c.post(f"/reconsideration/{case.pk}/edit/", form)
    assert resp.context["form"].non_field_errors() == ["案件已被他人修改，请刷新页面后重试。"]
    case.refresh_from_db()
    assert case.extra["act"] == "行政处罚决定（示市监罚〔2025〕8号）"


def test_bad_edit_input_is_shown_next_to_its_field(login_client, handler, application, city):
    case = application()
    c = login_client(handler)
    resp = c.post(f"/reconsideration/{case.pk}/edit/", _form(case, city, respondent_unit="", respondent_name=" "))
    assert resp.context["form"].errors == {"respondent_name": ["请填写被申请人。"]}
    case.refresh_from_db()
    assert case.version == 1


def test_a_closed_case_offers_no_edit_link_and_refuses_the_edit(login_client, handler, application, city):
    case = application()
    s.case_reject(case=case, by=handler, on=MON, reasons="不属于行政复议范围")
    case.refresh_from_db()
    c = login_client(handler)
    assert "修改基本信息" not in c.get(f"/reconsideration/{case.pk}/").content.decode()
    resp = c.post(f"/reconsideration/{case.pk}/edit/", _form(case, city))
    assert resp.context["form"].non_field_errors() == ["案件已办结，不能修改基本信息。"]


@pytest.mark.parametrize(("role", "unit"), [("reconsideration_handler", "finance"), ("office_staff", "justice")])
def test_a_denied_user_gets_not_found_and_nothing_changes(login_client, persona, application, city, role, unit):
    case = application()
    c = login_client(persona(role, unit))
    assert c.get(f"/reconsideration/{case.pk}/edit/").status_code == 404
    assert c.post(f"/reconsideration/{case.pk}/edit/", _form(case, city)).status_code == 404
    assert c.get("/reconsideration/999999/edit/").status_code == 404
    case.refresh_from_db()
    assert (case.extra["act"], case.version) == ("行政处罚决定（示市监罚〔2025〕8号）", 1)
    assert not AuditEvent.objects.filter(action="reconsideration.case.edit").exists()
