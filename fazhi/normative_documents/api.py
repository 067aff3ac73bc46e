"""API read endpoints of 规范性文件: the documents in the caller's scope (list with filters, one document with its
citations and filing record) and the instrument registry. Same policy and scoped selectors as the pages
(NormativeDocumentPolicy: the issuer's own documents, those filed to the caller's unit or sent to it for 审核)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page
from fazhi.consultations.selectors import consultations_for_owner

from .models import DocumentStatus, Instrument, NormativeDocument
from .selectors import document_get_for, documents_visible_to
from .states import DocumentState

VIEW = "normative_documents.document.view"
api_actions(VIEW)
router = Router(tags=["规范性文件"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class DocumentOut(Schema):
    id: int
    title: str
    lead_unit_id: int
    lead_unit: str
    co_issuers: list[str]
    doc_number: str
    registration_number: str | None
    state: str
    state_label: str
    status: str
    status_label: str
    signed_on: dt.date | None
    published_on: dt.date | None
    effective_on: dt.date | None
    valid_until: dt.date | None
    filing_due: dt.date | None
    filed_on: dt.date | None
    filing_late_days: int
    dependency_flag: bool
    version: int


class DocumentListOut(Schema):
    items: list[DocumentOut]
    next_cursor: str | None


class CitationOut(Schema):
    title: str
    level: str
    instrument_status: str
    articles: list[str]
    confirmed: bool


class FilingReviewOut(Schema):
    received_on: dt.date
    outcome: str
    decided_on: dt.date | None
    correction_due: dt.date | None
    corrected_on: dt.date | None


class DocumentDetailOut(DocumentOut):
    consultation_id: int | None  # the engine's consultation the 公开征求意见 step rests on (GET consultations/{id}/)
    consultation_ids: list[int]  # every consultation of this document on the engine
    citations: list[CitationOut]
    filing_review: FilingReviewOut | None


def _row(d: NormativeDocument) -> dict[str, Any]:
    return {
        "id": d.pk,
        "title": d.title,
        "lead_unit_id": d.lead_unit_id,
        "lead_unit": d.lead_unit.name,
        "co_issuers": [u.name for u in d.co_issuers.all()],
        "doc_number": d.doc_number,
        "registration_number": d.registration_number,
        "state": d.state,
        "state_label": DocumentState(d.state).label,
        "status": d.status,
        "status_label": DocumentStatus(d.status).label,
        "signed_on": d.signed_on,
        "published_on": d.published_on,
        "effective_on": d.effective_on,
        "valid_until": d.valid_until,
        "filing_due": d.filing_due,
        "filed_on": d.filed_on,
        "filing_late_days": d.filing_late_days,
        "dependency_flag": d.dependency_flag,
        "version": d.version,
    }


@router.get("documents/", response={200: DocumentListOut, **ERRORS}, url_name="document_list", summary="规范性文件列表")
def document_list(
    request: HttpRequest,
    state: Literal[tuple(DocumentState.values)] | None = Query(None, description="办理环节"),  # type: ignore[valid-type]
    status: Literal["valid", "expired", "repealed", "amended"] | None = Query(None, description="效力状态"),
    published_year: int | None = Query(None, ge=1990, le=2999, description="公布年度"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内的规范性文件（`normative_documents.document.view`）。"""
    user = require(request, VIEW)
    qs = documents_visible_to(user).prefetch_related("co_issuers")
    if state:
        qs = qs.filter(state=state)
    if status:
        qs = qs.filter(status=status)
    if published_year is not None:
        qs = qs.filter(published_on__year=published_year)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_row)


@router.get(
    "documents/{document_id}/",
    response={200: DocumentDetailOut, **ERRORS},
    url_name="document_detail",
    summary="规范性文件详情（制定依据、备案审查）",
)
def document_detail(request: HttpRequest, document_id: int) -> dict:
    user = require(request, VIEW)
    try:
        doc = document_get_for(user, document_id)
    except Http404:
        raise not_found() from None
    review = getattr(doc, "filing_review", None) if hasattr(doc, "filing_review") else None
    return {
        **_row(doc),
        "consultation_id": doc.consultation_id,
        "consultation_ids": list(consultations_for_owner(doc).order_by("id").values_list("id", flat=True)),
        "citations": [
            {
                "title": c.instrument.title,
                "level": c.instrument.level,
                "instrument_status": c.instrument.status,
                "articles": list(c.articles),
                "confirmed": c.confirmed,
            }
            for c in doc.citations.select_related("instrument").order_by("id")
        ],
        "filing_review": None
        if review is None
        else {
            "received_on": review.received_on,
            "outcome": review.outcome,
            "decided_on": review.decided_on,
            "correction_due": review.correction_due,
            "corrected_on": review.corrected_on,
        },
    }


class InstrumentOut(Schema):
    id: int
    title: str
    level: str
    issuer: str
    status: str
    changed_on: dt.date | None


class InstrumentListOut(Schema):
    items: list[InstrumentOut]
    next_cursor: str | None


def _instrument_row(i: Instrument) -> dict[str, Any]:
    return {
        "id": i.pk,
        "title": i.title,
        "level": i.level,
        "issuer": i.issuer,
        "status": i.status,
        "changed_on": i.changed_on,
    }


@router.get(
    "instruments/", response={200: InstrumentListOut, **ERRORS}, url_name="instrument_list", summary="上位法依据库"
)
def instrument_list(
    request: HttpRequest,
    status: Literal["in_force", "amended", "repealed"] | None = Query(None, description="状态"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    require(request, VIEW)
    qs = Instrument.objects.all()
    if status:
        qs = qs.filter(status=status)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_instrument_row)
