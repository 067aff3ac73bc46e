"""Official documents (公文) as .docx in GB/T 9704-2012 layout, with python-docx.

A4; margins top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm; title 2号 (22 pt) 方正小标宋简体; body 3号
(16 pt) 仿宋_GB2312 with the East-Asian font set explicitly (python-docx only sets ascii/hAnsi); 22 lines of 28.95 pt;
first-line indent of 2 characters; headings 一、 in 黑体, （一） in 楷体_GB2312; page numbers "— N —" in 4号 宋体.

What a document is lives here; drawing it (python-docx) is in docx_render.py, loaded on the first render — every
module that issues documents imports this one, and python-docx would otherwise load at every start-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
LINE_PT = 28.95


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
    # 版记 (GB/T 9704-2012 §7.4): 抄送 line, then 印发机关 left and 印发日期 right, between full-width rules, 4号 仿宋
    colophon_cc: str = ""
    colophon_issuer: str = ""
    colophon_date: dt.date | None = None


def render_official_document(doc_spec: OfficialDocument) -> bytes:
    from .docx_render import render

    return render(doc_spec)
