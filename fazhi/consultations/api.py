"""API read endpoints of the consultation engine (公开征求意见): consultations in the caller's scope (list, filtered by
state and owner — `state=open` is what is open for comment now), one consultation with its draft by article and its
figures, its comments (names masked, phones never), and its adoption ledger (意见采纳情况: one line per comment or
per cluster of near-duplicates, with the answer). Same policy and scoped selectors as the pages (ConsultationPolicy:
the organising unit's data scope, action `consultations.view`); 404 for a missing and a forbidden consultation alike.

No write endpoint: comments come through the portal (the public) or are entered by staff on the page with their
channel; issue #14 names no system that feeds comments."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode, not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page
from fazhi.core.pii import mask_name

from .models import Comment, Consultation, Outcome
from .registry import OWNERS
from .selectors import (
    answers_by_comment,
    consultation_figures,
    consultation_get_for,
    consultations_visible_to,
    ledger_items,
    owner_info,
    period_minimum_of,
)
from .states import ConsultationState

VIEW = "consultations.view"
api_actions(VIEW)
router = Router(tags=["公开征求意见"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}
NUMBER_ORDERINGS = {"number": (("number", "int"), ("id", "int")), "-number": (("-number", "int"), ("-id", "int"))}
OUTCOME_LABELS = dict(Outcome.choices)


class ConsultationOut(Schema):
    id: int
    title: str
    owner_type: str
    owner_id: int
    unit_id: int
    unit: str
    state: str
    state_label: str
    opens_on: dt.date
    closes_on: dt.date
    opened_on: dt.date | None
    closed_on: dt.date | None
    published_on: dt.date | None
    rule_id: str
    short_reason: str
    channels: list[str]
    identity: str
    version: int


class ConsultationListOut(Schema):
    items: list[ConsultationOut]
    next_cursor: str | None


class ArticleOut(Schema):
    id: int
    order: int
    label: str
    level: int
    text: str


class ArticleFiguresOut(Schema):
    article_id: int | None
    label: str
    comments: int
    answered: int
    adopted: int
    adoption_rate: float | None


class OutcomesOut(Schema):
    adopted: int
    partly: int
    rejected: int
    existing: int


class FiguresOut(Schema):
    comments: int
    commenters: int
    clusters: int
    clustered_comments: int
    hidden: int
    answered: int
    outcomes: OutcomesOut
    adoption_rate: float | None
    per_article: list[ArticleFiguresOut]


class OwnerOut(Schema):
    label: str
    title: str


class ConsultationDetailOut(ConsultationOut):
    summary: str
    contact: str
    comment_max_length: int
    minimum_close_on: dt.date
    minimum_explanation: list[str]
    record_note: str
    owner: OwnerOut
    articles: list[ArticleOut]
    figures: FiguresOut


class AnswerOut(Schema):
    outcome: str
    outcome_label: str
    reason: str
    revision: str


class CommentOut(Schema):
    id: int
    number: int
    article_id: int | None
    article_label: str
    text: str
    channel: str
    received_on: dt.date
    name: str
    organisation: str
    cluster: int | None
    answer: AnswerOut | None


class CommentListOut(Schema):
    items: list[CommentOut]
    next_cursor: str | None


class LedgerItemOut(Schema):
    comments: list[int]
    senders: int
    cluster: int | None
    article_id: int | None
    article_label: str
    answer: AnswerOut | None


class LedgerOut(Schema):
    consultation_id: int
    state: str
    published_on: dt.date | None
    items: list[LedgerItemOut]


def _row(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "owner_type": f"{c.owner_type.app_label}.{c.owner_type.model}",
        "owner_id": c.owner_id,
        "unit_id": c.unit_id,
        "unit": c.unit.name,
        "state": c.state,
        "state_label": ConsultationState(c.state).label,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "opened_on": c.opened_on,
        "closed_on": c.closed_on,
        "published_on": c.published_on,
        "rule_id": c.rule_id,
        "short_reason": c.short_reason,
        "channels": list(c.channels),
        "identity": c.identity,
        "version": c.version,
    }


def _answer(entry: Any) -> dict[str, str] | None:
    if entry is None:
        return None
    return {
        "outcome": entry.outcome,
        "outcome_label": OUTCOME_LABELS[entry.outcome],
        "reason": entry.reason,
        "revision": entry.revision,
    }


def _get(user: Any, consultation_id: int) -> Consultation:
    try:
        return consultation_get_for(user, consultation_id)
    except Http404:
        raise not_found() from None


@router.get(
    "consultations/",
    response={200: ConsultationListOut, **ERRORS},
    url_name="consultation_list",
    summary="公开征求意见列表",
)
def consultation_list(
    request: HttpRequest,
    state: Literal[tuple(ConsultationState.values)] | None = Query(  # type: ignore[valid-type]
        None, description="状态：open 为正在征求意见"
    ),
    owner: str | None = Query(
        None, max_length=100, description="所属记录类型，如 decisions.decision、normative_documents.normativedocument"
    ),
    owner_id: int | None = Query(None, ge=1, le=2**63 - 1, description="所属记录编号（与 owner 同用）"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内（组织单位）的公开征求意见（`consultations.view`）。"""
    user = require(request, VIEW)
    qs = consultations_visible_to(user).select_related("owner_type")
    if state:
        qs = qs.filter(state=state)
    if owner is not None:
        if owner not in OWNERS:
            raise ApiError(400, ApiErrorCode.INVALID, f"owner：“{owner}”不是可征求意见的记录类型。", field="owner")
        app_label, model = owner.split(".", 1)
        qs = qs.filter(owner_type__app_label=app_label, owner_type__model=model)
    if owner_id is not None:
        if owner is None:
            raise ApiError(400, ApiErrorCode.INVALID, "owner_id：请同时指定 owner。", field="owner_id")
        qs = qs.filter(owner_id=owner_id)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_row)


@router.get(
    "consultations/{consultation_id}/",
    response={200: ConsultationDetailOut, **ERRORS},
    url_name="consultation_detail",
    summary="公开征求意见详情（征求意见稿条款、最短期限及其计算、意见统计）",
)
def consultation_detail(request: HttpRequest, consultation_id: int) -> dict:
    user = require(request, VIEW)
    c = _get(user, consultation_id)
    f = consultation_figures(c)
    minimum = period_minimum_of(c)
    info = owner_info(c)
    return {
        **_row(c),
        "summary": c.summary,
        "contact": c.contact,
        "comment_max_length": c.comment_max_length,
        "minimum_close_on": minimum.due,
        "minimum_explanation": list(minimum.explanation),
        "record_note": c.record_note,
        "owner": {"label": info["label"], "title": info["title"]},
        "articles": [
            {"id": a.pk, "order": a.order, "label": a.label, "level": a.level, "text": a.text} for a in c.articles.all()
        ],
        "figures": {
            **{
                k: f[k]
                for k in ("comments", "commenters", "clusters", "clustered_comments", "hidden", "answered", "outcomes")
            },
            "adoption_rate": f["adoption_rate"],
            "per_article": [
                {
                    "article_id": r["article"].pk if r["article"] else None,
                    "label": r["label"],
                    "comments": r["comments"],
                    "answered": r["answered"],
                    "adopted": r["adopted"],
                    "adoption_rate": r["adoption_rate"],
                }
                for r in f["per_article"]
            ],
        },
    }


@router.get(
    "consultations/{consultation_id}/comments/",
    response={200: CommentListOut, **ERRORS},
    url_name="consultation_comments",
    summary="征求意见收到的意见（姓名脱敏，不含手机号；已屏蔽的不列出）",
)
def consultation_comments(
    request: HttpRequest,
    consultation_id: int,
    article_id: int | None = Query(None, ge=1, le=2**63 - 1, description="针对条款"),
    ordering: Literal["number", "-number"] = Query("number"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    user = require(request, VIEW)
    c = _get(user, consultation_id)
    answers = answers_by_comment(c)
    qs = Comment.objects.filter(consultation=c, hidden=False).select_related("article", "cluster")
    if article_id is not None:
        qs = qs.filter(article_id=article_id)

    def row(cm: Comment) -> dict[str, Any]:
        return {
            "id": cm.pk,
            "number": cm.number,
            "article_id": cm.article_id,
            "article_label": cm.article.label if cm.article else "",
            "text": cm.text,
            "channel": cm.channel,
            "received_on": cm.received_on,
            "name": mask_name(cm.name),
            "organisation": cm.organisation,
            "cluster": cm.cluster.number if cm.cluster else None,
            "answer": _answer(answers.get(cm.pk)),
        }

    return keyset_page(qs, orderings=NUMBER_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=row)


@router.get(
    "consultations/{consultation_id}/ledger/",
    response={200: LedgerOut, **ERRORS},
    url_name="consultation_ledger",
    summary="意见采纳台账（每条意见或每组相似意见的采纳情况和理由）",
)
def consultation_ledger(request: HttpRequest, consultation_id: int) -> dict:
    user = require(request, VIEW)
    c = _get(user, consultation_id)
    return {
        "consultation_id": c.pk,
        "state": c.state,
        "published_on": c.published_on,
        "items": [
            {
                "comments": [cm.number for cm in i.comments],
                "senders": i.senders,
                "cluster": i.cluster.number if i.cluster else None,
                "article_id": i.article.pk if i.article else None,
                "article_label": i.article.label if i.article else "",
                "answer": _answer(i.entry),
            }
            for i in ledger_items(c)
        ],
    }
