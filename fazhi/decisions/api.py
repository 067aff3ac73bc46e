"""API read endpoints of 重大行政决策: decisions in the caller's scope (list with filters; one decision with its
procedure records, meetings with their dissents and its consultations' figures). Same policy and scoped selectors
as the pages (DecisionPolicy: the lead unit or the deciding government)."""

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
from fazhi.consultations.selectors import consultation_figures, consultations_for_owner

from .models import Decision
from .selectors import decision_get_for, decision_timeline, decisions_visible_to, procedure_missing
from .states import DecisionState

VIEW = "decisions.view"
api_actions(VIEW)
router = Router(tags=["重大行政决策"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class DecisionOut(Schema):
    id: int
    title: str
    year: int
    lead_unit_id: int
    lead_unit: str
    government: str
    catalogue_item_id: int | None
    state: str
    state_label: str
    required: list[str]
    round: int
    launched_on: dt.date
    decided_on: dt.date | None
    published_on: dt.date | None
    version: int


class DecisionListOut(Schema):
    items: list[DecisionOut]
    next_cursor: str | None


class StepOut(Schema):
    on: dt.date
    label: str
    text: str
    status: str


class DissentOut(Schema):
    person: str
    opinion: str


class MeetingOut(Schema):
    held_on: dt.date
    kind: str
    result: str
    head: str
    speakers: list[str]
    departure_reason: str
    dissents: list[DissentOut]


class DecisionConsultationOut(Schema):
    id: int
    title: str
    state: str
    comments: int
    commenters: int
    clusters: int
    answered: int
    adoption_rate: float | None


class DecisionDetailOut(DecisionOut):
    missing: list[str]
    timeline: list[StepOut]
    meetings: list[MeetingOut]
    consultations: list[DecisionConsultationOut]


def _row(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "title": d.title,
        "year": d.year,
        "lead_unit_id": d.lead_unit_id,
        "lead_unit": d.lead_unit.name,
        "government": d.government.name,
        "catalogue_item_id": d.item_id,
        "state": d.state,
        "state_label": DecisionState(d.state).label,
        "required": list(d.required),
        "round": d.round,
        "launched_on": d.launched_on,
        "decided_on": d.decided_on,
        "published_on": d.published_on,
        "version": d.version,
    }


@router.get(
    "decisions/", response={200: DecisionListOut, **ERRORS}, url_name="decision_list", summary="重大行政决策列表"
)
def decision_list(
    request: HttpRequest,
    state: Literal[tuple(DecisionState.values)] | None = Query(None, description="状态"),  # type: ignore[valid-type]
    year: int | None = Query(None, ge=1990, le=2999, description="年度"),
    ordering: Literal["-id", "id"] = Query("-id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内的重大行政决策（`decisions.view`）。"""
    user = require(request, VIEW)
    qs = decisions_visible_to(user)
    if state:
        qs = qs.filter(state=state)
    if year is not None:
        qs = qs.filter(year=year)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_row)


@router.get(
    "decisions/{decision_id}/",
    response={200: DecisionDetailOut, **ERRORS},
    url_name="decision_detail",
    summary="重大行政决策详情（程序、集体讨论与不同意见、征求意见）",
)
def decision_detail(request: HttpRequest, decision_id: int) -> dict:
    user = require(request, VIEW)
    try:
        d = decision_get_for(user, decision_id)
    except Http404:
        raise not_found() from None
    consultations = []
    for c in consultations_for_owner(d).order_by("id"):
        f = consultation_figures(c)
        consultations.append(
            {
                "id": c.pk,
                "title": c.title,
                "state": c.state,
                **{k: f[k] for k in ("comments", "commenters", "clusters", "answered", "adoption_rate")},
            }
        )
    return {
        **_row(d),
        "missing": procedure_missing(d),
        "timeline": decision_timeline(d),
        "meetings": [
            {
                "held_on": m.held_on,
                "kind": m.kind,
                "result": m.result,
                "head": m.head,
                "speakers": m.speakers,
                "departure_reason": m.departure_reason,
                "dissents": [{"person": x.person, "opinion": x.opinion} for x in m.dissents.all()],
            }
            for m in d.meetings.prefetch_related("dissents")
        ],
        "consultations": consultations,
    }
