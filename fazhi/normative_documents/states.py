"""The drafting workflow as data: states, the step into each, and the gate a step must pass (国办发〔2018〕37号:
评估论证 → 公开征求意见 → 合法性审核 → 集体审议 → 统一登记、统一编号、统一印发; legal-rules.md §9).

Each step has one service in `services/drafting.py`; `step_refusal(document, to)` is the gate, read by the services
(which refuse) and by the pages (which show why a button is missing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


class DocumentState(models.TextChoices):
    PROPOSED = "proposed", "立项"
    DRAFTING = "drafting", "起草"
    ASSESSMENT = "assessment", "评估论证"
    CONSULTATION = "consultation", "公开征求意见"
    LEGALITY_REVIEW = "legality_review", "合法性审核"
    DELIBERATION = "deliberation", "集体审议"
    SIGNED = "signed", "签发"
    REGISTERED = "registered", "登记编号"
    PUBLISHED = "published", "公布"
    FILED = "filed", "备案"


ORDER = list(DocumentState)


def _has_drafting_note(d: Any) -> str:
    return "" if d.drafting_note.strip() else "尚未填写起草说明。"


def _consultation_closed(d: Any) -> str:
    """公开征求意见 runs on the consultation engine; the step records one that has closed (its period rule — 30 days
    or a recorded reason, 国办发〔2018〕37号 — is enforced by the engine when it closes)."""
    from fazhi.consultations.selectors import consultations_for_owner

    if consultations_for_owner(d).filter(state__in=("closed", "published")).exists():
        return ""
    return "请先发起公开征求意见，征求意见截止后再办理本环节。"


def _consultation_recorded(d: Any) -> str:
    return "" if d.consultation_id else "尚未记录公开征求意见。"


def _legality_agreed(d: Any) -> str:
    """No 审核, or a 不同意: the document cannot go to 集体审议 (国办发〔2018〕37号 三(三); 国办发〔2018〕115号)."""
    review = d.legality_reviews.order_by("-id").first()
    if review is None or not review.opinion:
        return "未经合法性审核，不得提交集体审议。"
    if review.opinion == "disagree":
        return "合法性审核意见为“不同意”，不得提交集体审议。"
    return ""


def _deliberated(d: Any) -> str:
    return "" if d.deliberated_on and d.deliberation_decision else "尚未记录集体审议的会议、日期和结论。"


def _signed(d: Any) -> str:
    return "" if d.signed_on else "尚未签发。"


def _registered(d: Any) -> str:
    return "" if d.registration_number else "尚未登记编号。"


def _published(d: Any) -> str:
    return "" if d.published_on else "尚未公布。"


@dataclass(frozen=True)
class Step:
    to: DocumentState
    service: str  # the one service that takes the step
    gate: Callable[[Any], str]  # "" = may, else the Chinese reason it may not


def _always(d: Any) -> str:
    return ""


STEPS: dict[DocumentState, Step] = {
    DocumentState.DRAFTING: Step(DocumentState.DRAFTING, "document_draft_start", _always),
    DocumentState.ASSESSMENT: Step(DocumentState.ASSESSMENT, "document_assess", _has_drafting_note),
    DocumentState.CONSULTATION: Step(DocumentState.CONSULTATION, "document_consult", _consultation_closed),
    DocumentState.LEGALITY_REVIEW: Step(
        DocumentState.LEGALITY_REVIEW, "legality_review_request", _consultation_recorded
    ),
    DocumentState.DELIBERATION: Step(DocumentState.DELIBERATION, "document_deliberate", _legality_agreed),
    DocumentState.SIGNED: Step(DocumentState.SIGNED, "document_sign", _deliberated),
    DocumentState.REGISTERED: Step(DocumentState.REGISTERED, "document_register", _signed),
    DocumentState.PUBLISHED: Step(DocumentState.PUBLISHED, "document_publish", _registered),
    DocumentState.FILED: Step(DocumentState.FILED, "document_file", _published),
}


def next_state(state: str) -> DocumentState | None:
    i = ORDER.index(DocumentState(state))
    return ORDER[i + 1] if i + 1 < len(ORDER) else None


def step_refusal(document: Any, to: DocumentState) -> str:
    """Why `document` may not take the step into `to` now ("" if it may): only the next state, and its gate."""
    if next_state(document.state) != to:
        return f"当前环节为“{DocumentState(document.state).label}”，不能进入“{to.label}”。"
    return STEPS[to].gate(document)


def may_step(document: Any, to: DocumentState) -> bool:
    return step_refusal(document, to) == ""
