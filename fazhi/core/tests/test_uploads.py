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


def _zip_with_declared_sizes(parts: dict[str, int]) -> bytes:
    """A zip whose central directory declares these uncompressed sizes (what a crafted bomb does: the check must read
    the directory, never inflate). Each part is deflated zeros; the declared size is the real one."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for name, size in parts.items():
            zf.writestr(name, b"0" * size)
    return buf.getvalue()


def test_finding_5_a_low_ratio_upload_expanding_past_the_total_limit_is_refused(settings):
    # The attack of issue #10 finding 5 had a ratio of 79 (below the ratio check) and expanded to 1.17 GB. Scaled down:
    # limits of 1 MB total, parts of 0.6 MB each deflate ~1000:1 but the check is on the declared total.
    settings.FAZHI_SECURITY = {
        **settings.FAZHI_SECURITY,
        "ZIP_MAX_TOTAL_BYTES": 1024 * 1024,
        "ZIP_MAX_PART_BYTES": 1024 * 1024,
    }
    data = _zip_with_declared_sizes({"xl/a.xml": 600 * 1024, "xl/b.xml": 600 * 1024})
    with pytest.raises(ValidationError) as err:
        check_upload(SimpleUploadedFile("台账.xlsx", data))
    assert err.value.code == "zip_too_large"
    assert err.value.message == "压缩文件解压后共 1.2 MB，超过上限 1.0 MB，拒绝处理。"


def test_finding_5_one_part_over_the_part_limit_is_refused_and_names_it(settings):
    settings.FAZHI_SECURITY = {
        **settings.FAZHI_SECURITY,
        "ZIP_MAX_TOTAL_BYTES": 10 * 1024 * 1024,
        "ZIP_MAX_PART_BYTES": 512 * 1024,
    }
    data = _zip_with_declared_sizes({"xl/worksheets/sheet1.xml": 600 * 1024})
    with pytest.raises(ValidationError) as err:
        check_upload(SimpleUploadedFile("台账.xlsx", data))
    assert err.value.code == "zip_too_large"
    assert (
        err.value.message == "压缩文件中的“xl/worksheets/sheet1.xml”解压后 0.6 MB，超过单个部件上限 0.5 MB，拒绝处理。"
    )


def test_finding_5_within_both_limits_passes(settings):
    settings.FAZHI_SECURITY = {
        **settings.FAZHI_SECURITY,
        "ZIP_MAX_TOTAL_BYTES": 2 * 1024 * 1024,
        "ZIP_MAX_PART_BYTES": 1024 * 1024,
    }
    data = _zip_with_declared_sizes({"xl/a.xml": 600 * 1024, "xl/b.xml": 600 * 1024})
    assert check_upload(SimpleUploadedFile("台账.xlsx", data)) == ".xlsx"


def test_the_zip_limits_default_to_50_mb():
    from django.conf import settings as s

    assert s.FAZHI_SECURITY["ZIP_MAX_TOTAL_BYTES"] == 50 * 1024 * 1024
    assert s.FAZHI_SECURITY["ZIP_MAX_PART_BYTES"] == 50 * 1024 * 1024


def test_a_directory_that_understates_a_part_cannot_make_a_reader_inflate_more():
    """The limit trusts the directory's sizes; this pins why that is safe: reading stops at the declared size."""
    import struct

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", b"0" * (5 * 1024 * 1024))
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 1000)  # central directory: uncompressed size 1000 bytes
    lh = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, lh + 22, 1000)  # local header too
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        assert zf.infolist()[0].file_size == 1000
        got = bytearray()

        def read_all() -> None:
            with zf.open("xl/workbook.xml") as part:
                while chunk := part.read1(4096):
                    got.extend(chunk)

        with pytest.raises(zipfile.BadZipFile, match="CRC"):
            read_all()
        assert len(got) <= 1000  # never more than the declared 1,000 bytes of the 5 MB: the CRC refuses at that point


def test_a_geojson_file_is_checked_as_text_and_only_where_a_caller_allows_it():
    good = SimpleUploadedFile("区县界.geojson", b'{"type": "FeatureCollection", "features": []}')
    assert check_upload(good, allowed=(".geojson", ".json")) == ".geojson"
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("区县界.geojson", b"{\x00\x01binary"), allowed=(".geojson",))
    assert exc.value.code == "file_content"
    with pytest.raises(ValidationError) as exc:  # not in the default set
        check_upload(SimpleUploadedFile("区县界.geojson", b"{}"))
    assert exc.value.code == "file_type"


def test_an_import_workbook_may_claim_more_than_a_document_within_its_own_limits(settings):
    # ADR 0013 (issue #15): a data workbook is bounded by IMPORT_ZIP_*, a document or attachment by ZIP_*. Scaled down:
    # a 0.6 MB sheet part is refused as a document (limit 0.5 MB) and passes as an import (limit 1 MB).
    from fazhi.core.uploads import check_import_workbook

    settings.FAZHI_SECURITY = {
        **settings.FAZHI_SECURITY,
        "ZIP_MAX_TOTAL_BYTES": 512 * 1024,
        "ZIP_MAX_PART_BYTES": 512 * 1024,
        "IMPORT_ZIP_MAX_TOTAL_BYTES": 1024 * 1024,
        "IMPORT_ZIP_MAX_PART_BYTES": 1024 * 1024,
    }
    data = _zip_with_declared_sizes({"xl/worksheets/sheet1.xml": 600 * 1024})
    with pytest.raises(ValidationError) as err:
        check_upload(SimpleUploadedFile("台账.xlsx", data))
    assert err.value.code == "zip_too_large"
    assert check_import_workbook(SimpleUploadedFile("台账.xlsx", data)) == ".xlsx"


def test_an_import_workbook_over_its_own_part_limit_is_refused_and_names_it(settings):
    from fazhi.core.uploads import check_import_workbook

    settings.FAZHI_SECURITY = {
        **settings.FAZHI_SECURITY,
        "IMPORT_ZIP_MAX_TOTAL_BYTES": 10 * 1024 * 1024,
        "IMPORT_ZIP_MAX_PART_BYTES": 512 * 1024,
    }
    data = _zip_with_declared_sizes({"xl/worksheets/sheet1.xml": 600 * 1024})
    with pytest.raises(ValidationError) as err:
        check_import_workbook(SimpleUploadedFile("台账.xlsx", data))
    assert (
        err.value.message == "压缩文件中的“xl/worksheets/sheet1.xml”解压后 0.6 MB，超过单个部件上限 0.5 MB，拒绝处理。"
    )


def test_the_import_zip_limits_default_to_256_mb():
    from django.conf import settings as s

    assert s.FAZHI_SECURITY["IMPORT_ZIP_MAX_TOTAL_BYTES"] == 256 * 1024 * 1024
    assert s.FAZHI_SECURITY["IMPORT_ZIP_MAX_PART_BYTES"] == 256 * 1024 * 1024
