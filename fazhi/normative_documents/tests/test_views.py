"""The pages: a document walked through the web forms (gates shown, refused forms keep the input), downloads, the
data scope, and the public library with a two-character query and a 审查建议."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

import pytest
from django.urls import reverse

from fazhi.consultations.models import Consultation
from fazhi.deadlines.selectors import today_local
from fazhi.normative_documents.models import NormativeDocument, ReviewSuggestion
from fazhi.normative_documents.services import document_index
from fazhi.normative_documents.states import DocumentState

from .factories import document_walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter(persona):
    return persona("dept_liaison", unit="market")


def test_propose_and_walk_steps_through_the_pages(login_client, drafter, city):
    c = login_client(drafter)
    r = c.post(
        reverse("normative_documents:list"),
        {
            "title": "示范市网络餐饮监管办法",
            "lead_unit": city["market"].pk,
            "proposed_on": "2026-03-02",
            "purpose": "x",
        },
    )
    doc = NormativeDocument.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("normative_documents:detail", args=[doc.pk])
    step = lambda to, data: c.post(reverse("normative_documents:step", args=[doc.pk, to]), data)  # noqa: E731
    assert step("drafting", {}).status_code == 302
    assert step("assessment", {"drafting_note": "说明", "assessment": ""}).status_code == 302
    # 公开征求意见 runs on the consultation engine: the step is refused until one has closed
    page = c.get(reverse("normative_documents:detail", args=[doc.pk])).content.decode()
    assert "请先发起公开征求意见，征求意见截止后再办理本环节。" in page
    new = reverse("consultations:new") + f"?owner=normative_documents.normativedocument&pk={doc.pk}"
    assert f'href="{new.replace("&", "&amp;")}"' in page
    today = today_local()
    r = c.post(
        new,
        {
            "title": "示范市网络餐饮监管办法（征求意见稿）",
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=30)).isoformat(),
            "channels": ["portal"],
            "identity": "anonymous",
            "comment_max_length": "2000",
        },
    )
    consultation = Consultation.objects.get()
    assert r.status_code == 302 and (consultation.owner_id, consultation.unit) == (doc.pk, city["market"])
    assert consultation.rule_id == "normative_document.consultation_min"
    c.post(reverse("consultations:draft_import", args=[consultation.pk]), {"text": "第一条　目的。\n第二条　施行。"})
    c.post(reverse("consultations:step", args=[consultation.pk, "open"]))
    # while it is open the step is refused beside the field (the open one is not offered)
    r = step("consultation", {"consultation": consultation.pk})
    assert r.status_code == 400
    assert NormativeDocument.objects.get().state == DocumentState.ASSESSMENT
    # closed on the first day: shorter than 30 days, the engine wants the reason (国办发〔2018〕37号)
    r = c.post(reverse("consultations:step", args=[consultation.pk, "close"]), {"short_reason": ""})
    assert r.status_code == 400 and "征求意见期限不足30日" in r.content.decode()
    c.post(reverse("consultations:step", args=[consultation.pk, "close"]), {"short_reason": "食品安全风险紧急"})
    consultation.refresh_from_db()
    assert consultation.state == "closed"
    assert step("consultation", {"consultation": consultation.pk}).status_code == 302
    doc.refresh_from_db()
    assert (doc.state, doc.consultation_id) == (DocumentState.CONSULTATION, consultation.pk)
    # the detail page says why 集体审议 is not yet possible
    doc.refresh_from_db()
    page = c.get(reverse("normative_documents:detail", args=[doc.pk])).content.decode()
    assert "合法性审核" in page


def test_publish_before_signing_is_refused_on_the_page(login_client, drafter, city):
    doc = document_walk(until=DocumentState.REGISTERED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    c = login_client(drafter)
    r = c.post(
        reverse("normative_documents:step", args=[doc.pk, "published"]),
        {"published_on": "2026-04-16", "published_where": "政府网站", "effective_on": "2026-05-01"},
    )
    assert r.status_code == 400
    assert "公布日期：公布日期（2026-04-16）不能早于签发日期（2026-04-17）。" in r.content.decode()
    assert NormativeDocument.objects.get(pk=doc.pk).published_on is None


def test_an_upload_that_is_not_a_docx_is_refused(login_client, drafter, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = document_walk(until=DocumentState.DRAFTING, unit=city["market"], legal_unit=city["justice"], by=drafter)
    c = login_client(drafter)
    fake = SimpleUploadedFile("正文.docx", b"%PDF-1.4 not a docx", content_type="application/octet-stream")
    r = c.post(reverse("normative_documents:text", args=[doc.pk]), {"label": "送审稿", "file": fake})
    assert r.status_code == 400
    assert "文件内容与扩展名不符" in r.content.decode()
    assert doc.versions.count() == 1  # only the factory's 起草稿


def test_the_uploaded_text_file_is_kept_and_attachments_are_checked_kept_and_scoped(
    login_client, persona, drafter, city
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.audit.models import AuditEvent

    doc = document_walk(until=DocumentState.DRAFTING, unit=city["market"], legal_unit=city["justice"], by=drafter)
    c = login_client(drafter)
    # the .txt the text was read from is kept as the document's 正文文件
    upload = SimpleUploadedFile("送审稿.txt", "第一条　目的。".encode(), content_type="text/plain")
    assert (
        c.post(reverse("normative_documents:text", args=[doc.pk]), {"label": "送审稿", "file": upload}).status_code
        == 302
    )
    doc.refresh_from_db()
    r = c.get(doc.text_file_url)
    assert r.status_code == 200 and b"".join(r.streaming_content).decode() == "第一条　目的。"
    # an attachment that is not what its name says is refused beside the field, nothing kept
    fake = SimpleUploadedFile("附件1.pdf", b"PK\x03\x04 not a pdf", content_type="application/pdf")
    url = reverse("normative_documents:attachment_add", args=[doc.pk])
    r = c.post(url, {"name": "收费标准表", "file": fake})
    assert r.status_code == 400
    assert "附件文件" in r.content.decode() and "文件内容与扩展名不符：该文件不是有效的.pdf文件。" in r.content.decode()
    assert 'value="收费标准表"' in r.content.decode()
    assert doc.attachments.count() == 0
    # a real one is kept, audited, listed and downloaded; another unit gets 404
    pdf = SimpleUploadedFile("表.pdf", b"%PDF-1.4 table", content_type="application/pdf")
    assert c.post(url, {"name": "收费标准表", "file": pdf}).status_code == 302
    att = doc.attachments.get()
    assert att.name == "收费标准表"
    assert AuditEvent.objects.filter(action="normative_documents.document.attachment_added").count() == 1
    assert "收费标准表" in c.get(reverse("normative_documents:detail", args=[doc.pk])).content.decode()
    dl = c.get(att.download_url)
    assert dl.status_code == 200 and b"".join(dl.streaming_content) == b"%PDF-1.4 table"
    assert "%E6%94%B6%E8%B4%B9%E6%A0%87%E5%87%86%E8%A1%A8.pdf" in dl["Content-Disposition"]  # 收费标准表.pdf
    other = login_client(persona("dept_liaison", unit="finance"))
    assert other.get(att.download_url).status_code == 404
    assert c.get(att.download_url.replace(att.download_url.rstrip("/")[-4:], "AAAA")).status_code == 404


def test_no_attachment_after_publication(drafter, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.errors import DomainError
    from fazhi.normative_documents.services import document_attachment_add

    doc = document_walk(until=DocumentState.PUBLISHED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    pdf = SimpleUploadedFile("表.pdf", b"%PDF-1.4 table", content_type="application/pdf")
    with pytest.raises(DomainError) as err:
        document_attachment_add(document=doc, name="补充", file=pdf, by=drafter)
    assert (err.value.field, err.value.message) == ("file", "文件已公布，不能再增加附件；如需修改，请按程序修改文件。")
    assert doc.attachments.count() == 0


def test_the_issuer_marks_a_document_amended_by_its_successor_on_the_page(login_client, drafter, city):
    old = document_walk(until=DocumentState.FILED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    new = document_walk(
        until=DocumentState.PUBLISHED,
        unit=city["market"],
        legal_unit=city["justice"],
        by=drafter,
        title="示范市行政执法公示办法（修订）",
        doc_number="示政规〔2026〕2号",
    )
    c = login_client(drafter)
    url = reverse("normative_documents:status", args=[old.pk])
    # 已修改 without naming the amending document: refused beside the field, nothing changed
    r = c.post(url, {"status": "amended", "ended_on": today_local().isoformat()})
    assert r.status_code == 400 and "“已修改”请选择修改后的文件。" in r.content.decode()
    # a date in the future: refused by the service, naming the field
    tomorrow = (today_local() + dt.timedelta(days=1)).isoformat()
    r = c.post(url, {"status": "amended", "ended_on": tomorrow, "superseded_by": new.pk})
    assert r.status_code == 400 and "失效或废止日期不能晚于今天。" in r.content.decode()
    assert NormativeDocument.objects.get(pk=old.pk).status == "valid"
    r = c.post(url, {"status": "amended", "ended_on": today_local().isoformat(), "superseded_by": new.pk})
    assert r.status_code == 302
    old.refresh_from_db()
    assert (old.status, old.ended_on, old.superseded_by_id) == ("amended", today_local(), new.pk)
    page = c.get(reverse("normative_documents:detail", args=[old.pk])).content.decode()
    assert "示范市行政执法公示办法（修订）" in page and 'id="status-change"' not in page


def test_another_units_document_is_not_found(login_client, persona, drafter, city):
    doc = document_walk(until=DocumentState.DRAFTING, unit=city["market"], legal_unit=city["justice"], by=drafter)
    other = persona("dept_liaison", unit="finance")
    assert login_client(other).get(reverse("normative_documents:detail", args=[doc.pk])).status_code == 404


def test_filing_package_download(login_client, drafter, city):
    doc = document_walk(until=DocumentState.PUBLISHED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    r = login_client(drafter).get(reverse("normative_documents:filing_package", args=[doc.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert len(zipfile.ZipFile(BytesIO(r.content)).namelist()) == 5


def test_the_public_finds_a_document_with_two_characters_and_suggests(client, drafter, city):
    doc = document_walk(
        until=DocumentState.PUBLISHED,
        unit=city["market"],
        legal_unit=city["justice"],
        by=drafter,
        title="示范市餐饮油烟管理办法",
    )
    document_index(document_id=doc.pk)
    r = client.get(reverse("portal:documents"), {"q": "油烟"})
    assert r.status_code == 200
    assert "示范市餐饮油烟管理办法" in r.content.decode()
    assert "示范市餐饮油烟管理办法" not in client.get(reverse("portal:documents"), {"q": "绿化"}).content.decode()
    page = client.get(reverse("portal:document", args=[doc.pk])).content.decode()
    assert "有效" in page and "第一条" in page
    form = client.get(reverse("portal:document_suggest", args=[doc.pk])).context["form"]
    token = str(form.initial["submit_token"])
    data = {
        "document": doc.pk,
        "name": "王五",
        "phone": "13800000000",
        "content": "第二条无上位法依据。",
        "submit_token": token,
    }
    r = client.post(reverse("portal:document_suggest", args=[doc.pk]), data)
    assert r.status_code == 200 and "审查建议已登记" in r.content.decode()
    client.post(reverse("portal:document_suggest", args=[doc.pk]), data)  # a retried submit
    assert ReviewSuggestion.objects.count() == 1


def test_an_unpublished_document_is_not_public(client, drafter, city):
    doc = document_walk(until=DocumentState.SIGNED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    assert client.get(reverse("portal:document", args=[doc.pk])).status_code == 404


def test_stats_page_and_export(login_client, persona, drafter, city):
    document_walk(until=DocumentState.FILED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    c = login_client(persona("office_staff"))
    r = c.get(reverse("normative_documents:stats"), {"year": "2026"})
    assert r.status_code == 200
    assert "报备及时率" in r.content.decode()
    x = c.get(reverse("normative_documents:stats_export"), {"year": "2026"})
    assert x.status_code == 200 and x.content[:2] == b"PK"


def test_cleanup_pages_decide_and_approve(login_client, persona, drafter, city):
    from fazhi.normative_documents.models import CleanupCampaign

    doc = document_walk(until=DocumentState.PUBLISHED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    c = login_client(persona("office_staff"))
    r = c.post(reverse("normative_documents:cleanups"), {"name": "2026年清理", "scope_units": [city["market"].pk]})
    campaign = CleanupCampaign.objects.get()
    assert r.status_code == 302
    item = campaign.items.get()
    url = reverse("normative_documents:cleanup_item", args=[campaign.pk, item.pk])
    assert c.post(url, {"outcome": "repeal", "reason": ""}).status_code == 400
    assert c.post(url, {"outcome": "repeal", "reason": "上位法已废止"}).status_code == 302
    assert c.post(reverse("normative_documents:cleanup_approve", args=[campaign.pk])).status_code == 302
    doc.refresh_from_db()
    assert doc.status == "repealed"
    assert "上位法已废止" in c.get(reverse("portal:document_cleanups")).content.decode()


def test_the_reviewer_answers_a_suggestion(login_client, persona, drafter, city):
    from fazhi.normative_documents.services import review_suggestion_submit

    doc = document_walk(until=DocumentState.FILED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    sug = review_suggestion_submit(document=doc, name="王五", phone="13800000000", content="建议审查第二条。")
    c = login_client(persona("office_staff"))
    assert "建议审查第二条。" in c.get(reverse("normative_documents:suggestions")).content.decode()
    r = c.post(
        reverse("normative_documents:suggestion_answer", args=[sug.pk]),
        {"answer": "已审查。", "answered_on": sug.submitted_on.isoformat()},  # the day it came in (Beijing)
    )
    assert r.status_code == 302
    sug.refresh_from_db()
    assert sug.answer == "已审查。"
    # the drafter's unit holds no review grant: the list is refused
    assert login_client(drafter).get(reverse("normative_documents:suggestions")).status_code == 403


def test_review_correction_through_the_pages(login_client, persona, drafter, city):
    from docx import Document

    doc = document_walk(until=DocumentState.FILED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    legal = login_client(persona("office_staff"))
    assert (
        legal.post(
            reverse("normative_documents:review_receive", args=[doc.pk]), {"received_on": "2026-05-05"}
        ).status_code
        == 302
    )
    r = legal.post(
        reverse("normative_documents:review_decide", args=[doc.pk]),
        {"formal_check_ok": "on", "criteria_findings": "", "outcome": "correction", "decided_on": "2026-05-10"},
    )
    assert r.status_code == 400 and "纠错须写明审查意见" in r.content.decode()
    r = legal.post(
        reverse("normative_documents:review_decide", args=[doc.pk]),
        {
            "formal_check_ok": "on",
            "criteria_findings": "第二条超越权限。",
            "outcome": "correction",
            "decided_on": "2026-05-11",
        },
    )
    assert r.status_code == 302
    opinion = legal.get(reverse("normative_documents:review_opinion", args=[doc.pk]))
    texts = [p.text for p in Document(BytesIO(opinion.content)).paragraphs]
    # 2026-05-11 + 30 = Wed 06-10
    assert "请于2026年6月10日前将纠正情况书面报告我局。" in texts
    c = login_client(drafter)
    r = c.post(
        reverse("normative_documents:review_correction", args=[doc.pk]),
        {"corrected_on": "2026-06-01", "report": "已修改第二条。"},
    )
    assert r.status_code == 302
    assert doc.filing_review.corrected_on.isoformat() == "2026-06-01"


def test_the_legal_body_sees_a_document_sent_to_it_for_review(login_client, drafter, city):
    from fazhi.orgs.tests.factories import user_with

    # a reviewer whose data scope is their own unit (the 司法局), not the issuer's
    reviewer = user_with(
        ["normative_documents.document.view", "normative_documents.legality.review"], unit=city["justice"], scope="unit"
    )
    doc = document_walk(until=DocumentState.CONSULTATION, unit=city["market"], legal_unit=city["justice"], by=drafter)
    c = login_client(reviewer)
    assert c.get(reverse("normative_documents:detail", args=[doc.pk])).status_code == 404
    from fazhi.normative_documents.services import legality_review_request

    legality_review_request(
        document=doc, reviewing_unit=city["justice"], submitted_on=doc.consultation.closed_on, by=drafter
    )
    page = c.get(reverse("normative_documents:detail", args=[doc.pk]))
    assert page.status_code == 200 and "出具审核意见" in page.content.decode()
    assert list(c.get(reverse("normative_documents:list")).context["rows"]) == [doc]
