"""Upload checks (ASVS V5.2): size first, then the content's magic bytes must match the extension."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

# extension → accepted leading bytes
MAGIC: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".ofd": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04",),
    ".txt": (),
}
# Text formats checked as text (no NUL bytes; the caller parses them): accepted only where a caller names them in
# `allowed` (not in the default set), e.g. a GeoJSON boundary file (dashboards).
TEXT_TYPES = (".txt", ".json", ".geojson")
OOXML_MARKER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_RATIO = 100


def check_upload(
    f: UploadedFile, *, allowed: tuple[str, ...] = tuple(MAGIC), max_bytes: int | None = None, zip_limits: str = "ZIP"
) -> str:
    """Return the lower-case extension if the file is what it says, else raise ValidationError in Chinese.

    `zip_limits` names the pair of settings that bound a zip's declared expansion: "ZIP" (`ZIP_MAX_PART_BYTES` /
    `ZIP_MAX_TOTAL_BYTES`, 50 MB: documents and attachments, which python-docx and the PDF builder read in the web
    process) or "IMPORT_ZIP" (`check_import_workbook`)."""
    limit = max_bytes or settings.FAZHI_SECURITY["UPLOAD_MAX_BYTES"]
    name = f.name or ""
    ext = PurePath(name).suffix.lower()
    if ext not in allowed:
        raise ValidationError(f"不支持的文件类型“{ext or '无扩展名'}”，允许：{'、'.join(allowed)}。", code="file_type")
    if f.size is not None and f.size > limit:
        raise ValidationError(f"文件过大：{f.size // 1024} KB，上限 {limit // 1024 // 1024} MB。", code="file_size")
    if f.size == 0:
        raise ValidationError("文件为空。", code="file_empty")
    f.seek(0)
    head = f.read(16)
    f.seek(0)
    signatures = MAGIC.get(ext, ())
    if ext in TEXT_TYPES:
        sample = f.read(4096)
        f.seek(0)
        if b"\x00" in sample:
            raise ValidationError("文件内容与扩展名不符：不是文本文件。", code="file_content")
        return ext
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(f"文件内容与扩展名不符：该文件不是有效的{ext}文件。", code="file_content")
    if ext in OOXML_MARKER or ext == ".zip":
        _check_zip(f, OOXML_MARKER.get(ext), ext, zip_limits)
    return ext


def check_import_workbook(f: UploadedFile) -> str:
    """Check an .xlsx that is imported as data (a docket's, the enforcement records', the indicators' imports).

    Its zip directory is bounded by `IMPORT_ZIP_MAX_PART_BYTES` / `IMPORT_ZIP_MAX_TOTAL_BYTES` (default 256 MB), not
    the 50 MB of documents: such a workbook is only ever read inside `core.bounded.run_bounded` (ADR 0010: a forked
    child under a memory ceiling and a time limit), and 100,000 依申请公开 rows are a 69 MB sheet part (issue #15;
    ADR 0013). The ratio and entry-count checks are the same."""
    return check_upload(f, allowed=(".xlsx",), zip_limits="IMPORT_ZIP")


def _check_zip(f: UploadedFile, marker: str | None, ext: str, zip_limits: str) -> None:
    try:
        with zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ValidationError("压缩文件条目过多，拒绝处理。", code="zip_bomb")
            _check_expanded_sizes(infos, zip_limits)
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total / packed > MAX_ZIP_RATIO and total > 10 * 1024 * 1024:
                raise ValidationError("压缩比异常，拒绝处理。", code="zip_bomb")
            if marker and marker not in zf.namelist():
                raise ValidationError(f"文件内容与扩展名不符：该文件不是有效的{ext}文件。", code="file_content")
    except zipfile.BadZipFile as exc:
        raise ValidationError(f"文件内容与扩展名不符：该文件不是有效的{ext}文件。", code="file_content") from exc
    finally:
        f.seek(0)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _check_expanded_sizes(infos: list[zipfile.ZipInfo], zip_limits: str) -> None:
    """Refuse from the directory alone. The sizes it declares bind: Python's zipfile stops inflating a part at its
    declared size (and fails its CRC), so a directory that lies cannot make openpyxl or python-docx read more."""
    limits = settings.FAZHI_SECURITY
    part_max, total_max = limits[f"{zip_limits}_MAX_PART_BYTES"], limits[f"{zip_limits}_MAX_TOTAL_BYTES"]
    for i in infos:
        if i.file_size > part_max:
            raise ValidationError(
                f"压缩文件中的“{i.filename}”解压后 {_mb(i.file_size)}，超过单个部件上限 {_mb(part_max)}，拒绝处理。",
                code="zip_too_large",
            )
    total = sum(i.file_size for i in infos)
    if total > total_max:
        raise ValidationError(
            f"压缩文件解压后共 {_mb(total)}，超过上限 {_mb(total_max)}，拒绝处理。", code="zip_too_large"
        )


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    """A file field taking several files at once (cleaned to a list; [] when none)."""

    widget = MultiFileInput

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        if isinstance(data, list | tuple):
            return [super(MultiFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []
