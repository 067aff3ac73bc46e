"""Issue 9 ¶3 and ¶6: the electronic case file (attachments at every step with kind, who and when; one PDF with its
卷内目录 and a .zip, audited) and the one personal-data rule (who may see it sees it everywhere, including
attachments; others see masked data, cannot download identity documents, and are not shown what they cannot use)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from fazhi.audit.models import AuditEvent
from fazhi.cases.models import Attachment, PartyRole
from fazhi.cases.services import PartyInput

pytestmark = pytest.mark.django_db
MON = dt.date(2025, 3, 3)


def pdf_file(name: str, text: str = "答复书正文") -> SimpleUploadedFile:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 750, text.encode("ascii", "replace").decode())
    c.showPage()
    c.save()
    return SimpleUploadedFile(name, buf.getvalue(), content_type="application/pdf")


def png_file(name: str) -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def handler(persona):
    return persona("reconsideration_handler", "justice")


@pytest.fixture
def accepted(city, handler):
    from fazhi.dockets.reconsideration import services as s

    case = s.reconsideration_intake(
        by=handler,
        handling_unit=city["justice"],
        received_on=MON,
        channel="in_person",
        applicant=PartyInput(
            role=PartyRole.APPLICANT,
            name="张三",
            id_number="11010519491231002X",
            phone="13812345678",
            address="示范市人民路1号",
        ),
        act="行政处罚决定（示市监罚〔2025〕8号）",
        request="撤销该处罚决定",
        facts="申请人未实施被处罚的行为。",
        respondent_unit=city["market"],
        files=[png_file("身份证.png")],
    )
    Attachment.objects.filter(case=case).update(kind="identity")
    s.case_accept(case=case, by=handler, on=MON + dt.timedelta(days=2))
    return s.case_send_copy(case=case, by=handler, on=MON + dt.timedelta(days=3))


def test_the_reply_is_attached_at_its_step_and_evidence_added_on_the_case_page(accepted, handler, login_client):
    c = login_client(handler)
    url = f"/reconsideration/{accepted.pk}/do/record_reply/"
    page = c.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and "答复书" in page
    resp = c.post(
        url,
        {
            "on": "2025-03-10",
            "summary": "处罚认定事实清楚",
            "version": accepted.version,
            "files": [pdf_file("答复书.pdf")],
        },
    )
    assert resp.status_code == 302
    reply = Attachment.objects.get(case=accepted, kind="reply")
    assert (reply.step, reply.uploaded_by, reply.label) == ("record_reply", handler, "答复书：答复书.pdf")
    resp = c.post(
        f"/cases/{accepted.pk}/file/add/",
        {"kind": "evidence", "label": "现场照片", "files": [png_file("照片1.png"), png_file("照片2.png")]},
    )
    assert resp.status_code == 302
    assert list(Attachment.objects.filter(case=accepted, kind="evidence").values_list("label", flat=True)) == [
        "现场照片：照片1.png",
        "现场照片：照片2.png",
    ]
    assert AuditEvent.objects.filter(action="cases.attachment.add", object_id=str(accepted.pk)).count() == 4
    html = c.get(f"/reconsideration/{accepted.pk}/").content.decode()
    assert "电子卷宗" in html and "共6件" in html  # 身份证 + 受理通知书 + 答复通知书 + 答复书 + 2 照片
    assert '答复书：答复书.pdf</a></td><td data-label="类型">答复书</td><td data-label="提交人">' in html
    assert "申请人未实施被处罚的行为。" in html and "处罚认定事实清楚" in html  # 事实和理由, the reply
    assert "示范市****" in html and "人民路" not in html  # the address, masked


def test_a_refused_file_on_a_step_changes_nothing(accepted, handler, login_client):
    bad = SimpleUploadedFile("答复书.pdf", b"not a pdf at all", content_type="application/pdf")
    resp = login_client(handler).post(
        f"/reconsideration/{accepted.pk}/do/record_reply/",
        {"on": "2025-03-10", "summary": "处罚认定事实清楚", "version": accepted.version, "files": [bad]},
    )
    assert resp.status_code == 200
    assert "files" in resp.context["form"].errors
    accepted.refresh_from_db()
    assert "reply_received_on" not in accepted.extra
    assert not Attachment.objects.filter(case=accepted, kind="reply").exists()


def test_the_case_file_exports_as_one_pdf_with_its_table_of_contents_and_as_a_zip(accepted, handler, login_client):
    from fazhi.cases.services import attachment_add

    attachment_add(case=accepted, by=handler, file=pdf_file("答复书.pdf"), kind="reply", label="被申请人答复书")
    c = login_client(handler)
    resp = c.get(f"/cases/{accepted.pk}/file/pdf/")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(resp.streaming_content)))
    text = [p.extract_text() for p in reader.pages]
    assert "案件卷宗" in text[0] and accepted.case_number in text[0] and "张三" in text[0]
    toc = text[1]
    assert "卷内目录" in toc
    for title in ("身份证.png", "行政复议受理通知书", "提出答复通知书", "被申请人答复书"):
        assert title in toc
    assert "办理过程" in text[2]
    # cover, TOC, timeline, then 4 items of one page each
    assert len(reader.pages) == 7
    assert "行政复议受理通知书" in text[4]
    resp = c.get(f"/cases/{accepted.pk}/file/zip/")
    z = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    names = z.namelist()
    assert f"{accepted.case_number}卷宗.pdf" in names and "目录.txt" in names
    assert any(n.startswith("答复书/") and n.endswith(".pdf") for n in names)
    assert len(z.read("目录.txt").decode().splitlines()) == 5
    events = AuditEvent.objects.filter(action="cases.case_file.export", object_id=str(accepted.pk))
    assert sorted(e.summary["format"] for e in events) == ["pdf", "zip"]
    assert {e.summary["items"] for e in events} == {4}


def test_personal_data_one_rule_handler_sees_office_staff_does_not(accepted, handler, persona, login_client):
    staff = persona("office_staff", "justice")
    identity = Attachment.objects.get(case=accepted, kind="identity")
    doc = accepted.documents.first()
    h = login_client(handler)
    page = h.get(f"/reconsideration/{accepted.pk}/").content.decode()
    assert "查看完整信息" in page and identity.download_url in page
    assert h.get(identity.download_url).status_code == 200
    assert h.get(doc.download_url).status_code == 200
    party = accepted.parties.get(role="applicant")
    unmasked = h.post(f"/cases/parties/{party.pk}/unmask/").content.decode()
    assert "13812345678" in unmasked and "11010519491231002X" in unmasked
    s = login_client(staff)
    page = s.get(f"/reconsideration/{accepted.pk}/").content.decode()
    assert "张*" in page and "查看完整信息" not in page
    assert identity.download_url not in page and doc.download_url not in page
    assert "添加材料" not in page
    assert s.get(identity.download_url).status_code == 404
    assert s.get(doc.download_url).status_code == 404
    assert s.post(f"/cases/parties/{party.pk}/unmask/").status_code == 302  # refused with a message
    assert s.get(f"/cases/{accepted.pk}/file/add/").status_code == 404
    pdf = PdfReader(io.BytesIO(b"".join(s.get(f"/cases/{accepted.pk}/file/pdf/").streaming_content)))
    cover = pdf.pages[0].extract_text()
    assert (
        "张*" in cover
        and "张三" not in cover
        and "11010519491231002X" not in "".join(p.extract_text() for p in pdf.pages)
    )
    downloads = AuditEvent.objects.filter(action__in=("cases.attachment.download", "cases.document.download"))
    assert [(e.actor_id, e.action) for e in downloads.order_by("id")] == [
        (handler.pk, "cases.attachment.download"),
        (handler.pk, "cases.document.download"),
    ]
    assert AuditEvent.objects.filter(action="pii.unmask", actor=handler).count() == 1
    assert not AuditEvent.objects.filter(action="pii.unmask", actor=staff).exists()
