"""Audit event types of the normative-documents module (`record_event(action=…)`)."""

from enum import StrEnum

from fazhi.core.action_labels import register_audit_labels


class DocumentEvent(StrEnum):
    PROPOSED = "normative_documents.document.proposed"
    STEP = "normative_documents.document.step"
    TEXT_SAVED = "normative_documents.document.text_saved"
    ATTACHMENT_ADDED = "normative_documents.document.attachment_added"
    LEGALITY_REQUESTED = "normative_documents.legality.requested"
    LEGALITY_OPINION = "normative_documents.legality.opinion"
    REGISTERED = "normative_documents.document.registered"
    PUBLISHED = "normative_documents.document.published"
    FILED = "normative_documents.document.filed"
    REVIEW_RECEIVED = "normative_documents.review.received"
    REVIEW_DECIDED = "normative_documents.review.decided"
    CORRECTION_REPORTED = "normative_documents.review.corrected"
    SUGGESTION_SUBMITTED = "normative_documents.suggestion.submitted"
    SUGGESTION_ANSWERED = "normative_documents.suggestion.answered"
    CITATIONS_SAVED = "normative_documents.citations.saved"
    INSTRUMENT_SAVED = "normative_documents.instrument.saved"
    INSTRUMENT_CHANGED = "normative_documents.instrument.changed"
    STATUS_CHANGED = "normative_documents.document.status_changed"
    DEPENDENCY_CONFIRMED = "normative_documents.document.dependency_confirmed"
    CLEANUP_CREATED = "normative_documents.cleanup.created"
    CLEANUP_OUTCOME = "normative_documents.cleanup.outcome"
    CLEANUP_APPROVED = "normative_documents.cleanup.approved"


register_audit_labels({DocumentEvent.ATTACHMENT_ADDED.value: "上传附件"})
