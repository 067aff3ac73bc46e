"""The parser reproduces the sample's expected parse exactly and copes with messier layouts."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from fazhi.plans.parsing import PlanParseError, parse_plan, parse_plan_text

# Copies of ../shared/samples/plan_sample.txt and .expected.json (byte-identical), so the test never depends on a mount.
DATA = Path(__file__).resolve().parents[1] / "data"


def _sample_bytes() -> bytes:
    return (DATA / "plan_sample.txt").read_bytes()


def test_sample_plan_reproduces_expected_json_exactly():
    # given the sample plan and its expected parse
    expected = json.loads((DATA / "plan_sample.expected.json").read_text("utf-8"))
    expected.pop("_about")
    # when it is parsed
    got = parse_plan(_sample_bytes(), "plan_sample.txt").as_json()
    # then the whole JSON is identical
    assert got == expected


def test_sample_plan_as_docx_gives_the_same_tasks():
    from docx import Document

    doc = Document()
    for line in _sample_bytes().decode("utf-8").splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    assert parse_plan(buf.getvalue(), "plan.docx").as_json() == parse_plan(_sample_bytes(), "plan.txt").as_json()


def test_fullwidth_punctuation_and_variant_numbering_parse_alike():
    text = """某县2025年法治政府建设工作计划
一、重点工作
（一）推进政府职能转变
1、深化放管服改革。完善权责清单，10月底前完成。（牵头单位：县政务服务局；配合单位：县司法局、县发展
改革局）
2、推进“互联网+监管”。年底前覆盖全部执法部门，上半年前完成方案。
责任单位：县市场监管局，县司法局（二）规范执法
(1)开展案卷评查。每季度抽查一次，抽查比例不低于10%。
牵头单位：县司法局
配合单位：各行政执法部门
- 3 -
(2)推行三项制度。全面落实行政执法公示制度，2025年11月30日前完成
评估。
责任单位：县司法局
"""
    plan = parse_plan_text(text)
    t1, t2, t3, t4 = plan.tasks
    assert plan.plan_year == 2025
    assert t1.section == ["一、重点工作", "(一)推进政府职能转变"]
    assert (t1.lead_units, t1.co_units) == (["县政务服务局"], ["县司法局", "县发展改革局"])
    assert t1.due == dt.date(2025, 10, 31)
    assert t2.due is None and t2.as_json().get("due", "absent") == "absent"  # two dates: no due
    assert t3.section == ["一、重点工作", "(二)规范执法"]  # heading glued to the unit line
    assert (t3.lead_units, t3.co_units) == (["县司法局"], ["各行政执法部门"])
    assert t3.rhythm == "quarterly"
    assert t3.targets == [{"op": ">=", "value": "10", "unit": "%", "text": "不低于10%"}]
    assert t4.title == "推行三项制度" and t4.due == dt.date(2025, 11, 30)
    assert t4.text.endswith("2025年11月30日前完成评估。")  # page-broken sentence joined


def test_task_table_in_docx_is_read():
    from docx import Document

    doc = Document()
    doc.add_paragraph("《示范市2026年整改清单》")
    table = doc.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, ["序号", "整改任务", "牵头单位", "配合单位", "完成时限"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["1", "整改执法问题。逐项销号。", "市司法局", "市财政局", "2026年6月底前"], strict=True
    ):
        cell.text = text
    buf = io.BytesIO()
    doc.save(buf)
    (task,) = parse_plan(buf.getvalue(), "list.docx").tasks
    assert (task.title, task.lead_units, task.co_units, task.due) == (
        "整改执法问题",
        ["市司法局"],
        ["市财政局"],
        dt.date(2026, 6, 30),
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.txt", "文件为空"),
        (b"   \n\n", "a.txt", "文件为空"),
        (b"not a zip at all", "a.docx", "不是有效的 Word"),
        (b"PK\x03\x04garbage", "a.docx", "不是有效的 Word"),
        ("只有一段话，没有编号任务。".encode(), "a.txt", "未识别到任何任务"),
    ],
)
def test_bad_files_are_refused_with_a_chinese_message(data, name, message):
    with pytest.raises(PlanParseError) as exc:
        parse_plan(data, name)
    assert message in exc.value.message


def test_orphan_unit_line_names_its_line():
    with pytest.raises(PlanParseError) as exc:
        parse_plan_text("标题\n\n牵头单位：市司法局\n")
    assert exc.value.line == 3
