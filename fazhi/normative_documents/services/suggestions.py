"""Citizens' 审查建议 on a published document (portal): registered with a receipt number, answered by the reviewer."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local

from ..errors import DocumentErrorCode
from ..events import DocumentEvent
from ..models import NormativeDocument, ReviewSuggestion

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def review_suggestion_submit(
    *, document: NormativeDocument, name: str, phone: str, content: str, submit_token: uuid.UUID | None = None
) -> ReviewSuggestion:
    if submit_token is not None:
        first = ReviewSuggestion.objects.filter(submit_token=submit_token).first()
        if first is not None:
            return first
    if document.published_on is None:
        raise DomainError(DocumentErrorCode.NOT_PUBLISHED, "只能对已公布的文件提出审查建议。", field="document")
    if not content.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写审查建议。", field="content")
    s = ReviewSuggestion.objects.create(
        document=document,
        receipt_number="JY" + "".join(secrets.choice(ALPHABET) for _ in range(10)),
        name=name.strip(),
        phone=phone.strip(),
        content=content.strip(),
        submitted_on=today_local(),
        submit_token=submit_token,
    )
    record_event(
        actor="public",
        action=DocumentEvent.SUGGESTION_SUBMITTED,
        obj=document,
        summary={"suggestion": s.pk, "receipt_number": s.receipt_number},
    )
    return s


@transaction.atomic
def review_suggestion_answer(
    *, suggestion: ReviewSuggestion, answer: str, answered_on: dt.date, by: Any
) -> ReviewSuggestion:
    s = ReviewSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if s.answered_on:
        raise DomainError(DocumentErrorCode.REVIEW_DONE, "该建议已答复。", field="answer")
    if not answer.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写答复。", field="answer")
    if answered_on < s.submitted_on:
        raise DomainError(DocumentErrorCode.DATE_ORDER, "答复日期不能早于提出日期。", field="answered_on")
    s.answer, s.answered_on = answer.strip(), answered_on
    s.save(update_fields=["answer", "answered_on", "updated_at"])
    record_event(actor=by, action=DocumentEvent.SUGGESTION_ANSWERED, obj=s.document, summary={"suggestion": s.pk})
    return s
