"""Files with a portal complaint: checked as the kernel's case-file attachments are (type by content, size), every
file checked before anything is stored; shown to the supervisor on the complaint page, each download audited; no
other complainant, no liaison and no anonymous caller reaches them."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.audit.models import AuditEvent
from fazhi.enforcement.models import Complaint, ComplaintAttachment

from .factories import body_with_staff

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
URL = "/portal/enforcement/complaints/submit/"
LOOKUP = "/portal/enforcement/complaints/lookup/"


@pytest.fixture
def body(city):
    return body_with_staff(city["market"])["body"]


def _form(body, files=(), **kw):
    data = {
        "body": body.pk,
        "name": "刘某某",
        "phone": "13900001111",
        "subject": "执法人员未出示证件",
        "content": "检查时未出示行政执法证件。",
        "submit_token": "6f1c4f7e-2f4b-4d55-9a61-0c1d2e3f4a5b",
    }
    data.update(kw)
    if files:
        data["files"] = list(files)
    return data


def _pdf(name="检查通知书.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _png(name="现场照片.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_a_portal_complaint_keeps_its_files_with_their_digests(client, body):
    r = client.post(URL, _form(body, files=[_pdf(), _png()]))
    assert r.status_code == 200
    c = Complaint.objects.get()
    atts = list(c.attachments.order_by("id"))
    assert [(a.original_name, a.size, a.sha256, a.from_public) for a in atts] == [
        ("检查通知书.pdf", len(PDF), hashlib.sha256(PDF).hexdigest(), True),
        ("现场照片.png", len(PNG), hashlib.sha256(PNG).hexdigest(), True),
    ]
    assert atts[0].file.read() == PDF
    received = AuditEvent.objects.get(action="enforcement.complaint.received")
    assert received.summary["attachments"] == [
        {"name": "检查通知书.pdf", "sha256": hashlib.sha256(PDF).hexdigest()},
        {"name": "现场照片.png", "sha256": hashlib.sha256(PNG).hexdigest()},
    ]


def test_a_bad_file_is_named_and_nothing_is_written(client, body):
    fake = SimpleUploadedFile("处罚决定书.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    r = client.post(URL, _form(body, files=[_pdf(), fake]))
    html = r.content.decode()
    assert r.status_code == 400
    assert "附件“处罚决定书.pdf”：文件内容与扩展名不符：该文件不是有效的.pdf文件。" in html
    exe = client.post(URL, _form(body, files=[SimpleUploadedFile("a.exe", b"MZ")]))
    assert exe.status_code == 400 and "附件“a.exe”：不支持的文件类型“.exe”" in exe.content.decode()
    many = client.post(URL, _form(body, files=[_pdf(f"{n}.pdf") for n in range(6)]))
    assert many.status_code == 400 and "最多可以提交5份材料，您选择了6份。" in many.content.decode()
    assert Complaint.objects.count() == 0 and ComplaintAttachment.objects.count() == 0


def test_the_supervisor_sees_and_downloads_audited_and_no_one_else(client, body, persona, login_client):
    client.post(URL, _form(body, files=[_pdf()]))
    mine = Complaint.objects.get()
    att = mine.attachments.get()
    # another complainant's complaint, without files
    client.post(URL, _form(body, name="王某", phone="13800002222", submit_token="7f1c4f7e-2f4b-4d55-9a61-0c1d2e3f4a5c"))
    theirs = Complaint.objects.exclude(pk=mine.pk).get()
    # the complainant's own lookup names the file, with no link; the other complainant's shows nothing of it
    own = client.post(LOOKUP, {"code": mine.query_code, "phone": "13900001111"}).content.decode()
    assert 'id="own-files">已提交材料：检查通知书.pdf</p>' in own and att.download_url not in own
    other = client.post(LOOKUP, {"code": theirs.query_code, "phone": "13800002222"}).content.decode()
    assert "检查通知书.pdf" not in other and 'id="own-files"' not in other
    # anonymous: the file's URL leads to the login page, never to the file
    anon = client.get(att.download_url)
    assert anon.status_code == 302 and "/login" in anon["Location"]
    # the supervisor: the complaint page lists it; the download is the file, audited
    office = login_client(persona("office_staff"))
    page = office.get(f"/enforcement/complaints/{mine.pk}/").content.decode()
    assert f'<a href="{att.download_url}">检查通知书.pdf</a>' in page
    assert "无。" in office.get(f"/enforcement/complaints/{theirs.pk}/").content.decode()
    r = office.get(att.download_url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert r["Cache-Control"] == "no-store" and "attachment" in r["Content-Disposition"]
    read = AuditEvent.objects.filter(action="enforcement.complaint.attachment_download")
    assert [(e.object_id, e.summary) for e in read] == [
        (
            str(mine.pk),
            {"attachment_id": att.pk, "name": "检查通知书.pdf", "sha256": hashlib.sha256(PDF).hexdigest()},
        )
    ]
    # a key of another kind, or a forged one, opens nothing
    from fazhi.core.downloads import download_key

    forged = f"/enforcement/complaints/files/{download_key('cases.attachment', att.pk)}/"
    assert office.get(forged).status_code == 404
    # the complained-of body's liaison does not see complaints, nor their files (the same client, logged in again)
    liaison = login_client(persona("dept_liaison", unit="market"))
    assert liaison.get(att.download_url).status_code in (403, 404)
    assert read.count() == 1  # refused tries record no download
