"""Official documents (公文) as .docx in GB/T 9704-2012 layout, with python-docx.

A4; margins top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm; title 2号 (22 pt) 方正小标宋简体; body 3号
(16 pt) 仿宋_GB2312 with the East-Asian font set explicitly (python-docx only sets ascii/hAnsi); 22 lines of 28.95 pt;
first-line indent of 2 characters; headings 一、 in 黑体, （一） in 楷体_GB2312; page numbers "— N —" in 4号 宋体.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
LINE = Pt(28.95)


@dataclass
class Para:
    """A paragraph with explicit layout, for texts whose lines carry their own alignment (editable templates)."""

    text: str
    align: str = "justify"  # "justify" (first-line indent of 2 characters), "left" (flush, no indent), "right"


@dataclass
class OfficialDocument:
    title: str
    paragraphs: list[str | Para] = field(default_factory=list)  # "一、…" and "（一）…" lines become headings
    doc_number: str = ""  # 发文字号, e.g. 示政复〔2026〕12号
    recipient: str = ""  # 主送机关 / 当事人, ends with "：" when rendered
    issuer: str = ""  # 发文机关署名
    issued_on: dt.date | None = None
    table: list[list[str]] | None = None  # optional table after the body (first row is the header)
    footer_note: str = ""  # 版记 line (e.g. 抄送)
    number_below_title: bool = False  # 法律文书 style: the case number right-aligned under the title
    detect_headings: bool = True  # False: "一、" lines stay body text (e.g. the items of a decision)


def _set_font(run, name: str, size: Pt, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


def _exact_spacing(paragraph) -> None:  # type: ignore[no-untyped-def]
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _add_page_number(section) -> None:  # type: ignore[no-untyped-def]
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("— ")
    _set_font(run, "宋体", Pt(14))
    fld_run = p.add_run()
    _set_font(fld_run, "宋体", Pt(14))
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        fld_run._element.append(el)
    tail = p.add_run(" —")
    _set_font(tail, "宋体", Pt(14))


def render_official_document(doc_spec: OfficialDocument) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _add_page_number(section)

    if doc_spec.doc_number and not doc_spec.number_below_title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _exact_spacing(p)
        _set_font(p.add_run(doc_spec.doc_number), BODY_FONT, Pt(16))
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(16)
    title.paragraph_format.space_after = Pt(16)
    _set_font(title.add_run(doc_spec.title), TITLE_FONT, Pt(22))
    if doc_spec.doc_number and doc_spec.number_below_title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _exact_spacing(p)
        _set_font(p.add_run(doc_spec.doc_number), BODY_FONT, Pt(16))
    if doc_spec.recipient:
        p = doc.add_paragraph()
        _exact_spacing(p)
        _set_font(p.add_run(doc_spec.recipient.rstrip("：:") + "："), BODY_FONT, Pt(16))
    for item in doc_spec.paragraphs:
        para = item if isinstance(item, Para) else Para(item)
        text = para.text
        p = doc.add_paragraph()
        _exact_spacing(p)
        if para.align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif para.align == "justify":
            p.paragraph_format.first_line_indent = Pt(32)  # 2 characters of 16 pt
        font = BODY_FONT
        if not doc_spec.detect_headings or para.align != "justify":
            pass
        elif text[:2] and text[0] in "一二三四五六七八九十" and "、" in text[:4]:
            font = HEADING1_FONT
        elif text.startswith(("（一", "（二", "（三", "（四", "（五", "（六", "（七", "（八", "（九", "（十")):
            font = HEADING2_FONT
        _set_font(p.add_run(text), font, Pt(16))
    if doc_spec.table:
        table = doc.add_table(rows=0, cols=len(doc_spec.table[0]))
        table.style = "Table Grid"
        for r, row in enumerate(doc_spec.table):
            cells = table.add_row().cells
            for c, value in enumerate(row):
                cells[c].text = ""
                _set_font(cells[c].paragraphs[0].add_run(str(value)), HEADING1_FONT if r == 0 else BODY_FONT, Pt(12))
    if doc_spec.issuer or doc_spec.issued_on:
        doc.add_paragraph()
        for line in (doc_spec.issuer, _cn_date(doc_spec.issued_on) if doc_spec.issued_on else ""):
            if line:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p.paragraph_format.right_indent = Pt(64)  # 4 characters
                _exact_spacing(p)
                _set_font(p.add_run(line), BODY_FONT, Pt(16))
    if doc_spec.footer_note:
        p = doc.add_paragraph()
        _exact_spacing(p)
        _set_font(p.add_run(doc_spec.footer_note), BODY_FONT, Pt(14))
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()
