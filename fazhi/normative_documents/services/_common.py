"""Shared helpers of the services: lock, refuse a step, record a step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from ..errors import DocumentErrorCode
from ..events import DocumentEvent
from ..models import NormativeDocument
from ..states import DocumentState, step_refusal


def document_lock(pk: int) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update(of=("self",)).select_related("lead_unit").get(pk=pk)


def step_check(document: NormativeDocument, to: DocumentState) -> None:
    reason = step_refusal(document, to)
    if reason:
        raise DomainError(DocumentErrorCode.STEP_REFUSED, reason, field="state")


def step_record(document: NormativeDocument, to: DocumentState, *, by: Any, fields: list[str], **summary: Any) -> None:
    """Move to `to`, saving `fields` too, and audit it (the caller holds the row lock)."""
    before = document.state
    document.state = to
    document.version += 1
    document.save(update_fields=[*fields, "state", "version", "updated_at"])
    record_event(
        actor=by,
        action=DocumentEvent.STEP,
        obj=document,
        summary={"from": before, "to": to.value, **{k: _plain(v) for k, v in summary.items()}},
        unit=document.lead_unit,
    )


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def date_not_before(
    later: dt.date | None, earlier: dt.date | None, *, field: str, label: str, earlier_label: str
) -> None:
    if later is not None and earlier is not None and later < earlier:
        raise DomainError(
            DocumentErrorCode.DATE_ORDER,
            f"{label}（{later.isoformat()}）不能早于{earlier_label}（{earlier.isoformat()}）。",
            field=field,
        )


def date_not_future(value: dt.date | None, *, today: dt.date, field: str, label: str) -> None:
    if value is not None and value > today:
        raise DomainError(DocumentErrorCode.DATE_ORDER, f"{label}（{value.isoformat()}）不能晚于今天。", field=field)
