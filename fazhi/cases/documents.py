"""Official documents (.docx) from editable templates, laid out in GB/T 9704-2012 style.

Layout: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 22 pt 方正小标宋简体 centred; body 16 pt
仿宋_GB2312 (the w:eastAsia font is set, otherwise Word falls back to a Latin font for Chinese), exact 28.95 pt line
spacing, first-line indent of two characters. If `fazhi/core/docx.py` appears, this module should defer to it.
"""

from __future__ import annotations

import io
import re
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.audit.services import record_event

from .models import Case, CaseDocument
from .services import template_get

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
LINE_SPACING = Pt(28.95)
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def render_text(body: str, context: dict[str, Any]) -> str:
    """Replace {{占位符}} with context values; unknown placeholders become 【未填：name】 so nothing is silently lost.
    Plain substitution (not the Django template language): office users edit these texts."""

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        value = context.get(key)
        return str(value) if value not in (None, "") else f"【未填：{key}】"

    return PLACEHOLDER.sub(sub, body)


def _font(run: Any, name: str, size: Pt, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _spacing(paragraph: Any) -> None:
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE_SPACING
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)


def docx_build(*, title: str, paragraphs: list[str], number: str = "") -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p)
    _font(p.add_run(title), TITLE_FONT, Pt(22))
    if number:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _spacing(p)
        _font(p.add_run(number), BODY_FONT, Pt(16))
    for line in paragraphs:
        p = doc.add_paragraph()
        _spacing(p)
        stripped = line.strip()
        if stripped.startswith(">>"):  # right-aligned signature / date lines
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            stripped = stripped[2:].strip()
        elif stripped.endswith(("：", ":")) and len(stripped) < 40:  # addressee line, flush left
            pass
        else:
            p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(stripped), BODY_FONT, Pt(16))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@transaction.atomic
def case_document_generate(*, case: Case, code: str, by: Any, context: dict[str, Any]) -> CaseDocument:
    """Render the docket's (editable) template `code` for the case and store it as a CaseDocument."""
    template = template_get(case.docket, code)
    text = render_text(template.body, {"案号": case.case_number, **context})
    paragraphs = [line for line in text.splitlines() if line.strip()]
    data = docx_build(title=template.title, paragraphs=paragraphs, number=case.case_number)
    doc = CaseDocument(
        case=case,
        template_code=code,
        title=template.title,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    doc.file.save(f"{uuid.uuid4().hex}.docx", ContentFile(data), save=False)
    doc.save()
    record_event(
        actor=by if by is not None else "system",
        action="cases.document.generate",
        obj=case,
        summary={"code": code, "document_id": doc.pk},
        unit=case.handling_unit,
    )
    return doc
