"""Pages: register (Art. 31 dates, errors beside the field), list, detail, the shared transition pages, the annual
table with drill-down and Excel."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.cases.models import Case
from fazhi.dockets.disclosure import services as s

pytestmark = pytest.mark.django_db


def _data(page, city, **kw):
    data = {
        "submit_token": page.context["form"]["submit_token"].value(),
        "handling_unit": city["justice"].pk,
        "channel": "mail",
        "mail_kind": "registered",
        "submitted_on": "2025-02-28",
        "signed_on": "2025-03-03",
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13812345678",
        "content": "2024年行政处罚统计",
    }
    data.update(kw)
    return data


def test_register_by_registered_post_counts_from_the_signed_for_day(login_client, handler, city):
    c = login_client(handler)
    page = c.get("/disclosure/register/")
    assert page.status_code == 200
    data = _data(page, city)
    resp = c.post("/disclosure/register/", data)
    case = Case.objects.get(docket="disclosure")
    assert resp.status_code == 302 and resp["Location"] == f"/disclosure/{case.pk}/"
    c.post("/disclosure/register/", data)  # a retried submit
    assert Case.objects.filter(docket="disclosure").count() == 1
    assert case.received_on == dt.date(2025, 3, 3)
    detail = c.get(f"/disclosure/{case.pk}/").content.decode()
    assert "签收之日" in detail and "2025-03-31" in detail and "通知补正" in detail
    assert "张三" not in detail  # masked
    listing = c.get("/disclosure/?state=received&year=2025")
    assert listing.context["result"].total == 1 and case.case_number in listing.content.decode()


def test_a_missing_confirmation_date_is_shown_beside_its_field_and_keeps_the_input(login_client, handler, city):
    c = login_client(handler)
    page = c.get("/disclosure/register/")
    resp = c.post("/disclosure/register/", _data(page, city, channel="online", mail_kind="", signed_on=""))
    assert resp.status_code == 200
    form = resp.context["form"]
    assert "请填写双方确认日期" in form.errors["confirmed_on"][0]
    assert form["content"].value() == "2024年行政处罚统计"
    assert Case.objects.count() == 0
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    resp = c.post("/disclosure/register/", _data(page, city, channel="in_person", submitted_on=future))
    assert "不能晚于今天" in resp.context["form"].errors["submitted_on"][0]


def test_transition_pages_correction_and_reply(login_client, handler, request_):
    case = request_()
    c = login_client(handler)
    page = c.get(f"/disclosure/{case.pk}/do/request_correction/")
    assert page.status_code == 200
    resp = c.post(
        f"/disclosure/{case.pk}/do/request_correction/",
        {"version": case.version, "on": "2025-03-05", "defects": "请明确所需信息的年度"},
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "correction"
    c.post(f"/disclosure/{case.pk}/do/receive_correction/", {"version": case.version, "on": "2025-03-10"})
    case.refresh_from_db()
    resp = c.post(
        f"/disclosure/{case.pk}/do/reply/",
        {"version": case.version, "on": "2025-03-20", "reply_type": "refuse", "row": "", "content": ""},
    )
    assert resp.status_code == 200 and "具体情形" in resp.content.decode()  # the field's error, nothing changed
    case.refresh_from_db()
    assert case.state == "received"
    c.post(
        f"/disclosure/{case.pk}/do/reply/",
        {"version": case.version, "on": "2025-03-20", "reply_type": "refuse", "row": "refused.5", "content": ""},
    )
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("replied", "refused.5")
    assert "政府信息公开申请答复书" in c.get(f"/disclosure/{case.pk}/").content.decode()


def test_annual_table_page_drill_and_excel(login_client, head, handler, request_):
    a = request_(received=dt.date(2025, 3, 3))
    s.case_reply(case=a, by=handler, on=dt.date(2025, 3, 10), reply_type="partial", content="公开一部分")
    b = request_(received=dt.date(2025, 3, 4), name="李四", applicant_type="commercial")
    c = login_client(head)
    page = c.get("/disclosure/table/?year=2025")
    assert page.status_code == 200
    html = page.content.decode()
    assert "（二）部分公开" in html and "校验通过" in html
    rows = {k: [n for _c, n in cells] for k, _label, cells in page.context["rows"]}
    assert rows["new"] == [1, 1, 0, 0, 0, 0, 2]
    assert rows["partial"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["carried_out"] == [0, 1, 0, 0, 0, 0, 1]
    drill = c.get("/disclosure/table/?year=2025&cell=carried_out&col=commercial")
    assert [r["pk"] for r in drill.context["drill"]] == [b.pk]
    xlsx = c.get("/disclosure/table/?year=2025&export=xlsx")
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in r] for r in ws.iter_rows()]
    new = next(r for r in values if r[0] and str(r[0]).startswith("一、"))
    assert new[1:] == [1, 1, 0, 0, 0, 0, 2]
    assert any(r[0] == "校验（一+二=三(七)+四）" and r[1] == "通过" for r in values)


def test_annual_report_docx_has_six_parts_the_table_and_the_fees(login_client, head, handler, request_):
    from docx import Document

    a = request_(received=dt.date(2025, 3, 3))
    s.case_fee_notice(case=a, by=handler, on=dt.date(2025, 3, 5), method="page", pages=31, reason="材料量大")
    s.case_fee_paid(case=a, by=handler, on=dt.date(2025, 3, 6))
    s.case_reply(case=a, by=handler, on=dt.date(2025, 3, 10), reply_type="disclose")
    c = login_client(head)
    assert c.get("/disclosure/report/?year=2025").status_code == 200
    resp = c.post(
        "/disclosure/report/?year=2025",
        {"overall": "本年度依法做好政府信息公开工作。", "version": "0", "generate": "1"},
    )
    assert resp.status_code == 200
    doc = Document(io.BytesIO(resp.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    for heading in (
        "一、总体情况",
        "二、主动公开",
        "三、收到和处理",
        "四、政府信息公开行政复议",
        "五、存在的主要问题",
        "六、其他需要报告",
    ):
        assert heading in text
    assert "本年度依法做好政府信息公开工作。" in text and "【请填写】" in text
    assert "收取信息处理费1件，共10元" in text
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "自然人")
    rows = [[cell.text for cell in r.cells] for r in table.rows]
    assert rows[0][1] == "自然人" and rows[0][-1] == "总计"
    assert next(r for r in rows if r[0].startswith("一、"))[1:] == ["1", "0", "0", "0", "0", "0", "1"]
    assert next(r for r in rows if r[0].startswith("三、"))[1:] == ["1", "0", "0", "0", "0", "0", "1"]


def test_the_report_texts_are_saved_per_unit_and_year_and_a_stale_form_is_refused(login_client, head):
    from fazhi.audit.models import AuditEvent
    from fazhi.dockets.disclosure.models import ReportText

    c = login_client(head)
    url = "/disclosure/report/?year=2025"
    saved = c.post(
        url, {"overall": "上半年完成制度修订。", "problems": "答复质量待提高。", "version": "0", "save": "1"}
    )
    assert saved.status_code == 302
    row = ReportText.objects.get(unit=head.unit, year=2025)
    assert row.texts["overall"] == "上半年完成制度修订。" and row.version == 1
    page = c.get(url).content.decode()
    assert "上半年完成制度修订。" in page and "答复质量待提高。" in page and 'name="version" value="1"' in page
    stale = c.post(url, {"overall": "另一人的改动", "version": "0", "save": "1"})
    html = stale.content.decode()
    assert stale.status_code == 400 and "该记录已被他人修改" in html and "另一人的改动" in html
    row.refresh_from_db()
    assert row.texts["overall"] == "上半年完成制度修订。"
    too_long = c.post(url, {"overall": "字" * 5001, "version": "1", "save": "1"})
    assert too_long.status_code == 400 and "一、总体情况：不能超过5000字" in too_long.content.decode()
    assert AuditEvent.objects.filter(action="disclosure.report.save").count() == 1
    assert c.get("/disclosure/report/?year=2024").context["form"].initial["version"] == 0  # another year: empty
