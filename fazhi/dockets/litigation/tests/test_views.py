"""Pages: list, register, detail, a transition, import; the statistics pages with drill-down and the export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.cases.models import Case

pytestmark = pytest.mark.django_db


def test_the_handler_registers_a_lawsuit_and_sees_it_listed(login_client, handler, city):
    c = login_client(handler)
    page = c.get("/litigation/register/")
    assert page.status_code == 200
    token = page.context["form"]["submit_token"].value()
    data = {
        "submit_token": token,
        "court": "示范市东城区人民法院",
        "court_case_number": "（2025）示0101行初1号",
        "instance": "first",
        "served_on": "2025-03-03",
        "cause": "不服行政处罚",
        "plaintiff_kind": "person",
        "plaintiff_name": "张三",
        "plaintiff_id_number": "11010519491231002X",
        "plaintiff_phone": "13812345678",
        "defendant_unit": city["market"].pk,
    }
    resp = c.post("/litigation/register/", data)
    case = Case.objects.get(docket="litigation")
    assert resp.status_code == 302 and resp["Location"] == f"/litigation/{case.pk}/"
    c.post("/litigation/register/", data)  # double submit
    assert Case.objects.filter(docket="litigation").count() == 1
    listing = c.get("/litigation/?state=registered&year=2025&unit=C002")
    assert case.case_number in listing.content.decode() and listing.context["result"].total == 1
    detail = c.get(f"/litigation/{case.pk}/").content.decode()
    assert "答辩期限届满 2025-03-18" in detail and "提交答辩状" in detail


def test_a_bad_id_number_is_shown_next_to_its_field_and_saves_nothing(login_client, handler, city):
    c = login_client(handler)
    resp = c.post(
        "/litigation/register/",
        {
            "submit_token": "3f0f6f3e-0000-4000-8000-000000000001",
            "court": "法院",
            "court_case_number": "（2025）示0101行初951号",
            "instance": "first",
            "served_on": "2025-03-03",
            "cause": "案由",
            "plaintiff_kind": "person",
            "plaintiff_name": "张三",
            "plaintiff_id_number": "110105194912310021",
            "defendant_name": "某局",
        },
    )
    assert resp.status_code == 200 and resp.context["form"].errors.get("plaintiff_id_number")
    assert Case.objects.count() == 0


def test_a_transition_page_applies_the_service(login_client, handler, lawsuit):
    case = lawsuit()
    c = login_client(handler)
    assert c.get(f"/litigation/{case.pk}/do/submit_defence/").status_code == 200
    resp = c.post(f"/litigation/{case.pk}/do/submit_defence/", {"version": case.version, "on": "2025-03-10"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "defended"


def test_the_appearance_form_offers_the_hearings(login_client, handler, heard):
    case = heard()
    c = login_client(handler)
    page = c.get(f"/litigation/{case.pk}/do/record_appearance/")
    assert page.context["form"].fields["hearing"].choices == [("2025-04-10", "2025-04-10")]
    resp = c.post(
        f"/litigation/{case.pk}/do/record_appearance/",
        {"version": case.version, "hearing": "2025-04-10", "head_attended": "", "appeared": "科长"},
    )
    assert resp.status_code == 200 and resp.context["form"].errors["absence_reason"]


def test_another_units_handler_gets_not_found(login_client, persona, lawsuit):
    case = lawsuit()
    c = login_client(persona("reconsideration_handler", "finance"))
    assert c.get(f"/litigation/{case.pk}/").status_code == 404
    assert c.get(f"/litigation/{case.pk}/do/submit_defence/").status_code == 404


def test_a_user_without_the_docket_gets_not_found(login_client, persona):
    c = login_client(persona("dept_liaison", "market"))
    assert c.get("/litigation/").status_code == 404
    assert c.get("/litigation/register/").status_code == 404


def test_the_office_reads_lawsuits_but_registers_none(login_client, persona):
    # the 依法治市办 supervises 行政应诉 (出庭应诉率, 败诉率): it opens the list, not the register or import pages
    c = login_client(persona("office_staff", "justice"))
    page = c.get("/litigation/")
    assert page.status_code == 200 and "登记应诉案件" not in page.content.decode()
    assert c.get("/litigation/register/").status_code == 404
    assert c.get("/litigation/import/").status_code == 404


@pytest.fixture
def closed_lost(heard, handler, head):
    from fazhi.dockets.litigation import services as s

    case = heard()
    s.case_record_appearance(
        case=case, by=handler, hearing="2025-04-10", head_attended=True, head_name="甲", head_position="principal"
    )
    return s.case_close(case=case, by=head, on=dt.date(2025, 5, 20), outcome="revoke", summary="撤销")


def test_the_stats_page_shows_the_figures_and_charts_that_drill_to_the_cases(login_client, persona, closed_lost):
    # the drill-down lists the cases the viewer may open: one who works lawsuits (the kernel's case view needs the
    # docket's own view action, which the 依法治市办 does not hold for 行政应诉)
    c = login_client(persona("reconsideration_head", "justice"))
    page = c.get("/cases/stats/litigation/?year=2025")
    html = page.content.decode()
    assert page.status_code == 200 and 'class="chart"' in html and "echarts.min.js" in html
    rows = {r["label"]: r for r in page.context["rows"]}
    assert (rows["败诉"]["value"], rows["败诉率"]["value"], rows["负责人出庭应诉率"]["value"]) == (1, 100.0, 100.0)
    drill = c.get(rows["败诉"]["url"])
    assert drill.status_code == 200 and closed_lost.case_number in drill.content.decode()
    assert "data-links" in html
    assert c.get("/cases/stats/reconsideration/?year=2025").status_code == 200
    bad = c.get("/cases/stats/litigation/?year=abcd&unit=NOPE")
    assert bad.status_code == 200 and "未找到编码为“NOPE”的单位。" in bad.content.decode()


def test_the_export_needs_its_own_permission_and_is_audited(login_client, persona, closed_lost):
    handler_client = login_client(persona("reconsideration_handler", "justice"))
    assert handler_client.get("/cases/stats/litigation/export/?year=2025").status_code == 404
    c = login_client(persona("leader", "gov"))
    resp = c.get("/cases/stats/litigation/export/?year=2025")
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(resp.content))
    values = {r[0]: r[1] for r in wb["总体情况"].iter_rows(min_row=3, values_only=True)}
    assert (values["败诉"], values["败诉率"]) == (1, 100.0)
    assert [r for r in wb["分单位"].iter_rows(min_row=2, values_only=True)][0][:3] == (
        "C002",
        "示范市市场监督管理局",
        1,
    )
    assert AuditEvent.objects.filter(action="cases.stats.export", object_id="litigation").count() == 1


def test_the_import_page_offers_the_template(login_client, handler):
    c = login_client(handler)
    resp = c.get("/litigation/import/?template=1")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")


def _edit_form(case, city, **change):
    return {
        "version": case.version,
        "court": "示范市中级人民法院",
        "court_case_number": "（2025）示01行初3号",
        "instance": "second",
        "cause": "不服行政许可决定",
        "defendant_unit": city["market"].pk,
        "defendant_name": "",
        "plaintiff_phone": "",
        "plaintiff_address": "",
        **change,
    }


def test_the_detail_page_links_to_the_edit_page_which_saves_the_basics(login_client, handler, lawsuit, city):
    case = lawsuit()
    c = login_client(handler)
    assert f'href="/litigation/{case.pk}/edit/">修改基本信息</a>' in c.get(f"/litigation/{case.pk}/").content.decode()
    page = c.get(f"/litigation/{case.pk}/edit/")
    form = page.context["form"]
    assert page.status_code == 200
    assert (form["court"].value(), form["court_case_number"].value(), form["instance"].value()) == (
        "示范市东城区人民法院",
        "（2025）示0101行初1号",
        "first",
    )
    # the plaintiff's phone is never shown unmasked on the edit page
    html = page.content.decode()
    assert "13812345678" not in html and "现为 138****5678；留空表示不修改" in html
    resp = c.post(f"/litigation/{case.pk}/edit/", _edit_form(case, city, plaintiff_phone="13900001111"))
    assert (resp.status_code, resp["Location"]) == (302, f"/litigation/{case.pk}/")
    case.refresh_from_db()
    assert (case.extra["court"], case.extra["court_case_number"], case.extra["instance"], case.title) == (
        "示范市中级人民法院",
        "（2025）示01行初3号",
        "second",
        "不服行政许可决定",
    )
    assert case.parties.get(role="applicant").phone == "13900001111"


def test_a_stale_edit_shows_the_conflict_message_and_saves_nothing(login_client, handler, lawsuit, city):
    case = lawsuit()
    c = login_client(handler)
    form = _edit_form(case, city)
    c.post(f"/litigation/{case.pk}/do/submit_defence/", {"version": case.version, "on": "2025-03-10"})
    resp = c.post(f"/litigation/{case.pk}/edit/", form)
    assert resp.status_code == 200
    assert resp.context["form"].non_field_errors() == ["案件已被他人修改，请刷新页面后重试。"]
    case.refresh_from_db()
    assert (case.extra["court"], case.version) == ("示范市东城区人民法院", form["version"] + 1)


def test_bad_edit_input_is_shown_next_to_its_field_in_chinese(login_client, handler, lawsuit, city):
    case = lawsuit()
    c = login_client(handler)
    resp = c.post(f"/litigation/{case.pk}/edit/", _edit_form(case, city, defendant_unit="", plaintiff_phone="123"))
    assert resp.status_code == 200
    assert resp.context["form"].errors == {"defendant_name": ["请填写被告（本市单位或其他名称）。"]}
    resp = c.post(f"/litigation/{case.pk}/edit/", _edit_form(case, city, plaintiff_phone="123"))
    assert resp.context["form"].errors == {
        "plaintiff_phone": ["联系电话：电话号码格式不正确（手机号为11位，以1开头；固定电话如0571-88888888）。"]
    }
    case.refresh_from_db()
    assert (case.extra["court"], case.version) == ("示范市东城区人民法院", 1)


@pytest.mark.parametrize(("role", "unit"), [("reconsideration_handler", "finance"), ("office_staff", "justice")])
def test_a_denied_user_gets_not_found_for_the_edit_page_and_nothing_changes(
    login_client, persona, lawsuit, city, role, unit
):
    case = lawsuit()
    c = login_client(persona(role, unit))
    assert c.get(f"/litigation/{case.pk}/edit/").status_code == 404
    assert c.post(f"/litigation/{case.pk}/edit/", _edit_form(case, city)).status_code == 404
    assert c.get("/litigation/999999/edit/").status_code == 404  # missing looks the same
    case.refresh_from_db()
    assert (case.extra["court"], case.version) == ("示范市东城区人民法院", 1)
    assert not AuditEvent.objects.filter(action="litigation.case.edit").exists()
