"""Writes of the normative-documents module: one service per state change, each atomic and audited."""

from .cleanup import cleanup_approve, cleanup_create, cleanup_item_decide, document_status_set, documents_expiry_run
from .drafting import (
    document_assess,
    document_attachment_add,
    document_consult,
    document_deliberate,
    document_draft_start,
    document_propose,
    document_publish,
    document_register,
    document_sign,
    document_text_save,
    legality_review_opine,
    legality_review_request,
)
from .filing import (
    document_file,
    filing_correction_report,
    filing_package,
    filing_review_decide,
    filing_review_receive,
    review_opinion_docx,
)
from .instruments import (
    document_citations_extract,
    document_citations_save,
    document_dependency_confirm,
    instrument_change,
    instrument_save,
)
from .library import document_index
from .suggestions import review_suggestion_answer, review_suggestion_submit

__all__ = [
    "cleanup_approve",
    "cleanup_create",
    "cleanup_item_decide",
    "document_citations_extract",
    "document_citations_save",
    "document_index",
    "document_status_set",
    "document_dependency_confirm",
    "documents_expiry_run",
    "instrument_change",
    "instrument_save",
    "review_suggestion_answer",
    "review_suggestion_submit",
    "document_assess",
    "document_attachment_add",
    "document_consult",
    "document_deliberate",
    "document_draft_start",
    "document_file",
    "document_propose",
    "document_publish",
    "document_register",
    "document_sign",
    "document_text_save",
    "filing_correction_report",
    "filing_package",
    "filing_review_decide",
    "filing_review_receive",
    "legality_review_opine",
    "legality_review_request",
    "review_opinion_docx",
]
