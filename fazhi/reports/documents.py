"""The annual report as .docx in GB/T 9704 layout (fazhi.core.docx): the five parts as literal numbered paragraphs
("一、…", sub-headings "（一）…"), figures written as their values, an attachment note naming each figure's 口径, the
signature, page numbers and the 版记."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from fazhi.core.docx import OfficialDocument, Para, render_official_document

from .parts import cn_number, parts
from .placeholders import text_render, value_text


def report_paragraphs(content: dict[str, Any], figures: list[dict[str, Any]]) -> list[Para]:
    values = {f["key"]: f for f in figures}
    out: list[Para] = []
    for i, part in enumerate(parts(content["year"]), start=1):
        out.append(Para(f"{cn_number(i)}、{part.title}"))
        n = 0
        for section in (s for s in content["sections"] if s["part"] == part.code):
            if section["heading"].strip():
                n += 1
                out.append(Para(f"（{cn_number(n)}）{section['heading'].strip()}"))
            for line in text_render(section["text"], values).splitlines():
                if line.strip():
                    out.append(Para(line.strip()))
    if figures:
        out.append(Para("附件：数据口径说明", align="left"))
        for i, f in enumerate(figures, start=1):
            out.append(
                Para(
                    f"{i}．{f.get('module', '')}{'·' if f.get('module') else ''}{f['label']}：{value_text(f['value'], f['unit'])}（计入记录{f['records']}条）。"
                    f"口径：{f['definition']}",
                    align="left",
                )
            )
    return out


def report_docx(
    content: dict[str, Any], figures: list[dict[str, Any]], *, issued_on: dt.date | None = None, note: str = ""
) -> bytes:
    conf = settings.FAZHI_REPORTS
    day = issued_on or timezone.localdate()
    return render_official_document(
        OfficialDocument(
            title=content["title"],
            paragraphs=list(report_paragraphs(content, figures)),
            issuer=content["issuer"],
            issued_on=day,
            footer_note=note,
            colophon_cc=conf.get("COLOPHON_CC", ""),
            colophon_issuer=content["issuer"],
            colophon_date=day,
        )
    )
