"""备案 (filing within 30 days of 公布, with its package) and 备案审查 (the 司法局's review, 审查意见书, the clocked
correction report)."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.docx import OfficialDocument, render_official_document
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import clock_days_overdue, clock_for, today_local
from fazhi.deadlines.services import clock_complete, clock_start

from ..errors import DocumentErrorCode
from ..events import DocumentEvent
from ..models import FilingReview, LegalityOpinion, NormativeDocument, ReviewOutcome
from ..states import DocumentState
from ._common import date_not_before, date_not_future, document_lock, step_check, step_record


def _approved_review(doc: NormativeDocument) -> Any:
    review = doc.legality_reviews.order_by("-id").first()
    if review is None or review.opinion not in (LegalityOpinion.AGREE, LegalityOpinion.AGREE_AFTER_CHANGES):
        raise DomainError(
            DocumentErrorCode.NOT_FILED,
            "没有合法性审核意见（同意或修改后同意），不能生成备案材料。",
            field="legality_review",
        )
    return review


def _docx(title: str, paragraphs: list[str], **kw: Any) -> bytes:
    return render_official_document(OfficialDocument(title=title, paragraphs=paragraphs, **kw))


def filing_package(*, document: NormativeDocument, by: Any) -> bytes:
    """The 备案 package as a .zip: 备案报告, the document (公布稿), 起草说明, 合法性审核意见 and the legal basis
    (each a GB/T 9704 .docx). Refused without an approving 合法性审核 opinion."""
    doc = document
    review = _approved_review(doc)
    if not doc.published_on:
        raise DomainError(DocumentErrorCode.NOT_PUBLISHED, "文件尚未公布，不能生成备案材料。", field="published_on")
    issuer = doc.issuers_label
    report = _docx(
        f"关于报送《{doc.title}》备案的报告",
        [
            f"《{doc.title}》（{doc.doc_number or '无文号'}，统一登记编号{doc.registration_number}）已于"
            f"{_cn(doc.signed_on)}签发，{_cn(doc.published_on)}在{doc.published_where}公布，自{_cn(doc.effective_on)}起施行，"
            f"有效期至{_cn(doc.valid_until)}。",
            "根据规范性文件备案有关规定，现将该文件正式文本、起草说明、合法性审核意见和制定依据报送备案，请予审查。",
        ],
        doc_number=doc.doc_number,
        recipient=doc.filed_to.name if doc.filed_to else "",
        issuer=issuer,
        issued_on=today_local(),
    )
    text = _docx(
        doc.title,
        [p for p in doc.full_text.splitlines() if p.strip()] or ["（正文未录入）"],
        doc_number=doc.doc_number,
        issuer=issuer,
        issued_on=doc.signed_on,
    )
    note = _docx(
        f"关于《{doc.title}》的起草说明", [p for p in doc.drafting_note.splitlines() if p.strip()] or ["（无）"]
    )
    opinion = _docx(
        f"关于《{doc.title}》的合法性审核意见",
        [f"审核意见：{LegalityOpinion(review.opinion).label}。", *(review.reasons.splitlines() or [])],
        issuer=review.reviewing_unit.name,
        issued_on=review.reviewed_on,
    )
    basis_lines = [
        f"{c.instrument.title}{('：' + '、'.join(c.articles)) if c.articles else ''}"
        for c in doc.citations.select_related("instrument").order_by("id")
    ]
    basis = _docx(f"《{doc.title}》制定依据", basis_lines or ["（未登记制定依据）"], detect_headings=False)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("1-备案报告.docx", report)
        z.writestr("2-文件正式文本.docx", text)
        z.writestr("3-起草说明.docx", note)
        z.writestr("4-合法性审核意见.docx", opinion)
        z.writestr("5-制定依据.docx", basis)
    record_event(
        actor=by,
        action="normative_documents.filing.package",
        obj=doc,
        summary={"files": 5},
        unit=doc.lead_unit,
    )
    return out.getvalue()


def _cn(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "（未填）"


@transaction.atomic
def document_file(*, document: NormativeDocument, filed_on: dt.date, filed_to: Any, by: Any) -> NormativeDocument:
    """报送备案: the filing clock is completed; filed after its due day → `filing_late_days` natural days late.
    Refused without an approving 合法性审核 opinion (the package needs it)."""
    doc = document_lock(document.pk)
    step_check(doc, DocumentState.FILED)
    _approved_review(doc)
    date_not_before(filed_on, doc.published_on, field="filed_on", label="报送备案日期", earlier_label="公布日期")
    date_not_future(filed_on, today=today_local(), field="filed_on", label="报送备案日期")
    clock = clock_for(doc, "filing")
    late = clock_days_overdue(clock, today=filed_on) if clock is not None else 0
    if clock is not None:
        clock_complete(clock=clock, on=filed_on, by=by)
    doc.filed_on, doc.filed_to, doc.filing_late_days = filed_on, filed_to, late
    step_record(doc, DocumentState.FILED, by=by, fields=["filed_on", "filed_to", "filing_late_days"], late_days=late)
    record_event(
        actor=by,
        action=DocumentEvent.FILED,
        obj=doc,
        summary={"filed_on": filed_on.isoformat(), "filed_to": filed_to.name, "late_days": late},
        unit=doc.lead_unit,
    )
    return doc


@transaction.atomic
def filing_review_receive(*, document: NormativeDocument, received_on: dt.date, by: Any) -> FilingReview:
    """备案审查 opens when the 司法局 receives a filed document."""
    doc = document_lock(document.pk)
    if doc.state != DocumentState.FILED:
        raise DomainError(DocumentErrorCode.NOT_FILED, "文件尚未报送备案。", field="state")
    date_not_before(received_on, doc.filed_on, field="received_on", label="收到备案日期", earlier_label="报送备案日期")
    review, created = FilingReview.objects.get_or_create(document=doc, defaults={"received_on": received_on})
    if created:
        record_event(
            actor=by, action=DocumentEvent.REVIEW_RECEIVED, obj=doc, summary={"received_on": received_on.isoformat()}
        )
    return review


@transaction.atomic
def filing_review_decide(
    *,
    review: FilingReview,
    formal_check_ok: bool,
    formal_check_note: str,
    criteria_findings: str,
    outcome: str,
    decided_on: dt.date,
    by: Any,
) -> FilingReview:
    """审查结论: 通过, or 纠错 — the 审查意见书 is issued and the issuer's 30-day correction-report clock starts
    (rule normative_document.correction_report)."""
    review = (
        FilingReview.objects.select_for_update(of=("self",)).select_related("document__lead_unit").get(pk=review.pk)
    )
    if review.outcome:
        raise DomainError(DocumentErrorCode.REVIEW_DONE, "该文件已作出审查结论。", field="outcome")
    if outcome not in ReviewOutcome.values:
        raise DomainError(DocumentErrorCode.INVALID, "请选择审查结论。", field="outcome")
    if outcome == ReviewOutcome.CORRECTION and not criteria_findings.strip():
        raise DomainError(
            DocumentErrorCode.INVALID, "纠错须写明审查意见（存在的问题和纠正建议）。", field="criteria_findings"
        )
    date_not_before(
        decided_on, review.received_on, field="decided_on", label="审查结论日期", earlier_label="收到备案日期"
    )
    date_not_future(decided_on, today=today_local(), field="decided_on", label="审查结论日期")
    review.formal_check_ok, review.formal_check_note = formal_check_ok, formal_check_note.strip()
    review.criteria_findings, review.outcome, review.decided_on = criteria_findings.strip(), outcome, decided_on
    review.reviewer = by if getattr(by, "is_authenticated", False) else None
    fields = ["formal_check_ok", "formal_check_note", "criteria_findings", "outcome", "decided_on", "reviewer"]
    if outcome == ReviewOutcome.CORRECTION:
        clock = clock_start(
            obj=review,
            rule_id="normative_document.correction_report",
            trigger_date=decided_on,
            by=by,
            unit=review.document.lead_unit,
            key="correction_report",
        )
        review.correction_due = clock.due_date
        fields.append("correction_due")
    review.save(update_fields=[*fields, "updated_at"])
    record_event(
        actor=by,
        action=DocumentEvent.REVIEW_DECIDED,
        obj=review.document,
        summary={
            "outcome": outcome,
            "decided_on": decided_on.isoformat(),
            "correction_due": _iso(review.correction_due),
        },
    )
    return review


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


@transaction.atomic
def filing_correction_report(*, review: FilingReview, corrected_on: dt.date, report: str, by: Any) -> FilingReview:
    """The issuer reports its correction; the correction clock is completed (late if after its due day)."""
    review = (
        FilingReview.objects.select_for_update(of=("self",)).select_related("document__lead_unit").get(pk=review.pk)
    )
    if review.outcome != ReviewOutcome.CORRECTION:
        raise DomainError(DocumentErrorCode.INVALID, "该文件的审查结论不是纠错。", field="outcome")
    if review.corrected_on:
        raise DomainError(DocumentErrorCode.REVIEW_DONE, "已报告纠错情况。", field="corrected_on")
    if not report.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写纠错情况。", field="correction_report")
    date_not_before(
        corrected_on, review.decided_on, field="corrected_on", label="报告纠错日期", earlier_label="审查结论日期"
    )
    date_not_future(corrected_on, today=today_local(), field="corrected_on", label="报告纠错日期")
    review.corrected_on, review.correction_report = corrected_on, report.strip()
    review.save(update_fields=["corrected_on", "correction_report", "updated_at"])
    clock = clock_for(review, "correction_report")
    if clock is not None:
        clock_complete(clock=clock, on=corrected_on, by=by)
    record_event(
        actor=by,
        action=DocumentEvent.CORRECTION_REPORTED,
        obj=review.document,
        summary={"corrected_on": corrected_on.isoformat()},
        unit=review.document.lead_unit,
    )
    return review


def review_opinion_docx(*, review: FilingReview) -> bytes:
    """审查意见书 (GB/T 9704) for a 纠错 outcome."""
    doc = review.document
    outcome = ReviewOutcome(review.outcome).label if review.outcome else "（未作结论）"
    paragraphs = [
        f"你单位报送备案的《{doc.title}》（{doc.doc_number or '无文号'}，统一登记编号{doc.registration_number}）"
        f"已于{_cn(review.received_on)}收到。经审查，提出如下意见：",
        f"一、形式审查：{'合格' if review.formal_check_ok else '不合格'}。{review.formal_check_note}",
        f"二、审查意见：{review.criteria_findings or '无'}",
        f"三、审查结论：{outcome}。",
    ]
    if review.outcome == ReviewOutcome.CORRECTION and review.correction_due:
        paragraphs.append(f"请于{_cn(review.correction_due)}前将纠正情况书面报告我局。")
    return _docx(
        "规范性文件备案审查意见书",
        paragraphs,
        recipient=doc.lead_unit.name,
        issuer=doc.filed_to.name if doc.filed_to else "",
        issued_on=review.decided_on,
    )
