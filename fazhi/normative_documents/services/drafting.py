"""The drafting workflow, one service per step (states.py declares the order and the gates):
立项 → 起草 → 评估论证 → 公开征求意见 → 合法性审核 → 集体审议 → 签发 → 登记编号 → 公布 (备案: filing.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from fazhi.audit.services import record_event
from fazhi.consultations.selectors import consultation_figures, consultations_for_owner
from fazhi.core.errors import DomainError
from fazhi.deadlines.engine import add_months
from fazhi.deadlines.selectors import clock_for, today_local
from fazhi.deadlines.services import clock_complete, clock_start

from ..errors import DocumentErrorCode
from ..events import DocumentEvent
from ..models import (
    Attachment,
    DocumentStatus,
    DocumentVersion,
    LegalityOpinion,
    LegalityReview,
    NormativeDocument,
    NumberPattern,
    RegistrationCounter,
)
from ..states import DocumentState
from ._common import date_not_before, date_not_future, document_lock, step_check, step_record
from .instruments import document_citations_extract
from .library import document_index

PROVISIONAL_WORDS = ("暂行", "试行", "暫行", "試行")


def _conf(key: str) -> Any:
    return settings.FAZHI_NORMATIVE_DOCUMENTS[key]


@transaction.atomic
def document_propose(
    *,
    title: str,
    lead_unit: Any,
    proposed_on: dt.date,
    by: Any,
    purpose: str = "",
    co_issuers: list[Any] | tuple[Any, ...] = (),
    submit_token: uuid.UUID | None = None,
) -> NormativeDocument:
    """立项: a new document in drafting. A repeated `submit_token` returns the first document."""
    if submit_token is not None:
        first = NormativeDocument.objects.filter(submit_token=submit_token).first()
        if first is not None:
            return first
    if not title.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写文件名称。", field="title")
    date_not_future(proposed_on, today=today_local(), field="proposed_on", label="立项日期")
    doc = NormativeDocument.objects.create(
        title=title.strip(),
        lead_unit=lead_unit,
        proposed_on=proposed_on,
        purpose=purpose,
        submit_token=submit_token,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if co_issuers:
        doc.co_issuers.set([u for u in co_issuers if u.pk != lead_unit.pk])
    record_event(actor=by, action=DocumentEvent.PROPOSED, obj=doc, summary={"title": doc.title}, unit=lead_unit)
    return doc


@transaction.atomic
def document_text_save(
    *, document: NormativeDocument, text: str, label: str, by: Any, file: Any = None
) -> DocumentVersion:
    """Save the text as a new version (起草稿, 送审稿, 公布稿 …); the document's full text is the latest. An uploaded
    .docx / .pdf the text was read from is kept as the document's 正文文件 (the caller checked it: core.uploads)."""
    doc = document_lock(document.pk)
    number = (doc.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DocumentVersion.objects.create(
        document=doc,
        number=number,
        label=label,
        text=text,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    doc.full_text = text
    doc.version += 1
    fields = ["full_text", "version", "updated_at"]
    if file is not None:
        file.seek(0)
        doc.text_file.save(file.name, file, save=False)
        fields.append("text_file")
    doc.save(update_fields=fields)
    record_event(
        actor=by,
        action=DocumentEvent.TEXT_SAVED,
        obj=doc,
        summary={"version": number, "label": label, "chars": len(text)},
        unit=doc.lead_unit,
    )
    if doc.published_on:
        transaction.on_commit(lambda: document_index(document_id=doc.pk))
    return version


@transaction.atomic
def document_attachment_add(*, document: NormativeDocument, name: str, file: Any, by: Any) -> Attachment:
    """附件 of the document (the caller checked the file: core.uploads). Refused once the document is published: the
    published text and its attachments are fixed; a change is a 修改 through the procedure."""
    doc = document_lock(document.pk)
    if doc.published_on:
        raise DomainError(
            DocumentErrorCode.INVALID, "文件已公布，不能再增加附件；如需修改，请按程序修改文件。", field="file"
        )
    name = (name.strip() or file.name or "附件")[:200]
    file.seek(0)
    att = Attachment(document=doc, name=name, uploaded_by=by if getattr(by, "is_authenticated", False) else None)
    att.file.save(file.name, file, save=False)
    att.save()
    record_event(
        actor=by,
        action=DocumentEvent.ATTACHMENT_ADDED,
        obj=doc,
        summary={"attachment": att.pk, "name": name, "bytes": file.size or 0},
        unit=doc.lead_unit,
    )
    return att


@transaction.atomic
def document_draft_start(*, document: NormativeDocument, by: Any) -> NormativeDocument:
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.DRAFTING)
    step_record(doc, DocumentState.DRAFTING, by=by, fields=[])
    return doc


@transaction.atomic
def document_assess(*, document: NormativeDocument, drafting_note: str, assessment: str, by: Any) -> NormativeDocument:
    """起草 done (with its 起草说明) → 评估论证 recorded."""
    doc = document_lock(document.pk)
    doc.drafting_note = drafting_note.strip()
    doc.assessment = assessment.strip()
    if not doc.drafting_note:
        raise DomainError(DocumentErrorCode.INVALID, "请填写起草说明。", field="drafting_note")
    step_check(doc, DocumentState.ASSESSMENT)
    step_record(doc, DocumentState.ASSESSMENT, by=by, fields=["drafting_note", "assessment"])
    return doc


@transaction.atomic
def document_consult(*, document: NormativeDocument, consultation: Any, by: Any) -> NormativeDocument:
    """公开征求意见 done: the document's consultation on the engine (fazhi/consultations) has closed. The engine owns the
    period (≥ 30 days or a recorded reason, rule normative_document.consultation_min, 国办发〔2018〕37号), the comments,
    the adoption ledger and the 意见采纳情况说明; this step records which consultation the document rests on."""
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.CONSULTATION)
    c = consultations_for_owner(doc).filter(pk=getattr(consultation, "pk", consultation)).first()
    if c is None:
        raise DomainError(DocumentErrorCode.INVALID, "请选择本文件的公开征求意见。", field="consultation")
    if c.state not in ("closed", "published"):
        raise DomainError(DocumentErrorCode.INVALID, "该公开征求意见尚未截止。", field="consultation")
    doc.consultation = c
    figures = consultation_figures(c)
    step_record(
        doc,
        DocumentState.CONSULTATION,
        by=by,
        fields=["consultation"],
        consultation=c.pk,
        start=c.opened_on or c.opens_on,
        end=c.closed_on,
        comments=figures["comments"],
    )
    return doc


@transaction.atomic
def legality_review_request(
    *, document: NormativeDocument, reviewing_unit: Any, submitted_on: dt.date, by: Any
) -> LegalityReview:
    """送合法性审核: the legal body's working-day clock starts (rule normative_document.legality_review)."""
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.LEGALITY_REVIEW)
    date_not_before(
        submitted_on,
        doc.consultation.closed_on if doc.consultation else None,
        field="submitted_on",
        label="送审日期",
        earlier_label="征求意见截止日期",
    )
    date_not_future(submitted_on, today=today_local(), field="submitted_on", label="送审日期")
    review = LegalityReview(document=doc, reviewing_unit=reviewing_unit, submitted_on=submitted_on, due_on=submitted_on)
    review.save()
    clock = clock_start(
        obj=review,
        rule_id="normative_document.legality_review",
        trigger_date=submitted_on,
        by=by,
        unit=reviewing_unit,
        key="legality_review",
    )
    review.due_on = clock.due_date
    review.save(update_fields=["due_on"])
    step_record(doc, DocumentState.LEGALITY_REVIEW, by=by, fields=[], reviewing_unit=reviewing_unit.name)
    record_event(
        actor=by,
        action=DocumentEvent.LEGALITY_REQUESTED,
        obj=doc,
        summary={"review": review.pk, "due_on": review.due_on.isoformat()},
        unit=reviewing_unit,
    )
    return review


@transaction.atomic
def legality_review_opine(
    *, review: LegalityReview, opinion: str, reasons: str, reviewed_on: dt.date, by: Any
) -> LegalityReview:
    """合法性审核意见: 同意 / 修改后同意 / 不同意, with reasons (a 不同意 or 修改后同意 must give them)."""
    review = LegalityReview.objects.select_for_update().get(pk=review.pk)
    if review.opinion:
        raise DomainError(DocumentErrorCode.REVIEW_DONE, "该审核已出具意见。", field="opinion")
    if opinion not in LegalityOpinion.values:
        raise DomainError(DocumentErrorCode.INVALID, "请选择审核意见。", field="opinion")
    if opinion != LegalityOpinion.AGREE and not reasons.strip():
        raise DomainError(DocumentErrorCode.INVALID, "“修改后同意”或“不同意”须写明理由。", field="reasons")
    date_not_before(reviewed_on, review.submitted_on, field="reviewed_on", label="审核日期", earlier_label="送审日期")
    date_not_future(reviewed_on, today=today_local(), field="reviewed_on", label="审核日期")
    review.opinion, review.reasons, review.reviewed_on = opinion, reasons.strip(), reviewed_on
    review.reviewer = by if getattr(by, "is_authenticated", False) else None
    review.save(update_fields=["opinion", "reasons", "reviewed_on", "reviewer", "updated_at"])
    clock = clock_for(review, "legality_review")
    if clock is not None:
        clock_complete(clock=clock, on=reviewed_on, by=by)
    record_event(
        actor=by,
        action=DocumentEvent.LEGALITY_OPINION,
        obj=review.document,
        summary={"review": review.pk, "opinion": opinion, "reviewed_on": reviewed_on.isoformat()},
        unit=review.reviewing_unit,
    )
    return review


@transaction.atomic
def document_deliberate(
    *, document: NormativeDocument, meeting: str, deliberated_on: dt.date, decision: str, by: Any
) -> NormativeDocument:
    """集体审议: only after a 合法性审核 that is not 不同意 (the gate in states.py)."""
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.DELIBERATION)  # the gate first: no 审核, no 审议
    if not meeting.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写审议会议。", field="deliberation_meeting")
    if not decision.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写审议结论。", field="deliberation_decision")
    review = doc.legality_reviews.order_by("-id").first()
    date_not_before(
        deliberated_on,
        review.reviewed_on if review else None,
        field="deliberated_on",
        label="审议日期",
        earlier_label="合法性审核日期",
    )
    date_not_future(deliberated_on, today=today_local(), field="deliberated_on", label="审议日期")
    doc.deliberation_meeting, doc.deliberated_on, doc.deliberation_decision = (
        meeting.strip(),
        deliberated_on,
        decision.strip(),
    )
    step_record(
        doc,
        DocumentState.DELIBERATION,
        by=by,
        fields=["deliberation_meeting", "deliberated_on", "deliberation_decision"],
        deliberated_on=deliberated_on,
    )
    return doc


@transaction.atomic
def document_sign(
    *, document: NormativeDocument, signed_on: dt.date, signed_by: str, doc_number: str, by: Any
) -> NormativeDocument:
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.SIGNED)
    date_not_before(signed_on, doc.deliberated_on, field="signed_on", label="签发日期", earlier_label="审议日期")
    date_not_future(signed_on, today=today_local(), field="signed_on", label="签发日期")
    doc.signed_on, doc.signed_by, doc.doc_number = signed_on, signed_by.strip(), doc_number.strip()
    step_record(doc, DocumentState.SIGNED, by=by, fields=["signed_on", "signed_by", "doc_number"], signed_on=signed_on)
    return doc


def registration_pattern(unit: Any) -> str:
    row = NumberPattern.objects.filter(unit=unit).first()
    return row.pattern if row else _conf("REGISTRATION_PATTERN")


def registration_number_take(*, unit: Any, year: int) -> tuple[int, str]:
    """The issuer's next 统一登记编号 for `year`, in the caller's transaction: the counter row is locked until commit
    and a rollback returns the number, so numbers have no gaps; the unique constraints forbid duplicates."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("registration_number_take must run inside a transaction")
    counter = RegistrationCounter.objects.select_for_update().filter(unit=unit, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                RegistrationCounter.objects.create(unit=unit, year=year)
        except IntegrityError:
            pass  # created meanwhile by another transaction: lock theirs
        counter = RegistrationCounter.objects.select_for_update().get(unit=unit, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    number = registration_pattern(unit).format(code=unit.code, year=year, seq=counter.last)
    return counter.last, number


@transaction.atomic
def document_register(*, document: NormativeDocument, by: Any, number: str = "") -> NormativeDocument:
    """统一登记编号: the next number of the issuer's pattern for the signing year, or a given (historical) number,
    refused if another document has it."""
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.REGISTERED)
    year = doc.signed_on.year if doc.signed_on else today_local().year
    if number.strip():
        if NormativeDocument.objects.filter(registration_number=number.strip()).exclude(pk=doc.pk).exists():
            raise DomainError(
                DocumentErrorCode.DUPLICATE_NUMBER,
                f"登记编号“{number.strip()}”已被其他文件使用。",
                field="registration_number",
            )
        doc.registration_number, doc.registration_year, doc.registration_seq = number.strip(), None, None
    else:
        seq, taken = registration_number_take(unit=doc.lead_unit, year=year)
        doc.registration_number, doc.registration_year, doc.registration_seq = taken, year, seq
    step_record(
        doc,
        DocumentState.REGISTERED,
        by=by,
        fields=["registration_number", "registration_year", "registration_seq"],
        registration_number=doc.registration_number,
    )
    document_citations_extract(document=doc, by=by)  # for the user to confirm, correct or add
    record_event(
        actor=by,
        action=DocumentEvent.REGISTERED,
        obj=doc,
        summary={"registration_number": doc.registration_number},
        unit=doc.lead_unit,
    )
    return doc


def default_valid_until(title: str, effective_on: dt.date) -> dt.date:
    """有效期至: 5 years from 施行, 2 for a 暂行/试行 document (⚠ settings VALIDITY_YEARS / PROVISIONAL_VALIDITY_YEARS),
    the day before the anniversary (施行 2026-01-01, 5 years → 2030-12-31)."""
    years = (
        _conf("PROVISIONAL_VALIDITY_YEARS") if any(w in title for w in PROVISIONAL_WORDS) else _conf("VALIDITY_YEARS")
    )
    return add_months(effective_on, 12 * years) - dt.timedelta(days=1)


@transaction.atomic
def document_publish(
    *,
    document: NormativeDocument,
    published_on: dt.date,
    published_where: str,
    effective_on: dt.date,
    by: Any,
    valid_until: dt.date | None = None,
    filed_to: Any = None,
) -> NormativeDocument:
    """公布: dates checked (公布 not before 签发, 施行 not before 公布, 有效期至 after 施行), validity from settings
    unless given, status 有效, and the 30-day filing clock starts (rule normative_document.filing)."""
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.PUBLISHED)
    date_not_before(published_on, doc.signed_on, field="published_on", label="公布日期", earlier_label="签发日期")
    date_not_future(published_on, today=today_local(), field="published_on", label="公布日期")
    date_not_before(effective_on, published_on, field="effective_on", label="施行日期", earlier_label="公布日期")
    if valid_until is not None and valid_until <= effective_on:
        raise DomainError(DocumentErrorCode.DATE_ORDER, "有效期至应晚于施行日期。", field="valid_until")
    if not published_where.strip():
        raise DomainError(
            DocumentErrorCode.INVALID, "请填写公布载体（如政府公报、政府网站）。", field="published_where"
        )
    doc.published_on, doc.published_where, doc.effective_on = published_on, published_where.strip(), effective_on
    doc.valid_until = valid_until or default_valid_until(doc.title, effective_on)
    doc.status = DocumentStatus.VALID
    doc.filed_to = filed_to
    clock = clock_start(
        obj=doc, rule_id="normative_document.filing", trigger_date=published_on, by=by, unit=doc.lead_unit, key="filing"
    )
    doc.filing_due = clock.due_date
    step_record(
        doc,
        DocumentState.PUBLISHED,
        by=by,
        fields=["published_on", "published_where", "effective_on", "valid_until", "status", "filed_to", "filing_due"],
        published_on=published_on,
        filing_due=clock.due_date,
    )
    record_event(
        actor=by,
        action=DocumentEvent.PUBLISHED,
        obj=doc,
        summary={"published_on": published_on.isoformat(), "valid_until": doc.valid_until.isoformat()},
        unit=doc.lead_unit,
    )
    transaction.on_commit(lambda: document_index(document_id=doc.pk))
    return doc
