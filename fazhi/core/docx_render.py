"""Drawing an OfficialDocument with python-docx (the layout is described in docx.py)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .docx import BODY_FONT, HEADING1_FONT, HEADING2_FONT, LINE_PT, TITLE_FONT, OfficialDocument, Para

LINE = Pt(LINE_PT)


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


def _rule(paragraph, edge: str, size: int) -> None:  # type: ignore[no-untyped-def]
    """A full-width line above or below a paragraph (the 版记's rules; size in eighths of a point)."""
    ppr = paragraph._element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    el = OxmlElement(f"w:{edge}")
    for attr, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
        el.set(qn(f"w:{attr}"), value)
    borders.append(el)


def _add_colophon(doc, doc_spec: OfficialDocument) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph()
    first = True
    if doc_spec.colophon_cc:
        p = doc.add_paragraph()
        _exact_spacing(p)
        p.paragraph_format.left_indent = Pt(14)
        _rule(p, "top", 8)
        first = False
        _set_font(p.add_run("抄送：" + doc_spec.colophon_cc.rstrip("。") + "。"), BODY_FONT, Pt(14))
    p = doc.add_paragraph()
    _exact_spacing(p)
    p.paragraph_format.left_indent = Pt(14)
    p.paragraph_format.right_indent = Pt(14)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
    _rule(p, "top", 8 if first else 4)
    _rule(p, "bottom", 8)
    date = _cn_date(doc_spec.colophon_date) + "印发" if doc_spec.colophon_date else ""
    _set_font(p.add_run(f"{doc_spec.colophon_issuer}\t{date}"), BODY_FONT, Pt(14))


def render(doc_spec: OfficialDocument) -> bytes:
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
    if doc_spec.colophon_issuer or doc_spec.colophon_cc:
        _add_colophon(doc, doc_spec)
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()
