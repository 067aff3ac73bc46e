"""The drafting workflow's gates, the dates' order, validity, numbering, the filing clock and lateness, the package,
备案审查 with its correction clock — through the real services."""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from io import BytesIO

import pytest
from docx import Document

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import clock_for
from fazhi.normative_documents.models import DocumentStatus, NormativeDocument
from fazhi.normative_documents.services import (
    document_deliberate,
    document_file,
    document_propose,
    document_publish,
    document_register,
    filing_correction_report,
    filing_package,
    filing_review_decide,
    filing_review_receive,
    review_opinion_docx,
)
from fazhi.normative_documents.services.drafting import default_valid_until
from fazhi.normative_documents.states import DocumentState

from .factories import TEXT, document_walk

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(city, persona):
    return {
        "drafter": persona("dept_liaison", unit="market"),
        "legal": persona("office_staff", unit="justice"),
        "unit": city["market"],
        "justice": city["justice"],
    }


def walk(actors, until, **kw):
    return document_walk(
        until=until,
        unit=actors["unit"],
        legal_unit=actors["justice"],
        by=actors["drafter"],
        reviewer=actors["legal"],
        **kw,
    )


def test_no_legality_review_no_deliberation(actors):
    # given a document that went through consultation but was never sent for 合法性审核
    doc = walk(actors, DocumentState.CONSULTATION)
    # when it is put to 集体审议
    with pytest.raises(DomainError) as err:
        document_deliberate(
            document=doc, meeting="常务会议", deliberated_on=D(2026, 5, 1), decision="通过", by=actors["drafter"]
        )
    # then it is refused, naming the state, and nothing changes
    assert err.value.field == "state"
    assert "当前环节为“公开征求意见”" in err.value.message
    doc.refresh_from_db()
    assert (doc.state, doc.deliberated_on) == (DocumentState.CONSULTATION, None)


def test_a_review_without_opinion_blocks_deliberation(actors):
    from fazhi.normative_documents.services import legality_review_request

    doc = walk(actors, DocumentState.CONSULTATION)
    legality_review_request(
        document=doc, reviewing_unit=actors["justice"], submitted_on=D(2026, 4, 10), by=actors["drafter"]
    )
    with pytest.raises(DomainError, match="未经合法性审核，不得提交集体审议"):
        document_deliberate(
            document=doc, meeting="常务会议", deliberated_on=D(2026, 5, 1), decision="通过", by=actors["drafter"]
        )


def test_a_disagreeing_opinion_blocks_deliberation(actors):
    doc = walk(actors, DocumentState.LEGALITY_REVIEW, opinion="disagree")
    with pytest.raises(DomainError, match="合法性审核意见为“不同意”，不得提交集体审议"):
        document_deliberate(
            document=doc, meeting="常务会议", deliberated_on=D(2026, 5, 1), decision="通过", by=actors["drafter"]
        )
    assert NormativeDocument.objects.get(pk=doc.pk).state == DocumentState.LEGALITY_REVIEW


def test_legality_review_clock_counts_working_days(actors):
    # 送审 2026-04-13 (Mon): working days 4/14–17 (4), 20–24 (9), 27–30 (13), 劳动节 5/1–5/5 skipped, 5/6 (14),
    # 5/7 (15)
    doc = walk(actors, DocumentState.CONSULTATION)
    from fazhi.normative_documents.services import legality_review_request

    review = legality_review_request(
        document=doc, reviewing_unit=actors["justice"], submitted_on=D(2026, 4, 13), by=actors["drafter"]
    )
    assert review.due_on == D(2026, 5, 7)
    assert clock_for(review, "legality_review").due_date == D(2026, 5, 7)


def test_publication_before_signing_is_refused_naming_the_field(actors):
    doc = walk(actors, DocumentState.REGISTERED)  # signed on 2026-04-17 (start + 46)
    with pytest.raises(DomainError) as err:
        document_publish(
            document=doc,
            published_on=D(2026, 4, 16),
            published_where="政府网站",
            effective_on=D(2026, 5, 1),
            by=actors["drafter"],
        )
    assert err.value.field == "published_on"
    assert err.value.message == "公布日期（2026-04-16）不能早于签发日期（2026-04-17）。"
    doc.refresh_from_db()
    assert (doc.state, doc.published_on, doc.status) == (DocumentState.REGISTERED, None, "")
    assert clock_for(doc, "filing") is None


def test_validity_defaults_to_five_years_and_two_for_provisional(settings):
    assert default_valid_until("示范市行政执法公示办法", D(2026, 1, 1)) == D(2030, 12, 31)
    assert default_valid_until("示范市行政执法公示暂行办法", D(2026, 3, 1)) == D(2028, 2, 29)
    settings.FAZHI_NORMATIVE_DOCUMENTS = {**settings.FAZHI_NORMATIVE_DOCUMENTS, "VALIDITY_YEARS": 3}
    assert default_valid_until("示范市行政执法公示办法", D(2026, 1, 1)) == D(2028, 12, 31)


def test_publishing_starts_the_filing_clock_and_sets_validity(actors):
    doc = walk(actors, DocumentState.PUBLISHED, published_on=D(2026, 9, 10))
    # 2026-09-10 + 30 natural days = Sat 10-10, a 调休上班日: due that day
    assert (doc.status, doc.valid_until, doc.filing_due) == (DocumentStatus.VALID, D(2031, 9, 9), D(2026, 10, 10))
    assert clock_for(doc, "filing").due_date == D(2026, 10, 10)


def test_filing_on_the_due_day_is_on_time_and_after_it_is_late(actors):
    on_time = walk(actors, DocumentState.FILED, published_on=D(2026, 9, 10), filed_on=D(2026, 10, 10))
    late = walk(
        actors, DocumentState.FILED, title="示范市另一办法", published_on=D(2026, 9, 10), filed_on=D(2026, 10, 14)
    )
    assert (on_time.filing_late_days, late.filing_late_days) == (0, 4)
    assert clock_for(late, "filing").completed_on == D(2026, 10, 14)
    event = AuditEvent.objects.filter(action="normative_documents.document.filed", object_id=str(late.pk)).get()
    assert event.summary["late_days"] == 4


def test_numbers_are_per_issuer_and_year_without_gaps(actors, city):
    first = walk(actors, DocumentState.REGISTERED)
    second = walk(actors, DocumentState.REGISTERED, title="第二个办法")
    other = document_walk(
        until=DocumentState.REGISTERED,
        unit=city["finance"],
        legal_unit=city["justice"],
        by=actors["drafter"],
        title="财政办法",
    )
    assert [first.registration_number, second.registration_number, other.registration_number] == [
        "C002-2026-001",
        "C002-2026-002",
        "C003-2026-001",
    ]


def test_a_failed_registration_returns_its_number(actors, monkeypatch):
    from fazhi.normative_documents.services import drafting

    doc = walk(actors, DocumentState.SIGNED)

    def boom(*a, **k):
        raise RuntimeError("audit failed")

    monkeypatch.setattr(drafting, "record_event", boom)
    with pytest.raises(RuntimeError):
        document_register(document=doc, by=actors["drafter"])
    monkeypatch.undo()
    # then the number was not used up: the next registration takes 001
    assert document_register(document=doc, by=actors["drafter"]).registration_number == "C002-2026-001"


def test_a_duplicate_registered_number_is_refused(actors):
    first = walk(actors, DocumentState.REGISTERED)
    doc = walk(actors, DocumentState.SIGNED, title="第二个办法")
    with pytest.raises(DomainError) as err:
        document_register(document=doc, by=actors["drafter"], number=first.registration_number)
    assert (err.value.field, err.value.message) == ("registration_number", "登记编号“C002-2026-001”已被其他文件使用。")
    assert NormativeDocument.objects.get(pk=doc.pk).registration_number is None


def test_a_retried_proposal_creates_one_document(actors):
    token = uuid.uuid4()
    a = document_propose(
        title="办法", lead_unit=actors["unit"], proposed_on=D(2026, 3, 1), by=actors["drafter"], submit_token=token
    )
    b = document_propose(
        title="办法", lead_unit=actors["unit"], proposed_on=D(2026, 3, 1), by=actors["drafter"], submit_token=token
    )
    assert a.pk == b.pk and NormativeDocument.objects.count() == 1


def test_the_consultation_step_needs_a_closed_consultation_of_the_document(actors):
    from fazhi.consultations import services as cs
    from fazhi.normative_documents.demo import consultation_run
    from fazhi.normative_documents.services import document_consult

    doc = walk(actors, DocumentState.ASSESSMENT)
    other = walk(actors, DocumentState.ASSESSMENT, title="另一文件")
    # given a consultation of this document still open, and a closed one of another document
    open_one = consultation_run(doc, by=actors["drafter"], start=D(2026, 3, 2), text=TEXT, close=False)
    foreign = consultation_run(other, by=actors["drafter"], start=D(2026, 3, 2), text=TEXT)
    # when the step is taken while its own consultation is open: the gate refuses
    with pytest.raises(DomainError) as err:
        document_consult(document=doc, consultation=open_one, by=actors["drafter"])
    assert (err.value.field, err.value.message) == ("state", "请先发起公开征求意见，征求意见截止后再办理本环节。")
    doc.refresh_from_db()
    assert (doc.state, doc.consultation_id) == (DocumentState.ASSESSMENT, None)
    # the engine refuses to close it before the 30th day without a reason (国办发〔2018〕37号)
    with pytest.raises(DomainError) as err:
        cs.consultation_close(consultation=open_one, by=actors["drafter"], on=D(2026, 3, 20))
    assert err.value.field == "short_reason"
    cs.consultation_close(
        consultation=open_one, by=actors["drafter"], on=D(2026, 3, 20), short_reason="涉及疫情防控，情况紧急"
    )
    # another document's consultation is not this one's
    with pytest.raises(DomainError) as err:
        document_consult(document=doc, consultation=foreign, by=actors["drafter"])
    assert (err.value.field, err.value.message) == ("consultation", "请选择本文件的公开征求意见。")
    doc = document_consult(document=doc, consultation=open_one, by=actors["drafter"])
    assert (doc.state, doc.consultation_id) == (DocumentState.CONSULTATION, open_one.pk)
    # and 送审 cannot be dated before the consultation closed
    from fazhi.normative_documents.services import legality_review_request

    with pytest.raises(DomainError) as err:
        legality_review_request(
            document=doc, reviewing_unit=actors["justice"], submitted_on=D(2026, 3, 19), by=actors["drafter"]
        )
    assert err.value.message == "送审日期（2026-03-19）不能早于征求意见截止日期（2026-03-20）。"


def test_a_walked_document_rests_on_an_engine_consultation_with_its_published_explanation(actors):
    from fazhi.consultations.selectors import consultation_figures
    from fazhi.normative_documents.demo import consultation_run

    doc = walk(actors, DocumentState.ASSESSMENT)
    c = consultation_run(
        doc, by=actors["drafter"], start=D(2026, 3, 2), text=TEXT, comments=("建议延长时限。", "建议明确范围。")
    )
    assert (c.state, c.opened_on, c.closed_on) == ("published", D(2026, 3, 5), D(2026, 4, 8))
    figures = consultation_figures(c)
    assert (figures["comments"], figures["answered"], figures["adoption_rate"]) == (2, 2, 100.0)


def test_no_filing_package_without_an_approving_opinion(actors):
    doc = walk(actors, DocumentState.LEGALITY_REVIEW, opinion="disagree")
    with pytest.raises(DomainError, match="没有合法性审核意见"):
        filing_package(document=doc, by=actors["drafter"])


def test_the_filing_package_holds_five_documents(actors):
    doc = walk(actors, DocumentState.PUBLISHED, published_on=D(2026, 9, 10))
    data = filing_package(document=doc, by=actors["drafter"])
    with zipfile.ZipFile(BytesIO(data)) as z:
        assert z.namelist() == [
            "1-备案报告.docx",
            "2-文件正式文本.docx",
            "3-起草说明.docx",
            "4-合法性审核意见.docx",
            "5-制定依据.docx",
        ]
        report = Document(BytesIO(z.read("1-备案报告.docx")))
        opinion = Document(BytesIO(z.read("4-合法性审核意见.docx")))
    texts = [p.text for p in report.paragraphs]
    assert "关于报送《示范市行政执法公示办法》备案的报告" in texts
    assert any("统一登记编号C002-2026-001" in t for t in texts)
    assert any("审核意见：同意。" in p.text for p in opinion.paragraphs)


def test_review_correction_clock_and_report(actors):
    doc = walk(actors, DocumentState.FILED, published_on=D(2026, 9, 10), filed_on=D(2026, 9, 20))
    review = filing_review_receive(document=doc, received_on=D(2026, 9, 21), by=actors["legal"])
    review = filing_review_decide(
        review=review,
        formal_check_ok=True,
        formal_check_note="",
        criteria_findings="第二条增设许可条件，超越法定权限。",
        outcome="correction",
        decided_on=D(2026, 9, 25),
        by=actors["legal"],
    )
    # 9/25 + 30 = Sun 10-25: a weekend, rolls over to Mon 10-26
    assert review.correction_due == D(2026, 10, 26)
    opinion = Document(BytesIO(review_opinion_docx(review=review)))
    assert "请于2026年10月26日前将纠正情况书面报告我局。" in [p.text for p in opinion.paragraphs]
    review = filing_correction_report(
        review=review, corrected_on=D(2026, 10, 20), report="已删除第二条。", by=actors["drafter"]
    )
    assert clock_for(review, "correction_report").completed_on == D(2026, 10, 20)
    with pytest.raises(DomainError, match="已报告纠错情况"):
        filing_correction_report(review=review, corrected_on=D(2026, 10, 21), report="再报", by=actors["drafter"])


def test_filing_before_publication_date_is_refused(actors):
    doc = walk(actors, DocumentState.PUBLISHED, published_on=D(2026, 9, 10))
    with pytest.raises(DomainError) as err:
        document_file(document=doc, filed_on=D(2026, 9, 9), filed_to=actors["justice"], by=actors["drafter"])
    assert err.value.field == "filed_on"


@pytest.mark.django_db(transaction=True)
def test_concurrent_registration_gives_distinct_consecutive_numbers(city, persona):
    # given eight signed documents of one issuer registered at once (threads on PostgreSQL; sequential on SQLite,
    # which serialises writers anyway)
    import os
    import threading

    from django.db import connection, transaction

    by = persona("dept_liaison", unit="market")
    docs = [
        document_walk(
            until=DocumentState.SIGNED, unit=city["market"], legal_unit=city["justice"], by=by, title=f"办法{i}"
        )
        for i in range(8)
    ]
    numbers: list[str] = []

    def register(doc):
        try:
            with transaction.atomic():
                numbers.append(document_register(document=doc, by=by).registration_number)
        finally:
            connection.close()

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        threads = [threading.Thread(target=register, args=(d,)) for d in docs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        for d in docs:
            register(d)
    # then the numbers are 001…008, each once
    assert sorted(numbers) == [f"C002-2026-{i:03d}" for i in range(1, 9)]
