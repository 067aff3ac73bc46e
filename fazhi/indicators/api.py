"""API read endpoints of the indicators module: the indicator sets a caller may see, and one set's indicators with
each leaf's value, score and source for the area or one assessed unit (a flat list in tree order, each row naming
its parent). Same policy and selectors as the pages (IndicatorSetPolicy, action `indicators.set.view`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode, not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page
from fazhi.orgs.models import Unit

from .selectors import indicator_sets_visible_to, indicator_tree, tree_total

VIEW = "indicators.set.view"
api_actions(VIEW)
router = Router(tags=["指标考核"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class IndicatorSetOut(Schema):
    id: int
    code: str
    name: str
    year: int
    edition: str
    owner: str


class IndicatorSetListOut(Schema):
    items: list[IndicatorSetOut]
    next_cursor: str | None


class IndicatorNodeOut(Schema):
    id: int
    parent_id: int | None
    depth: int
    title: str
    points: float | None
    method: str
    metric_key: str
    is_leaf: bool
    value: float | None
    score: float | None
    source: str | None


class IndicatorScoresOut(Schema):
    set: IndicatorSetOut
    unit: str
    total: float | None
    nodes: list[IndicatorNodeOut]


def _set_row(s: Any) -> dict[str, Any]:
    return {"id": s.pk, "code": s.code, "name": s.name, "year": s.year, "edition": s.edition, "owner": s.owner.code}


@router.get(
    "indicators/sets/",
    response={200: IndicatorSetListOut, **ERRORS},
    url_name="indicator_set_list",
    summary="指标体系列表",
)
def indicator_set_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2100),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """可查看的指标体系（`indicators.set.view`）。"""
    user = require(request, VIEW)
    qs = indicator_sets_visible_to(user)
    if year is not None:
        qs = qs.filter(year=year)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering="-id", cursor=cursor, limit=limit, row=_set_row)


def _flat(tree: list[dict[str, Any]], parent: int | None, depth: int, out: list[dict[str, Any]]) -> None:
    for n in tree:
        out.append(
            {
                "id": n["id"],
                "parent_id": parent,
                "depth": depth,
                "title": n["title"],
                "points": n["points"],
                "method": n["method"],
                "metric_key": n["metric_key"],
                "is_leaf": not n["children"],
                "value": n["value"],
                "score": n["score"],
                "source": n["source"],
            }
        )
        _flat(n["children"], n["id"], depth + 1, out)


@router.get(
    "indicators/sets/{set_id}/scores/",
    response={200: IndicatorScoresOut, **ERRORS},
    url_name="indicator_set_scores",
    summary="指标体系得分（末级指标的数值、得分、来源，逐级汇总）",
)
def indicator_set_scores(
    request: HttpRequest, set_id: int, unit: str | None = Query(None, max_length=32, description="被考核单位编码")
) -> dict:
    user = require(request, VIEW)
    found = indicator_sets_visible_to(user).filter(pk=set_id).first()
    if found is None:
        raise not_found()
    u = None
    if unit:
        u = Unit.objects.filter(code=unit).first()
        if u is None:
            raise ApiError(400, ApiErrorCode.INVALID, f"unit：未找到编码为“{unit}”的单位。", field="unit")
    tree = indicator_tree(found, unit=u)
    rows: list[dict[str, Any]] = []
    _flat(tree, None, 1, rows)
    return {"set": _set_row(found), "unit": u.code if u else "", "total": tree_total(tree), "nodes": rows}
