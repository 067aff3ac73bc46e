"""The electronic case file (电子卷宗): every document the case generated and every material added at any step, in
order, with its kind, who added it and when; exported as one PDF (封面, 卷内目录, 办理过程, then each item) or as a
.zip (the PDF, the original files by kind, and a 目录.txt with their SHA-256).

PDF: ReportLab draws the cover, the table of contents, the timeline and the text of generated .docx documents with the
Adobe CID font STSong-Light (no font file needed on the server); pypdf appends the pages of PDF materials. Images are
placed on a page of their own; other formats (.xls, .ofd …) get a page naming the file, which is in the .zip
(docs/adr/0007-case-file-pdf.md). A user who may not see the parties' personal data gets masked names and no identity
documents (`CasePolicy` rule "pii").
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.utils import timezone

from .models import Attachment, AttachmentKind, Case, CaseDocument, Party
from .policies import CasePolicy
from .registry import docket_get

IDENTITY_KINDS = (AttachmentKind.IDENTITY.value,)
KIND_LABEL = dict(AttachmentKind.choices)


@dataclass
class FileItem:
    """One line of the 卷内目录."""

    is_document: bool  # a document the case generated (文书), else a material (Attachment)
    pk: int
    title: str
    kind_code: str
    kind: str  # label: 申请材料, 决定书 …
    added_at: dt.datetime
    added_by: str
    file_name: str
    restricted: bool = False  # the viewer may not open it (listed, not included)

    @property
    def added_on(self) -> dt.date:
        return timezone.localtime(self.added_at).date() if timezone.is_aware(self.added_at) else self.added_at.date()

    @property
    def suffix(self) -> str:
        return PurePath(self.file_name).suffix.lower()

    @property
    def download_url(self) -> str:
        from django.urls import reverse

        from fazhi.core.downloads import download_key

        model = CaseDocument if self.is_document else Attachment
        name = "cases:document_download" if self.is_document else "cases:attachment_download"
        return reverse(name, args=[download_key(model.DOWNLOAD_KIND, self.pk)])

    def open(self) -> Any:
        model = CaseDocument if self.is_document else Attachment
        return model.objects.get(pk=self.pk).file.open("rb")


def may_see_pii(user: Any, case: Case) -> bool:
    return CasePolicy.can(user, "pii", case)


_FILE_SQL = """
SELECT 'doc', d.id, d.title, '', d.created_at, u.full_name, u.username, %s, d.file
  FROM {doc} d LEFT OUTER JOIN {user} u ON u.id = d.created_by_id WHERE d.case_id = %s
UNION ALL
SELECT 'att', a.id, a.label, a.kind, a.created_at, u.full_name, u.username, a.from_public, a.file
  FROM {att} a LEFT OUTER JOIN {user} u ON u.id = a.uploaded_by_id WHERE a.case_id = %s
ORDER BY 5, 2
"""


def case_file_rows(case: Case) -> list[FileItem]:
    """Documents and materials in the order they entered the file, in one statement (the case page reads it)."""
    from fazhi.core.rows import value_rows
    from fazhi.orgs.models import User

    sql = _FILE_SQL.format(doc=CaseDocument._meta.db_table, att=Attachment._meta.db_table, user=User._meta.db_table)
    a, u = Attachment._meta, User._meta
    fields = [a.get_field(f) for f in ("kind", "id", "label", "kind", "created_at")]
    fields += [u.get_field("full_name"), u.get_field("username"), a.get_field("from_public"), a.get_field("label")]
    items = []
    for source, pk, title, kind, at, full_name, username, public, name in value_rows(
        Attachment, sql, [False, case.pk, case.pk], fields
    ):
        doc = source == "doc"
        who = "申请人（网上提交）" if public else (full_name or username or "系统")
        kind = "" if doc else kind
        items.append(FileItem(doc, pk, title, kind, "文书" if doc else KIND_LABEL.get(kind, kind), at, who, name))
    return items


def case_file_items(case: Case, user: Any, rows: list[FileItem] | None = None) -> list[FileItem]:
    """The rows as `user` may see them: identity documents restricted, and generated documents (which carry the
    parties' full details) too, for a user without the personal-data permission."""
    pii = may_see_pii(user, case)
    rows = case_file_rows(case) if rows is None else rows
    for item in rows:
        item.restricted = not pii and (item.is_document or item.kind_code in IDENTITY_KINDS)
    return rows


# ---- PDF -----------------------------------------------------------------------------------------------------------
FONT = "STSong-Light"


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=30, alignment=1, spaceAfter=18),
        "h2": ParagraphStyle("h2", parent=base, fontSize=15, leading=24, alignment=1, spaceAfter=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10.5, leading=15),
    }


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(str(text)).replace("\n", "<br/>")


def _pdf(flowables: list[Any]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=37 * mm, bottomMargin=35 * mm
    )
    doc.build(flowables)
    return buf.getvalue()


def text_pdf(title: str, body: str) -> bytes:
    """A plain A4 PDF of a title and paragraphs (blank-line separated), in the case file's font: the demo's scanned
    materials, and any docket that must put generated text into the case file as a PDF."""
    from reportlab.platypus import Paragraph

    st = _styles()
    paras = [Paragraph(_esc(title), st["title"])]
    paras += [Paragraph(_esc(p.strip()), st["body"]) for p in body.split("\n\n") if p.strip()]
    return _pdf(paras)


def _party_line(p: Party, pii: bool) -> str:
    role = p.get_role_display()
    if not pii:
        return f"{role}：{p.masked_name}"
    parts = [
        p.name,
        p.id_number and f"身份证号码{p.id_number}",
        p.credit_code and f"统一社会信用代码{p.credit_code}",
        p.address and f"住址{p.address}",
        p.phone and f"电话{p.phone}",
    ]
    return f"{role}：" + "，".join(x for x in parts if x)


def _cover(case: Case, pii: bool, st: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    spec = docket_get(case.docket)
    lines = [
        ("案号", case.case_number),
        ("案件类型", spec.label),
        ("案由", case.title),
        ("承办单位", case.handling_unit.name),
        ("收到日期", case.received_on.isoformat()),
        ("状态", spec.state_label(case.state) + (f"（{spec.outcome_label(case.outcome)}）" if case.outcome else "")),
        ("结案日期", case.closed_on.isoformat() if case.closed_on else "未结案"),
    ]
    out: list[Any] = [Spacer(1, 60), Paragraph(f"{_esc(spec.label)}案件卷宗", st["title"]), Spacer(1, 30)]
    out += [Paragraph(f"{k}：{_esc(v)}", st["body"]) for k, v in lines]
    out += [Paragraph(_esc(_party_line(p, pii)), st["body"]) for p in case.parties.all()]
    return out


def _toc(items: list[FileItem], starts: list[int | str], st: dict[str, Any]) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [[Paragraph(h, st["cell"]) for h in ("序号", "材料名称", "类型", "提交人", "日期", "页号")]]
    for i, (item, start) in enumerate(zip(items, starts, strict=True), 1):
        title = item.title + ("（载有个人信息，无权查看，未收入）" if item.restricted else "")
        rows.append(
            [
                Paragraph(_esc(x), st["cell"])
                for x in (i, title, item.kind, item.added_by, item.added_on.isoformat(), start)
            ]
        )
    table = Table(rows, colWidths=[28, 170, 56, 70, 62, 34], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph("卷内目录", st["h2"]), table]


def _timeline(case: Case, st: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    from .selectors import case_timeline

    out: list[Any] = [Paragraph("办理过程", st["h2"])]
    for e in case_timeline(case):
        who = f"（{e['actor']}）" if e["actor"] else ""
        out.append(Paragraph(_esc(f"{e['occurred_on'].isoformat()}  {e['label']}{who}"), st["body"]))
    return out


def _item_pages(item: FileItem, st: dict[str, Any]) -> bytes:
    """The item as PDF pages."""
    from reportlab.platypus import Image, Paragraph, Spacer

    head = [Paragraph(_esc(f"{item.title}（{item.kind}）"), st["h2"])]
    if item.restricted:
        return _pdf([*head, Paragraph("载有当事人个人信息，您无权查看，未收入本卷宗。", st["body"])])
    suffix = item.suffix
    with item.open() as f:
        data = f.read()
    if suffix == ".pdf":
        return data
    if suffix == ".docx":
        from docx import Document

        paras = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]
        return _pdf([*head, *(Paragraph(_esc(t), st["body"]) for t in paras)])
    if suffix in (".png", ".jpg", ".jpeg"):
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(data)) as im:
            w, h = im.size
        scale = min(440 / w, 560 / h, 1.0)
        return _pdf([*head, Spacer(1, 6), Image(io.BytesIO(data), width=w * scale, height=h * scale)])
    if suffix == ".txt":
        return _pdf([*head, Paragraph(_esc(data.decode("utf-8", "replace")), st["body"])])
    return _pdf([*head, Paragraph(_esc(f"电子文件“{item.title}”（{suffix}）见卷宗压缩包。"), st["body"])])


def _pages(data: bytes) -> int:
    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 — a damaged PDF material: listed, replaced by a note page
        return 0


def case_file_pdf(case: Case, user: Any) -> bytes:
    """The whole case file as one PDF: cover, 卷内目录 (with each item's first page), 办理过程, the items."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.platypus import Paragraph

    st = _styles()
    pii = may_see_pii(user, case)
    items = case_file_items(case, user)
    cover = _pdf(_cover(case, pii, st))
    timeline = _pdf(_timeline(case, st))
    bodies = []
    for item in items:
        body = _item_pages(item, st)
        if _pages(body) == 0:
            body = _pdf([Paragraph(_esc(f"{item.title}：文件无法读取，见卷宗压缩包。"), st["body"])])
        bodies.append(body)
    toc_len = _pages(_pdf(_toc(items, ["000"] * len(items), st)))
    page = 1 + toc_len + _pages(timeline) + 1
    starts: list[int | str] = []
    for body in bodies:
        starts.append(page)
        page += _pages(body)
    toc = _pdf(_toc(items, starts, st))
    writer = PdfWriter()
    for part in (cover, toc, timeline, *bodies):
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata({"/Title": f"{case.case_number} 案件卷宗"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def case_file_zip(case: Case, user: Any) -> bytes:
    """The PDF, the original files in folders by kind, and 目录.txt (序号, 类型, 名称, 提交人, 日期, SHA-256)."""
    import hashlib

    items = case_file_items(case, user)
    buf = io.BytesIO()
    lines = ["序号\t类型\t材料名称\t提交人\t日期\t文件\tSHA-256"]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{case.case_number}卷宗.pdf", case_file_pdf(case, user))
        for i, item in enumerate(items, 1):
            if item.restricted:
                lines.append(
                    f"{i}\t{item.kind}\t{item.title}\t{item.added_by}\t{item.added_on}\t（无权查看，未收入）\t"
                )
                continue
            with item.open() as f:
                data = f.read()
            name = f"{item.kind}/{i:03d}-{_safe(item.title)}{item.suffix}"
            z.writestr(name, data)
            lines.append(
                f"{i}\t{item.kind}\t{item.title}\t{item.added_by}\t{item.added_on}\t{name}\t{hashlib.sha256(data).hexdigest()}"
            )
        z.writestr("目录.txt", "\n".join(lines) + "\n")
    return buf.getvalue()


def _safe(name: str) -> str:
    keep = "".join(c if c not in '\\/:*?"<>|' else "_" for c in name)
    return PurePath(keep).stem[:60] or "材料"


def case_file_context(user: Any, case: Case, rows: list[FileItem] | None = None) -> dict[str, Any]:
    """What the case page's 电子卷宗 card needs (cases/case_file.html); `rows` as kept (selectors.case_page_reads)."""
    return {
        "items": case_file_items(case, user, rows),
        "pii": may_see_pii(user, case),
        "can_attach": CasePolicy.can(user, "attach", case),
    }
