"""API endpoints of deadlines: the caller's open clocks (most urgent first) and one clock, each with the engine's own
explanation of its due date (holidays, make-up days, pauses, extensions) and the rule's legal basis. ClockPolicy
decides, as on the pages (fazhi/deadlines/selectors.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, RecordId, keyset_page

from .models import Clock
from .policies import ClockPolicy
from .rules import RULES
from .selectors import OPEN_STATES, clock_get_for, clock_light, today_local

api_actions("deadlines.clock.view")
router = Router(tags=["法定期限"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class ClockOut(Schema):
    id: int
    key: str
    rule_id: str
    rule: str
    basis: str
    object_type: str | None = None
    object_id: str | None = None
    unit_id: int | None
    trigger_date: dt.date
    due_date: dt.date
    state: str
    light: str
    provisional: bool
    extension_units: int
    completed_on: dt.date | None
    explanation: list[str]


def clock_row(clock: Clock, today: dt.date | None = None, *, with_object: bool = True) -> dict[str, Any]:
    """One clock as the API shows it (shared by every module that lists clocks of its records)."""
    rule = RULES.get(clock.rule_id)
    row: dict[str, Any] = {
        "id": clock.pk,
        "key": clock.key,
        "rule_id": clock.rule_id,
        "rule": rule.name if rule else clock.rule_id,
        "basis": rule.basis if rule else "",
        "unit_id": clock.unit_id,
        "trigger_date": clock.trigger_date,
        "due_date": clock.due_date,
        "state": clock.state,
        "light": clock_light(clock, today),
        "provisional": clock.provisional,
        "extension_units": clock.extension_units,
        "completed_on": clock.completed_on,
        "explanation": [str(line) for line in (clock.explanation or [])],
    }
    if with_object:
        row["object_type"] = ContentType.objects.get_for_id(clock.content_type_id).model  # cached per process
        row["object_id"] = clock.object_id
    return row


class ClockListOut(Schema):
    items: list[ClockOut]
    next_cursor: str | None


ORDERINGS = {"due_date": (("due_date", "date"), ("id", "int")), "-id": (("-id", "int"),)}


@router.get("clocks/", response={200: ClockListOut, **ERRORS}, url_name="clock_list", summary="期限列表")
def clock_list(
    request: HttpRequest,
    state: Literal["open", "running", "due_soon", "overdue", "paused", "done"] = Query(
        "open", description="状态；open = 未完成"
    ),
    unit: RecordId | None = Query(None, description="责任单位 ID"),
    due_before: dt.date | None = Query(None, description="届满日早于（不含）"),
    ordering: Literal["due_date", "-id"] = Query("due_date"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """数据范围内的法定期限（`deadlines.clock.view`），每条附届满日的计算说明和法律依据。"""
    user = require(request, "deadlines.clock.view")
    qs = ClockPolicy.visible(user, "view")
    qs = qs.filter(state__in=OPEN_STATES) if state == "open" else qs.filter(state=state)
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    if due_before is not None:
        qs = qs.filter(due_date__lt=due_before)
    today = today_local()
    return keyset_page(
        qs, orderings=ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=lambda c: clock_row(c, today)
    )


@router.get("clocks/{clock_id}/", response={200: ClockOut, **ERRORS}, url_name="clock_detail", summary="期限详情")
def clock_detail(request: HttpRequest, clock_id: RecordId) -> dict:
    user = require(request, "deadlines.clock.view")
    clock = clock_get_for(user, clock_id)
    return clock_row(clock)
