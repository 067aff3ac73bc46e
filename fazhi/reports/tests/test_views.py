"""The report pages: list and create, the editor with its figure picker and preview, freeze, a frozen figure's
records, the diff with last year on a known pair of years, the .docx download; who may do what."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from fazhi.reports import services as s
from fazhi.reports.models import Report, ReportVersion

from .conftest import MON

pytestmark = pytest.mark.django_db


def _section(report, part="measures", n=0):
    return list(report.sections.filter(part=part).order_by("order"))[n]


def _fill(report, by, text):
    sec = _section(report)
    s.section_save(by=by, section=sec, heading=sec.heading, text=text, expected_version=sec.version)
    for other in report.sections.exclude(part="measures"):
        s.section_save(by=by, section=other, heading=other.heading, text="略。", expected_version=other.version)


def test_the_office_creates_the_years_report_from_the_list_page_once(persona, login_client):
    c = login_client(persona("office_head"))
    page = c.get(reverse("reports:list"))
    assert page.status_code == 200 and "新建年度报告" in page.content.decode()
    token = "6b1a3c2e-1111-4222-8333-444455556666"
    r1 = c.post(reverse("reports:list"), {"year": "2025", "unit": "", "submit_token": token})
    r2 = c.post(reverse("reports:list"), {"year": "2025", "unit": "", "submit_token": token})
    report = Report.objects.get()
    assert r1.status_code == 302 and r1["Location"] == reverse("reports:detail", args=[report.pk])
    assert r2["Location"] == r1["Location"]
    detail = c.get(r1["Location"]).content.decode()
    assert "一、2025年推进法治政府建设的主要举措和成效" in detail and "定稿（冻结数据）" in detail


def test_the_editor_refuses_an_unknown_placeholder_keeping_the_text_and_previews_values(persona, login_client, case):
    office = persona("office_head")
    case(decide=True)
    report = s.report_create(by=office, year=2025)
    sec = _section(report)
    c = login_client(office)
    url = reverse("reports:section_edit", args=[report.pk, sec.pk])
    page = c.get(url).content.decode()
    assert "行政复议 · 纠错率（%）" in page and "{{reconsideration.correction_rate}}" in page  # the picker
    bad = c.post(url, {"heading": "复议", "text": "纠错率{{复议.纠错率X}}", "version": sec.version, "do": "save"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "在指标注册表中不存在" in body and "纠错率{{复议.纠错率X}}" in body
    sec.refresh_from_db()
    assert sec.heading != "复议"
    prev = c.post(
        url,
        {
            "heading": "复议",
            "text": "纠错率{{reconsideration.correction_rate}}。",
            "version": sec.version,
            "do": "preview",
        },
    )
    assert "纠错率100%。" in prev.content.decode()
    ok = c.post(url, {"heading": "复议", "text": "纠错率{{行政复议.纠错率}}。", "version": sec.version, "do": "save"})
    assert ok.status_code == 302
    sec.refresh_from_db()
    assert sec.text == "纠错率{{reconsideration.correction_rate}}。"
    stale = c.post(url, {"heading": "复议", "text": "x", "version": sec.version - 1, "do": "save"})
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()


def test_freeze_then_the_frozen_figure_lists_the_records_as_frozen(persona, login_client, case):
    office = persona("office_head")
    first = case(decide=True)
    report = s.report_create(by=office, year=2025)
    _fill(report, office, "结案{{reconsideration.closed}}。")
    c = login_client(office)
    assert c.post(reverse("reports:freeze", args=[report.pk])).status_code == 302
    v = ReportVersion.objects.get()
    case(decide=True)
    page = c.get(reverse("reports:version", args=[report.pk, 1])).content.decode()
    assert "结案1件。" in page
    fig = c.get(reverse("reports:frozen_figure", args=[report.pk, 1, "reconsideration.closed"])).content.decode()
    assert "共 1 条" in fig and f"/reconsideration/{first.pk}/" in fig
    detail = c.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "结案2件。" in detail  # the draft is live; the version is not
    doc = Document(BytesIO(c.get(reverse("reports:document", args=[report.pk]) + "?version=1").content))
    assert "结案1件。" in [p.text for p in doc.paragraphs]
    assert v.snapshot.values.get(key="reconsideration.closed").value == 1


def test_the_diff_with_last_year_on_a_known_pair_of_years(persona, login_client, case):
    office = persona("office_head")
    case(decide=True, on=MON.replace(year=2024))
    case(decide=True, on=MON.replace(year=2024))
    last = s.report_create(by=office, year=2024)
    _fill(last, office, "结案{{reconsideration.closed}}，纠错率{{reconsideration.correction_rate}}。")
    s.report_freeze(by=office, report=last)
    case(decide=True)
    case(decide=False)
    report = s.report_create(by=office, year=2025)
    sec = _section(report, n=1)  # 深入推进政府职能转变: dropped this year
    s.section_save(
        by=office, section=sec, heading="", text="新收{{reconsideration.received}}。", expected_version=sec.version
    )
    _fill(report, office, "结案{{reconsideration.closed}}，纠错率{{reconsideration.correction_rate}}。")
    c = login_client(office)
    page = c.get(reverse("reports:diff", args=[report.pk])).content.decode()
    assert "上年：2024年报告定稿第1版" in page
    from fazhi.reports.selectors import figures_live, report_diff

    figures = figures_live(
        ["reconsideration.closed", "reconsideration.correction_rate", "reconsideration.received"], year=2025, unit=None
    )
    diff = report_diff(report, figures)
    assert [(f["key"], f["value"], f["last"], f["change"]) for f in diff["figures"]] == [
        ("reconsideration.closed", 1, 2, -1),
        ("reconsideration.correction_rate", 100.0, 100.0, 0.0),
        ("reconsideration.received", 2, 2, 0),  # not in last year's report: counted now for 2024
    ]
    assert diff["missing_headings"] == [
        {"part": "2025年推进法治政府建设的主要举措和成效", "heading": "深入推进政府职能转变"}
    ]
    assert "深入推进政府职能转变" in page and "-1件" in page


def test_a_leader_reads_but_may_not_edit_or_freeze_and_a_liaison_sees_nothing(persona, login_client):
    office = persona("office_head")
    report = s.report_create(by=office, year=2025)
    sec = _section(report)
    leader = login_client(persona("leader"))
    assert leader.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    assert "新建年度报告" not in leader.get(reverse("reports:list")).content.decode()
    assert leader.get(reverse("reports:section_edit", args=[report.pk, sec.pk])).status_code == 404
    assert leader.post(reverse("reports:freeze", args=[report.pk])).status_code == 404
    assert leader.post(reverse("reports:list"), {"year": "2024", "unit": ""}).status_code == 404
    assert not ReportVersion.objects.exists() and Report.objects.count() == 1
    liaison = login_client(persona("dept_liaison", "market"))
    assert liaison.get(reverse("reports:list")).status_code == 404
    assert liaison.get(reverse("reports:detail", args=[report.pk])).status_code == 404
