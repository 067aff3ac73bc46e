"""Uploads are checked by size and content, not only by extension (ASVS V5.2; R-11…R-13)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.uploads import check_upload


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_a_real_pdf_and_docx_pass():
    assert check_upload(SimpleUploadedFile("证据.pdf", b"%PDF-1.7\n...")) == ".pdf"
    assert check_upload(SimpleUploadedFile("材料.docx", _docx_bytes())) == ".docx"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("伪装.pdf", b"MZ\x90\x00 executable", "file_content"),
        ("伪装.docx", b"PK\x03\x04 not really a zip", "file_content"),
        ("程序.exe", b"MZ", "file_type"),
        ("空.pdf", b"", "file_empty"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(name, content, code):
    with pytest.raises(ValidationError) as err:
        check_upload(SimpleUploadedFile(name, content))
    assert err.value.code == code


def test_an_xlsx_renamed_to_docx_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ValidationError, match="不是有效的.docx文件"):
        check_upload(SimpleUploadedFile("决定书.docx", buf.getvalue()))


def test_an_oversized_file_is_refused_before_reading(settings):
    settings.FAZHI_SECURITY = {**settings.FAZHI_SECURITY, "UPLOAD_MAX_BYTES": 1024}
    with pytest.raises(ValidationError) as err:
        check_upload(SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * 2000))
    assert err.value.code == "file_size"
    assert "上限" in err.value.message


def test_a_zip_bomb_is_refused(settings):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "0" * (30 * 1024 * 1024))
    with pytest.raises(ValidationError) as err:
        check_upload(SimpleUploadedFile("炸弹.docx", buf.getvalue()))
    assert err.value.code == "zip_bomb"
