"""The annual report on a known set of 行政复议 cases: placeholders bound to registry metrics, templates copied from
last year, the GB/T 9704 .docx read back, a frozen version that stays as it was when a new case is closed."""

from __future__ import annotations

import json
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from docx import Document
from docx.oxml.ns import qn

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import ConflictError, DomainError
from fazhi.reports import services as s
from fazhi.reports.documents import report_docx
from fazhi.reports.models import ReportSection, ReportTemplate
from fazhi.reports.selectors import content_keys, figures_live, frozen_content, report_content

pytestmark = pytest.mark.django_db

TEXT = "新收{{reconsideration.received}}，结案{{行政复议.结案}}，纠错率{{reconsideration.correction_rate}}。"


def _measures(report):
    return report.sections.filter(part="measures").order_by("order").first()


def _write(report, office, text=TEXT):
    sec = _measures(report)
    return s.section_save(by=office, section=sec, heading=sec.heading, text=text, expected_version=sec.version)


def _fill_required(report, office):
    for sec in report.sections.exclude(part="measures"):
        s.section_save(by=office, section=sec, heading=sec.heading, text="略。", expected_version=sec.version)


def test_a_report_starts_from_the_default_template_with_the_five_parts_and_the_usual_sub_headings(office):
    report = s.report_create(by=office, year=2025)
    assert report.title == "示范市人民政府2025年法治政府建设年度报告"
    assert list(report.sections.values_list("part", flat=True).distinct().order_by()) != []
    headings = list(report.sections.filter(part="measures").values_list("heading", flat=True))
    assert headings[:4] == [
        "坚持党的领导，统筹推进法治政府建设",
        "深入推进政府职能转变",
        "完善依法行政制度体系",
        "推进行政决策科学化、民主化、法治化",
    ]
    assert len(content_keys(report_content(year=2025, unit=None))) == 32
    assert s.report_create(by=office, year=2025) == report  # one per year and body
    assert AuditEvent.objects.filter(action="reports.report.created").count() == 1


def test_an_unknown_placeholder_is_refused_in_chinese_and_nothing_changes(office):
    report = s.report_create(by=office, year=2025)
    sec = _measures(report)
    before = (sec.text, sec.version)
    with pytest.raises(DomainError) as exc:
        s.section_save(by=office, section=sec, heading=sec.heading, text="纠错率{{复议.不存在}}。", expected_version=1)
    assert exc.value.code == "reports.unknown_metric"
    assert "“{{复议.不存在}}”在指标注册表中不存在" in exc.value.message
    with pytest.raises(DomainError) as exc:
        s.section_save(by=office, section=sec, heading=sec.heading, text="纠错率{{reconsideration.", expected_version=1)
    assert exc.value.code == "reports.bad_placeholder"
    sec.refresh_from_db()
    assert (sec.text, sec.version) == before
    assert not AuditEvent.objects.filter(action="reports.section.saved").exists()


def test_the_chinese_form_of_a_placeholder_is_saved_as_its_registry_key_and_a_stale_edit_is_refused(office):
    report = s.report_create(by=office, year=2025)
    sec = _write(report, office)
    assert sec.text == (
        "新收{{reconsideration.received}}，结案{{reconsideration.closed}}，纠错率{{reconsideration.correction_rate}}。"
    )
    with pytest.raises(ConflictError):
        s.section_save(by=office, section=sec, heading="", text="x", expected_version=sec.version - 1)


def test_the_figures_are_the_registry_values_on_a_known_set(office, case):
    case(decide=True)
    case(decide=False)
    report = s.report_create(by=office, year=2025)
    _write(report, office)
    content = report_content(year=2025, unit=None)
    figures = figures_live(content_keys(content), year=2025, unit=None)
    got = [(f["key"], f["value"], f["records"]) for f in figures]
    assert got[:3] == [
        ("reconsideration.received", 2, 2),
        ("reconsideration.closed", 1, 1),
        ("reconsideration.correction_rate", 100.0, 1),
    ]
    cli = json.loads(_cli("--json"))["figures"]
    assert [(f["key"], f["value"], f["records"]) for f in cli] == got


def _cli(*args: str) -> str:
    out = StringIO()
    call_command("report", "annual", "--year", "2025", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_template_is_copied_from_last_year_and_edited_and_next_years_report_starts_from_it(office):
    tpl = s.template_create(by=office, year=2024)
    rows = [{"part": t.part, "heading": t.heading, "text": t.text} for t in tpl.sections.all()]
    rows[0]["heading"] = "加强党对法治政府建设的领导"
    rows.insert(1, {"part": "measures", "heading": "推进政务公开", "text": "新收申请{{disclosure.new}}。"})
    s.template_save(by=office, template=tpl, sections=rows, expected_version=tpl.version)
    with pytest.raises(DomainError):
        s.template_save(
            by=office,
            template=tpl,
            sections=[{"part": "measures", "heading": "x", "text": "{{nope}}"}],
            expected_version=tpl.version + 1,
        )
    copy = s.template_create(by=office, year=2025)
    assert list(copy.sections.values_list("heading", flat=True))[:2] == ["加强党对法治政府建设的领导", "推进政务公开"]
    assert ReportTemplate.objects.count() == 2
    report = s.report_create(by=office, year=2025)
    assert report.template == copy
    assert list(report.sections.values_list("heading", flat=True))[:2] == ["加强党对法治政府建设的领导", "推进政务公开"]


def test_the_docx_has_the_gbt9704_layout_and_the_parts_as_literal_numbered_paragraphs(office, case, tmp_path):
    case(decide=True)
    report = s.report_create(by=office, year=2025)
    _write(report, office)
    out = tmp_path / "r.docx"
    _cli("--out", str(out))
    doc = Document(str(out))
    paras = doc.paragraphs
    texts = [p.text for p in paras]
    assert texts[0] == "示范市人民政府2025年法治政府建设年度报告"
    for title in (
        "一、2025年推进法治政府建设的主要举措和成效",
        "二、推进法治政府建设存在的不足和原因",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "四、2026年推进法治政府建设的主要安排",
        "五、其他需要报告的情况",
    ):
        assert title in texts
    assert "新收1件，结案1件，纠错率100%。" in texts
    assert "（一）坚持党的领导，统筹推进法治政府建设" in texts
    assert not doc.tables  # not in a table

    def font(p):
        r = p.runs[0]
        return (r._element.rPr.rFonts.get(qn("w:eastAsia")), r.font.size.pt)

    assert font(paras[0]) == ("方正小标宋简体", 22)
    assert font(paras[texts.index("二、推进法治政府建设存在的不足和原因")]) == ("黑体", 16)
    assert font(paras[texts.index("（一）坚持党的领导，统筹推进法治政府建设")]) == ("楷体_GB2312", 16)
    assert font(paras[texts.index("新收1件，结案1件，纠错率100%。")]) == ("仿宋_GB2312", 16)
    for p in paras:  # no Word auto-numbering anywhere
        assert p._element.pPr is None or p._element.pPr.numPr is None
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml
    assert texts[-1].startswith("示范市人民政府\t") and texts[-1].endswith("印发")  # 版记
    assert font(paras[-1]) == ("仿宋_GB2312", 14)
    assert "附件：数据口径说明" in texts


def test_freezing_refuses_an_empty_required_part_and_changes_nothing(office):
    report = s.report_create(by=office, year=2025)
    _write(report, office)
    with pytest.raises(DomainError) as exc:
        s.report_freeze(by=office, report=report)
    assert exc.value.message == "“推进法治政府建设存在的不足和原因”部分还没有内容，不能定稿。"
    assert not report.versions.exists()


def test_a_frozen_report_stays_the_same_after_a_new_case_is_closed(office, case, tmp_path):
    case(decide=True)
    report = s.report_create(by=office, year=2025)
    _write(report, office)
    _fill_required(report, office)
    v1 = s.report_freeze(by=office, report=report)
    frozen_before = json.loads(_cli("--json", "--frozen"))
    docx_before = _docx_texts(tmp_path, "--frozen")

    case(decide=True)  # a new case, closed in 2025
    live = {f["key"]: f["value"] for f in json.loads(_cli("--json"))["figures"]}
    assert live["reconsideration.closed"] == 2
    assert json.loads(_cli("--json", "--frozen")) == frozen_before
    assert {f["key"]: f["value"] for f in frozen_before["figures"]}["reconsideration.closed"] == 1
    assert _docx_texts(tmp_path, "--frozen") == docx_before
    _, figures, version = frozen_content(year=2025, unit=None)
    assert version == v1 and figures[1]["record_ids"] and len(figures[1]["record_ids"]) == 1

    v2 = s.report_freeze(by=office, report=report)  # a new snapshot is a new version
    assert v2.number == 2
    assert {f["key"]: f["value"] for f in json.loads(_cli("--json", "--frozen"))["figures"]}[
        "reconsideration.closed"
    ] == 2
    assert ReportSection.objects.filter(report=report).count() == 12


def _docx_texts(tmp_path, *args):
    out = tmp_path / "f.docx"
    _cli("--out", str(out), *args)
    return [p.text for p in Document(str(out)).paragraphs if "印发" not in p.text]


def test_report_docx_renders_the_figures_values_and_dashes_where_a_rate_has_no_denominator(office):
    report = s.report_create(by=office, year=2025)
    _write(report, office)
    content = report_content(year=2025, unit=None)
    data = report_docx(content, figures_live(content_keys(content), year=2025, unit=None))
    texts = [p.text for p in Document(BytesIO(data)).paragraphs]
    assert "新收0件，结案0件，纠错率—。" in texts
