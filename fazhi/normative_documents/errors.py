"""Stable error codes of the normative-documents module (the UI owns the wording)."""

from enum import StrEnum


class DocumentErrorCode(StrEnum):
    STEP_REFUSED = "normative_documents.step_refused"
    DATE_ORDER = "normative_documents.date_order"
    INVALID = "normative_documents.invalid"
    DUPLICATE_NUMBER = "normative_documents.duplicate_number"
    NOT_FILED = "normative_documents.not_filed"
    REVIEW_DONE = "normative_documents.review_done"
    NOT_PUBLISHED = "normative_documents.not_published"
    CLEANUP_APPROVED = "normative_documents.cleanup_approved"
