"""API read endpoints of supervisable items (督办事项, #13): the items in the caller's scope (list with the boards'
filters), one item with its reports, extensions and timeline, and the office board's counts. The same policy and
scoped selectors as the boards (`supervision.selectors`): ItemPolicy by the responsible unit, co-units may view one
item; the office board needs `supervision.board.office`.

The router lives here, not in `fazhi/supervision/`, because supervision lies below the API (import-linter)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from fazhi.supervision.models import Item
from fazhi.supervision.selectors import item_get_for, item_timeline, items_visible_to, office_board
from fazhi.supervision.sources import SOURCES
from fazhi.supervision.states import ExtensionState, ItemState, LadderLevel, Light, ReportKind

from .access import require
from .catalogue import api_actions
from .errors import ApiError, ApiErrorCode, not_found
from .handlers import ErrorOut
from .lists import LIMIT_DEFAULT, LIMIT_MAX, RecordId, keyset_page

VIEW = "supervision.item.view"
BOARD = "supervision.board.office"
api_actions(VIEW, BOARD)
router = Router(tags=["督办事项"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
# "urgent" is the boards' order (light first); due dates may be empty, so the cursor runs on (light rank, id)
ORDERINGS = {
    "-id": (("-id", "int"),),
    "id": (("id", "int"),),
    "urgent": (("light_rank", "int"), ("id", "int")),
}
EVENT_LABELS = {
    "supervision.item.raised": "生成督办事项",
    "supervision.item.reported": "报送办理情况",
    "supervision.item.submitted": "报送办结情况，申请销号",
    "supervision.item.accepted": "销号",
    "supervision.item.returned": "退回",
    "supervision.item.closed_by_source": "来源办结，自动关闭",
    "supervision.item.due_changed": "完成时限调整",
    "supervision.item.urged": "催办",
    "supervision.item.ladder": "三色督办升级",
    "supervision.extension.requested": "申请延期",
    "supervision.extension.approved": "同意延期",
    "supervision.extension.refused": "不同意延期",
    "supervision.extension.settled": "延期申请随事项办结终止",
}


class SupervisionItemOut(Schema):
    id: int
    kind: str
    source_label: str
    source_url: str
    title: str
    unit_id: int
    unit: str
    state: str
    state_label: str
    light: str
    light_label: str
    days_overdue: int
    ladder_step: str
    due_date: dt.date | None
    raised_on: dt.date
    ended_at: dt.datetime | None
    end_kind: str
    version: int


class SupervisionItemListOut(Schema):
    items: list[SupervisionItemOut]
    next_cursor: str | None


class SupervisionReportOut(Schema):
    id: int
    kind: str
    kind_label: str
    text: str
    percent: int | None
    unit: str
    created_at: dt.datetime
    evidence: list[str]


class SupervisionExtensionOut(Schema):
    id: int
    state: str
    state_label: str
    old_date: dt.date | None
    new_date: dt.date
    reason: str
    decision_note: str


class SupervisionTimelineEventOut(Schema):
    occurred_at: dt.datetime
    action: str
    label: str
    actor: str
    unit: str
    text: str


class SupervisionItemDetailOut(SupervisionItemOut):
    text: str
    co_units: list[str]
    end_note: str
    reports: list[SupervisionReportOut]
    extensions: list[SupervisionExtensionOut]
    timeline: list[SupervisionTimelineEventOut]


class SupervisionBoardRowOut(Schema):
    unit_id: int
    unit: str
    by_kind: dict[str, int]
    by_light: dict[str, int]
    total: int


class SupervisionBoardKindOut(Schema):
    kind: str
    label: str


class SupervisionBoardOut(Schema):
    rows: list[SupervisionBoardRowOut]
    kinds: list[SupervisionBoardKindOut]
    totals: SupervisionBoardRowOut


def _row(i: Item) -> dict[str, Any]:
    return {
        "id": i.pk,
        "kind": i.kind,
        "source_label": i.source_label,
        "source_url": i.source_url,
        "title": i.title,
        "unit_id": i.unit_id,
        "unit": i.unit.display_name,
        "state": i.state,
        "state_label": ItemState(i.state).label,
        "light": i.light,
        "light_label": Light(i.light).label,
        "days_overdue": i.days_overdue,
        "ladder_step": i.ladder_step,
        "due_date": i.due_date,
        "raised_on": i.raised_on,
        "ended_at": i.ended_at,
        "end_kind": i.end_kind,
        "version": i.version,
    }


def _text(summary: dict[str, Any]) -> str:
    return " · ".join(str(summary[k]) for k in ("message", "text", "reason", "note") if summary.get(k))


@router.get(
    "supervision/items/", response={200: SupervisionItemListOut, **ERRORS}, url_name="item_list", summary="督办事项列表"
)
def item_list(
    request: HttpRequest,
    unit: RecordId | None = Query(None, description="责任单位ID"),
    kind: str | None = Query(None, max_length=60, description="来源类型，如 plans.share、deadlines.clock"),
    light: Literal[tuple(Light.values)] | None = Query(None, description="灯"),  # type: ignore[valid-type]
    state: Literal[tuple(ItemState.values)] | None = Query(None, description="状态"),  # type: ignore[valid-type]
    ladder: Literal[tuple(LadderLevel.values)] | None = Query(None, description="督办级别"),  # type: ignore[valid-type]
    ordering: Literal["-id", "id", "urgent"] = Query("-id", description="urgent：最紧急的灯在前"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """责任单位在数据范围内的督办事项（`supervision.item.view`，与本单位督办事项页相同的范围）。"""
    user = require(request, VIEW)
    if kind and kind not in SOURCES:
        raise ApiError(400, ApiErrorCode.INVALID, f"kind：取值应为 {'、'.join(sorted(SOURCES))} 之一。", field="kind")
    qs = items_visible_to(user, "view").select_related("unit")
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    if kind:
        qs = qs.filter(kind=kind)
    if light:
        qs = qs.filter(light=light)
    if state:
        qs = qs.filter(state=state)
    if ladder:
        qs = qs.filter(ladder_step=ladder)
    return keyset_page(qs, orderings=ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_row)


@router.get(
    "supervision/items/{item_id}/",
    response={200: SupervisionItemDetailOut, **ERRORS},
    url_name="item_detail",
    summary="督办事项详情（报送、延期申请、时间线）",
)
def item_detail(request: HttpRequest, item_id: RecordId) -> dict:
    """一件督办事项：办理要求、配合单位、报送与佐证材料名称、延期申请和全部时间线（含每次催办的内容）。"""
    user = require(request, VIEW)
    try:
        item = item_get_for(user, item_id, "view")
    except Http404:
        raise not_found() from None
    reports = [
        {
            "id": r.pk,
            "kind": r.kind,
            "kind_label": ReportKind(r.kind).label,
            "text": r.text,
            "percent": r.percent,
            "unit": r.unit.display_name if r.unit else "",
            "created_at": r.created_at,
            "evidence": [e.name for e in r.evidence.all()],
        }
        for r in item.reports.select_related("unit").prefetch_related("evidence").order_by("id")
    ]
    extensions = [
        {
            "id": e.pk,
            "state": e.state,
            "state_label": ExtensionState(e.state).label,
            "old_date": e.old_date,
            "new_date": e.new_date,
            "reason": e.reason,
            "decision_note": e.decision_note,
        }
        for e in item.extensions.order_by("id")
    ]
    timeline = [
        {
            "occurred_at": e.occurred_at,
            "action": e.action,
            "label": EVENT_LABELS.get(e.action, e.action),
            "actor": e.actor_name or "系统",
            "unit": e.unit_name,
            "text": _text(e.summary or {}),
        }
        for e in item_timeline(item)
    ]
    return {
        **_row(item),
        "text": item.text,
        "co_units": [u.display_name for u in item.co_units.order_by("path")],
        "end_note": item.end_note,
        "reports": reports,
        "extensions": extensions,
        "timeline": timeline,
    }


@router.get(
    "supervision/board/",
    response={200: SupervisionBoardOut, **ERRORS},
    url_name="office_board",
    summary="督办总览（按单位计数）",
)
def board(request: HttpRequest) -> dict:
    """办理中的督办事项按责任单位、来源类型和灯计数（`supervision.board.office`，与督办总览页相同）。"""
    user = require(request, BOARD)
    rows, kinds, totals = office_board(user)

    def out(r: Any) -> dict[str, Any]:
        return {"unit_id": r.unit_id, "unit": r.unit, "by_kind": r.by_kind, "by_light": r.by_light, "total": r.total}

    return {"rows": [out(r) for r in rows], "kinds": [{"kind": k, "label": v} for k, v in kinds], "totals": out(totals)}
