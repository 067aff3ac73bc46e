"""Documents: editable templates rendered into GB/T 9704-style .docx files."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.cases.documents import case_document_generate, render_text
from fazhi.cases.services import template_get, template_update

pytestmark = pytest.mark.django_db


def test_placeholders_are_replaced_and_missing_ones_flagged():
    assert render_text("{{申请人}}：{{ 日期 }}{{无}}", {"申请人": "张*", "日期": "2026年1月5日"}) == (
        "张*：2026年1月5日【未填：无】"
    )


def test_generated_document_uses_the_edited_template_and_gbt9704_layout(toy_case):
    case = toy_case()
    tpl = template_get("toy", "notice")
    template_update(
        template=tpl, by=None, title="测试通知书", body=tpl.body + "\n特此通知。", expected_version=tpl.version
    )
    doc = case_document_generate(case=case, code="notice", by=None, context={"申请人": "张*", "日期": "2026年1月5日"})
    d = Document(io.BytesIO(doc.file.read()))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "示测〔2026〕1号" in text
    assert "特此通知。" in text
    assert "张*：" in text
    s = d.sections[0]
    assert (round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm)) == (
        37,
        35,
        28,
        26,
    )
    assert abs(s.page_width - Mm(210)) < Mm(1)
    title_run = d.paragraphs[0].runs[0]
    assert title_run.font.size == Pt(22)
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = d.paragraphs[3]
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing == Pt(28.95)


def test_template_lines_keep_their_layout_through_the_shared_renderer(toy_case):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    case = toy_case()
    doc = case_document_generate(case=case, code="notice", by=None, context={"申请人": "张*", "日期": "2026年1月5日"})
    d = Document(io.BytesIO(doc.file.read()))
    texts = [p.text for p in d.paragraphs]
    # title, case number under it (right), addressee (flush left), body (indented), signature (right)
    assert texts == ["测试通知书", "示测〔2026〕1号", "张*：", "本机关于2026年1月5日收到你的申请。", "示范市人民政府"]
    number, addressee, body, signature = d.paragraphs[1:5]
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT and signature.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert addressee.paragraph_format.first_line_indent is None
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert "PAGE" in d.sections[0].footer.paragraphs[0]._element.xml  # page numbers from core/docx


def test_numbered_lines_stay_body_text():
    from fazhi.cases.documents import docx_build

    d = Document(io.BytesIO(docx_build(title="决定书", paragraphs=["一、撤销该处罚决定。"], number="")))
    assert d.paragraphs[1].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
