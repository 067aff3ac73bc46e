"""Case documents (.docx) from editable templates, rendered by the shared GB/T 9704 renderer (`fazhi/core/docx.py`).

A template is plain text edited by office users: one paragraph per line, {{占位符}} replaced at generation, a line
starting with >> is right-aligned (signature, date), a short line ending with "：" is the addressee (flush left), every
other line is body text with a two-character first-line indent. The case number goes right-aligned under the title
(法律文书 style); "一、" lines stay body text (they are usually the items of a decision, not headings).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.docx import OfficialDocument, Para, render_official_document

from .models import Case, CaseDocument
from .services import template_get

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def render_text(body: str, context: dict[str, Any]) -> str:
    """Replace {{占位符}} with context values; unknown placeholders become 【未填：name】 so nothing is silently lost.
    Plain substitution (not the Django template language): office users edit these texts."""

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        value = context.get(key)
        return str(value) if value not in (None, "") else f"【未填：{key}】"

    return PLACEHOLDER.sub(sub, body)


def template_paragraphs(lines: list[str]) -> list[Para]:
    """Template lines → paragraphs with their layout (see the module docstring)."""
    out = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(">>"):
            out.append(Para(stripped[2:].strip(), align="right"))
        elif stripped.endswith(("：", ":")) and len(stripped) < 40:
            out.append(Para(stripped, align="left"))
        else:
            out.append(Para(stripped))
    return out


def docx_build(*, title: str, paragraphs: list[str], number: str = "") -> bytes:
    return render_official_document(
        OfficialDocument(
            title=title,
            paragraphs=list(template_paragraphs(paragraphs)),
            doc_number=number,
            number_below_title=True,
            detect_headings=False,
        )
    )


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
