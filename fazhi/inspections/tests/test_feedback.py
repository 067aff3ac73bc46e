"""督察反馈意见 import: the parser on a varied sample (numbering styles 一、/（一）/1./1、/(1), an item split across a
page break by a form feed or a page-number line, inline and separate unit lines, several units, a unit named by
alias), .docx as well as text; the preview's problems; the import all or nothing, one finding and one item per unit."""

from __future__ import annotations

import io
import re

import pytest

from fazhi.core.errors import DomainError
from fazhi.inspections.feedback import FeedbackParseError, parse_feedback, parse_feedback_text
from fazhi.inspections.models import Finding
from fazhi.inspections.services import feedback_import, feedback_preview
from fazhi.supervision.models import Item

from .factories import days, plan_underway

SAMPLE = """关于示范市法治政府建设督察情况的反馈意见

一、总体评价
示范市高度重视法治政府建设，取得了积极成效。
二、存在的问题
（一）行政执法方面
1. 部分执法单位行政执法公示不及时，行政处罚决定未在规定时间内公开。（责任单位：市市场监管局）
2、执法全过程记录设备配备不足，部分现场执法未全程记录，执法记录仪使用
- 3 -
率偏低。
责任单位：东城区政府
整改时限：2027年3月底前
（二）规范性文件方面
(1)个别规范性文件未经合法性审核即印发。
责任单位：市财政局、东城区政府
依据：国办发〔2018〕115号
(2)规范性文件定期清理不及时，存在超期未评估的\f文件。（责任单位：示范财政）
三、整改要求
各单位要高度重视，逐项整改。
"""


def test_the_parser_on_a_varied_sample():
    got = [(f.numbering, f.theme, f.text, f.units, f.due_text, f.basis) for f in parse_feedback_text(SAMPLE)]
    assert got == [
        (
            "1",
            "行政执法方面",
            "部分执法单位行政执法公示不及时，行政处罚决定未在规定时间内公开。",
            ["市市场监管局"],
            "",
            "",
        ),
        (
            "2",
            "行政执法方面",
            "执法全过程记录设备配备不足，部分现场执法未全程记录，执法记录仪使用率偏低。",
            ["东城区政府"],
            "2027年3月底前",
            "",
        ),
        (
            "1",
            "规范性文件方面",
            "个别规范性文件未经合法性审核即印发。",
            ["市财政局", "东城区政府"],
            "",
            "国办发〔2018〕115号",
        ),
        ("2", "规范性文件方面", "规范性文件定期清理不及时，存在超期未评估的文件。", ["示范财政"], "", ""),
    ]


def test_chinese_numbered_findings_and_a_page_line_reading_di_n_ye():
    text = "二、存在的问题\n一、法治督察整改台账不完整，\n第 2 页 共 5 页\n整改销号材料缺失。（责任单位：市财政局）\n"
    got = [(f.numbering, f.text, f.units) for f in parse_feedback_text(text)]
    assert got == [("一", "法治督察整改台账不完整，整改销号材料缺失。", ["市财政局"])]


def test_a_leaf_item_under_problems_without_a_unit_is_still_a_finding():
    text = "二、存在的问题\n1. 问题一。（责任单位：市财政局）\n2. 问题二没有单位。\n三、整改要求\n1. 按时整改。\n"
    got = [(f.text, f.units) for f in parse_feedback_text(text)]
    assert got == [("问题一。", ["市财政局"]), ("问题二没有单位。", [])]


def test_a_document_without_findings_is_refused():
    with pytest.raises(FeedbackParseError) as e:
        parse_feedback_text("一、总体评价\n很好。\n")
    assert e.value.message == "没有识别出问题条目：问题应逐条编号，并写明责任单位。"


def test_docx_reads_the_same():
    from docx import Document

    doc = Document()
    for line in SAMPLE.replace("\f", "").splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    got = [f.text for f in parse_feedback(buf.getvalue(), "反馈意见.docx")]
    assert len(got) == 4 and got[1] == "执法全过程记录设备配备不足，部分现场执法未全程记录，执法记录仪使用率偏低。"


@pytest.fixture
def leader(persona):
    return persona("office_staff")


@pytest.mark.django_db
def test_preview_resolves_units_by_name_short_name_and_alias(city, leader):
    from fazhi.orgs.models import UnitAlias

    UnitAlias.objects.create(unit=city["finance"], name="示范财政")
    rows = feedback_preview(data=SAMPLE.encode(), filename="反馈.txt", year=2026)
    assert [[u["id"] for u in r["resolved"]] for r in rows] == [
        [city["market"].pk],
        [city["district"].pk],
        [city["finance"].pk, city["district"].pk],
        [city["finance"].pk],
    ]
    assert [r["due_on"] for r in rows] == ["", "2027-03-31", "", ""]
    assert [r["errors"] for r in rows] == [[], [], [], []]


@pytest.mark.django_db
def test_an_unknown_unit_shows_in_the_preview_and_refuses_the_import(city, leader):
    p = plan_underway(city, leader)
    rows = feedback_preview(data=SAMPLE.encode(), filename="反馈.txt", year=2026)  # no alias 示范财政
    assert rows[3]["errors"] == ["未找到单位“示范财政”（可在单位管理中为该单位添加别名）"]
    before = (Finding.objects.count(), Item.objects.count())
    with pytest.raises(DomainError) as e:
        feedback_import(
            plan=p,
            by=leader,
            rows=rows,
            source_title="督察反馈意见",
            found_on=days(0),
            default_due=days(60),
            severity="minor",
        )
    assert e.value.field == "file" and e.value.message.startswith("第4项（规范性文件定期清理不及时")
    assert (Finding.objects.count(), Item.objects.count()) == before


@pytest.mark.django_db
def test_import_raises_one_finding_and_one_item_per_unit(city, leader):
    from fazhi.orgs.models import UnitAlias

    UnitAlias.objects.create(unit=city["finance"], name="示范财政")
    p = plan_underway(city, leader)
    rows = feedback_preview(data=SAMPLE.encode(), filename="反馈.txt", year=2026)
    made = feedback_import(
        plan=p,
        by=leader,
        rows=rows,
        source_title="省督察组反馈意见",
        found_on=days(0),
        default_due=days(60),
        severity="serious",
    )
    got = [(f.number, f.responsible_unit.code, f.due_on, f.basis, f.source, f.item.kind) for f in made]
    from datetime import date

    assert got == [
        (1, "C002", days(60), "省督察组反馈意见第1项", "feedback", "inspections.finding"),
        (2, "D100", date(2027, 3, 31), "省督察组反馈意见第2项", "feedback", "inspections.finding"),
        (3, "C003", days(60), "国办发〔2018〕115号", "feedback", "inspections.finding"),
        (4, "D100", days(60), "国办发〔2018〕115号", "feedback", "inspections.finding"),
        (5, "C003", days(60), "省督察组反馈意见第4项", "feedback", "inspections.finding"),
    ]


@pytest.mark.django_db
def test_the_import_page_previews_then_imports(city, leader, login_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from fazhi.jobs.models import Job
    from fazhi.jobs.services import jobs_run_pending
    from fazhi.orgs.models import UnitAlias

    UnitAlias.objects.create(unit=city["finance"], name="示范财政")
    p = plan_underway(city, leader)
    c = login_client(leader)
    url = reverse("inspections:feedback", args=[p.pk])
    r = c.post(
        url,
        {
            "file": SimpleUploadedFile("反馈意见.txt", SAMPLE.encode(), content_type="text/plain"),
            "source_title": "省督察组反馈意见",
            "found_on": days(0).isoformat(),
            "default_due": days(60).isoformat(),
            "severity": "minor",
        },
    )
    # the file is read in the worker (ADR 0010): the page waits on the job, then previews
    job = Job.objects.get(kind="inspections.feedback_parse")
    assert r.status_code == 302 and r["Location"] == f"{url}?job={job.pk}"
    assert 'id="job-progress"' in c.get(r["Location"]).content.decode()
    assert jobs_run_pending() == 1
    r = c.get(f"{url}?job={job.pk}")
    html = r.content.decode()
    assert r.status_code == 200 and "预览：省督察组反馈意见（4项）" in html and 'id="do-import"' in html
    assert Finding.objects.count() == 0
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    r = c.post(url, {"payload": payload})
    assert r.status_code == 302 and Finding.objects.count() == 5
    assert c.post(url, {"payload": payload}).status_code == 302  # a retried submit imports nothing more
    assert c.post(url, {"payload": payload[:-3] + "xyz"}).status_code == 302  # tampered: back to upload
    assert Finding.objects.count() == 5


@pytest.mark.django_db
def test_a_file_the_worker_cannot_read_comes_back_beside_the_file_with_the_fields_kept(city, leader, login_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from fazhi.jobs.services import jobs_run_pending

    p = plan_underway(city, leader)
    c = login_client(leader)
    url = reverse("inspections:feedback", args=[p.pk])
    data = {"source_title": "省督察组反馈意见", "found_on": days(0).isoformat(), "default_due": days(60).isoformat()}
    r = c.post(url, {**data, "severity": "minor", "file": SimpleUploadedFile("空.txt", "无编号的说明文字".encode())})
    jobs_run_pending()
    r = c.get(r["Location"])
    html = r.content.decode()
    assert r.status_code == 400 and 'value="省督察组反馈意见"' in html
    assert Finding.objects.count() == 0
