"""The text of a document file: .txt (UTF-8 with or without BOM, else GB 18030), .docx (paragraphs and tables) or
.pdf with a text layer (pypdf; a scan without one is refused with what to upload instead — no OCR here).

Pure file reading, no database: `fazhi documents citations FILE`, the registration of a document's full text and a
consultation's draft import use it.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePath
from typing import BinaryIO


class UnreadableFileError(ValueError):
    """The file is not a readable .txt, .docx or .pdf; the message is Chinese."""


def text_from_docx(data: bytes) -> str:
    from docx import Document

    try:
        doc = Document(BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise UnreadableFileError("文件不是有效的 .docx 文档。") from exc
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def docx_lines(data: bytes, cell_sep: str = " | ") -> list[str]:
    """The paragraphs and table rows of a .docx in document order, one line each: a row's cells joined by `cell_sep`
    (a cell merged across columns gives its text once and empty cells after it, so the columns stay in place; a cell's
    own paragraphs are joined by a space; a vertically merged cell
    repeats its text on each row it spans, as python-docx gives it). For parsers that read tables flattened to text
    (the indicator-set import)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = Document(BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise UnreadableFileError("文件不是有效的 .docx 文档。") from exc
    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):
                        cells.append("")  # merged across columns: the text once, the columns kept
                        continue
                    seen.append(cell._tc)
                    cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                lines.append(cell_sep.join(cells))
    return lines


def text_from_pdf(data: bytes) -> str:
    """The text layer of every page, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableFileError("PDF 文件已加密，无法读取正文，请上传未加密的文件。")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except UnreadableFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFileError("文件不是有效的 PDF 文档。") from exc
    text = "\n\n".join(p for p in pages if p)
    if not text:
        raise UnreadableFileError(
            "该 PDF 没有文字层（可能是扫描件），无法读取正文：请上传 .docx 或 .txt 文件，或直接粘贴正文。"
        )
    return text


def text_from_bytes(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError("文本文件的编码无法识别（应为 UTF-8 或 GB18030）。")


def text_of(name: str, stream: BinaryIO) -> str:
    """The text of a .txt, .docx or .pdf file named `name` (by extension)."""
    ext = PurePath(name).suffix.lower()
    data = stream.read()
    if ext == ".docx":
        return text_from_docx(data)
    if ext == ".pdf":
        return text_from_pdf(data)
    if ext in (".txt", ""):
        return text_from_bytes(data)
    raise UnreadableFileError(f"不支持的文件类型“{ext}”，应为 .txt、.docx 或 .pdf。")
