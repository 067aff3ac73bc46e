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


def document_text(case: Case, code: str, context: dict[str, Any]) -> tuple[str, list[str]]:
    """The template's title and its lines for the case: {{案号}}, and {{发文机关}} — the issuing body set on the
    template (per docket and document; e.g. 示范市人民政府 for 行政复议决定书), else the handling unit."""
    template = template_get(case.docket, code)
    issuer = template.issuer or case.handling_unit.name
    text = render_text(template.body, {"案号": case.case_number, "发文机关": issuer, **context})
    return template.title, [line for line in text.splitlines() if line.strip()]


def document_preview(case: Case, code: str, context: dict[str, Any]) -> list[tuple[str, str]]:
    """What `case_document_generate` would write, as (align, text) lines, the title first: the approval pages."""
    title, lines = document_text(case, code, context)
    return [("", title), *((p.align, p.text) for p in template_paragraphs(lines))]


@transaction.atomic
def case_document_generate(*, case: Case, code: str, by: Any, context: dict[str, Any]) -> CaseDocument:
    """Render the docket's (editable) template `code` for the case and store it as a CaseDocument."""
    title, paragraphs = document_text(case, code, context)
    data = docx_build(title=title, paragraphs=paragraphs, number=case.case_number)
    doc = CaseDocument(
        case=case,
        template_code=code,
        title=title,
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
