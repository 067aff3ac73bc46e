"""API endpoints of orgs: units (the tree; unit lookup by any of its names) and users (data scope; phones masked).
Same policies and selectors as the pages (fazhi/orgs/selectors.py)."""

from __future__ import annotations

from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode, not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, RecordId, fields_parse, keyset_page
from fazhi.core.pii import mask_phone

from .models import Unit, User
from .selectors import unit_get_for, units_resolve, units_visible_to, users_visible_to

api_actions("orgs.unit.view", "orgs.user.view")
router = Router(tags=["单位与用户"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class UnitOut(Schema):
    id: int
    code: str | None = None
    name: str | None = None
    short_name: str | None = None
    parent_id: int | None = None
    kind: str | None = None
    level: str | None = None
    credit_code: str | None = None
    division_code: str | None = None
    is_active: bool | None = None


class UnitListOut(Schema):
    items: list[UnitOut]
    next_cursor: str | None


UNIT_ORDERINGS = {"path": (("path", "str"), ("id", "int")), "id": (("id", "int"),), "-id": (("-id", "int"),)}
UNIT_FIELDS = list(UnitOut.model_fields)


def _unit_row(u: Unit) -> dict:
    return {
        "id": u.pk,
        "code": u.code,
        "name": u.name,
        "short_name": u.short_name,
        "parent_id": u.parent_id,
        "kind": u.kind,
        "level": u.level,
        "credit_code": u.credit_code,
        "division_code": u.division_code,
        "is_active": u.is_active,
    }


@router.get(
    "units/", response={200: UnitListOut, **ERRORS}, url_name="unit_list", summary="单位列表", exclude_unset=True
)
def unit_list(
    request: HttpRequest,
    q: str = Query("", max_length=100, description="名称或简称包含"),
    parent: RecordId | None = Query(None, description="上级单位 ID"),
    include_inactive: bool = Query(False, description="含已停用单位"),
    ordering: Literal["path", "id", "-id"] = Query("path", description="排序：树序、ID 升序或降序"),
    cursor: str | None = Query(None, max_length=500, description="上一页的 next_cursor"),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
    fields: str | None = Query(
        None, max_length=300, description=f"只返回这些字段（逗号分隔）：{','.join(UNIT_FIELDS)}"
    ),
) -> dict:
    """单位树（`orgs.unit.view`）：按树序排列，可按名称、上级单位筛选。"""
    user = require(request, "orgs.unit.view")
    selected = fields_parse(fields, UNIT_FIELDS)
    qs = units_visible_to(user)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if q.strip():
        qs = qs.filter(Q(name__contains=q.strip()) | Q(short_name__contains=q.strip()))
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    return keyset_page(
        qs, orderings=UNIT_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_unit_row, fields=selected
    )


class UnitResolutionOut(Schema):
    name: str
    unit_id: int | None
    group_id: int | None
    units: list[UnitOut]


@router.get(
    "units/resolve/", response={200: UnitResolutionOut, **ERRORS}, url_name="unit_resolve", summary="按名称查找单位"
)
def unit_resolve(
    request: HttpRequest,
    name: str = Query(..., min_length=1, max_length=200, description="单位全称、简称、别名或分组名"),
) -> dict:
    """由任一名称（全称、简称、别名）找到单位，或由分组名（如“市直各单位”）找到分组及其成员。"""
    require(request, "orgs.unit.view")
    name = name.strip()
    if not name:
        raise ApiError(400, ApiErrorCode.INVALID, "name：请提供单位名称。", field="name")
    r = units_resolve(name)
    if not r.found:
        raise not_found(f"未找到名为“{name}”的单位或单位分组。")
    return {
        "name": name,
        "unit_id": r.unit.pk if r.unit else None,
        "group_id": r.group.pk if r.group else None,
        "units": [_unit_row(u) for u in r.units],
    }


@router.get("units/{unit_id}/", response={200: UnitOut, **ERRORS}, url_name="unit_detail", summary="单位详情")
def unit_detail(request: HttpRequest, unit_id: RecordId) -> dict:
    user = require(request, "orgs.unit.view")
    return _unit_row(unit_get_for(user, unit_id))


class UserOut(Schema):
    id: int
    username: str | None = None
    full_name: str | None = None
    unit_id: int | None = None
    unit: str | None = None
    mobile: str | None = None
    is_liaison: bool | None = None
    is_active: bool | None = None


class UserListOut(Schema):
    items: list[UserOut]
    next_cursor: str | None


USER_ORDERINGS = {"id": (("id", "int"),), "-id": (("-id", "int"),), "username": (("username", "str"), ("id", "int"))}
USER_FIELDS = list(UserOut.model_fields)


def _user_row(u: User) -> dict:
    return {
        "id": u.pk,
        "username": u.username,
        "full_name": u.full_name,
        "unit_id": u.unit_id,
        "unit": u.unit.name if u.unit else None,
        "mobile": mask_phone(u.mobile),  # never unmasked through the API
        "is_liaison": u.is_liaison,
        "is_active": u.is_active,
    }


@router.get(
    "users/", response={200: UserListOut, **ERRORS}, url_name="user_list", summary="用户列表", exclude_unset=True
)
def user_list(
    request: HttpRequest,
    q: str = Query("", max_length=100, description="姓名或账号包含"),
    unit: RecordId | None = Query(None, description="所属单位 ID"),
    ordering: Literal["id", "-id", "username"] = Query("id"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
    fields: str | None = Query(None, max_length=300, description=f"只返回这些字段：{','.join(USER_FIELDS)}"),
) -> dict:
    """数据范围内的用户（`orgs.user.view`）；手机号一律脱敏，接口不提供查看完整个人信息。"""
    user = require(request, "orgs.user.view")
    selected = fields_parse(fields, USER_FIELDS)
    qs = users_visible_to(user)
    if q.strip():
        qs = qs.filter(Q(full_name__contains=q.strip()) | Q(username__contains=q.strip()))
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    return keyset_page(
        qs, orderings=USER_ORDERINGS, ordering=ordering, cursor=cursor, limit=limit, row=_user_row, fields=selected
    )
