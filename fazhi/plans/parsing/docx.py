"""Reading a file: .txt (UTF-8 or GBK) or .docx (paragraphs and task tables) → numbered lines."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from .model import PlanParseError

# ---------------------------------------------------------------------------------------------------------- reading


def read_document(data: bytes, filename: str = "") -> list[tuple[int, str]]:
    """Bytes of a .txt or .docx file → numbered lines. Raises PlanParseError for empty or unreadable files."""
    if not data or not data.strip():
        raise PlanParseError("文件为空，没有可导入的内容。")
    is_docx = filename.lower().endswith(".docx")
    if is_docx or data[:4] == b"PK\x03\x04":
        if not is_docx and filename and not filename.lower().endswith(".docx"):
            raise PlanParseError("文件内容与扩展名不符：请上传 .txt 或 .docx 文件。")
        return list(enumerate(docx_lines(data), start=1))
    if filename.lower().endswith(".doc") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise PlanParseError("不支持旧版 Word (.doc) 文件，请另存为 .docx 后再导入。")
    return list(enumerate(decode_text(data).splitlines(), start=1))


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlanParseError("无法识别文件编码（应为 UTF-8 或 GBK 文本）。", line=line) from exc
    raise PlanParseError("文件含有二进制内容，不是文本文件。", line=data[: data.index(b"\x00")].count(b"\n") + 1)


def docx_lines(data: bytes) -> list[str]:
    """Paragraphs and table rows in document order. A task table (序号/任务/牵头单位/配合单位/完成时限) becomes the
    same lines a typed document would have."""
    try:
        from docx import Document
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanParseError("文件不是有效的 Word (.docx) 文件，无法读取。") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and friends
        raise PlanParseError("文件不是有效的 Word (.docx) 文件，无法读取。") from exc
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, doc)))
    return lines


def _table_lines(table: Any) -> list[str]:
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    if not rows:
        return []
    header = rows[0]

    def col(*keys: str) -> int | None:
        for i, h in enumerate(header):
            if any(k in h for k in keys):
                return i
        return None

    lead, co, resp = col("牵头"), col("配合", "协办"), col("责任单位", "责任部门", "相关单位")
    if lead is None and resp is None:
        return [" ".join(c for c in r if c) for r in rows]
    num, due = col("序号", "编号"), col("时限", "完成时间")
    text_col = col("任务", "内容", "措施", "事项", "工作")
    out: list[str] = []
    for i, r in enumerate(rows[1:], start=1):
        text = r[text_col] if text_col is not None else ""
        if not text:
            continue
        number = r[num] if num is not None and r[num].strip().isdigit() else str(i)
        out.append(f"{number}.{text}")
        if due is not None and r[due]:
            out.append(f"完成时限:{r[due]}")
        if lead is not None:
            unit_line = f"牵头单位:{r[lead]}"
            if co is not None and r[co]:
                unit_line += f";配合单位:{r[co]}"
        else:
            unit_line = f"责任单位:{r[resp]}"  # type: ignore[index]
        out.append(unit_line)
    return out
