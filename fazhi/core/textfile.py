"""The text of a document file: .txt (UTF-8 with or without BOM, else GB 18030) or .docx (paragraphs and tables).

Pure file reading, no database: `fazhi documents citations FILE`, the registration of a document's full text and a
consultation's draft import use it.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePath
from typing import BinaryIO


class UnreadableFileError(ValueError):
    """The file is not a readable .txt or .docx; the message is Chinese."""


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


def text_from_bytes(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError("文本文件的编码无法识别（应为 UTF-8 或 GB18030）。")


def text_of(name: str, stream: BinaryIO) -> str:
    """The text of a .txt or .docx file named `name` (by extension)."""
    ext = PurePath(name).suffix.lower()
    data = stream.read()
    if ext == ".docx":
        return text_from_docx(data)
    if ext in (".txt", ""):
        return text_from_bytes(data)
    raise UnreadableFileError(f"不支持的文件类型“{ext}”，应为 .txt 或 .docx。")
