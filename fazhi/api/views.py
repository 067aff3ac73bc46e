"""v1 JSON endpoints. Parse → authorise with the module's policy → selector → serialise. Nothing else."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, JsonResponse

from fazhi.core.pii import mask_phone
from fazhi.orgs.policies import UnitPolicy, UserPolicy
from fazhi.orgs.selectors import units_resolve

PAGE_MAX = 200


def error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message}}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def api_login_required(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        if not request.user.is_authenticated:
            return error("unauthenticated", "请先登录。", 401)
        return view(request, *args, **kwargs)

    return wrapped


def _ok(data: Any) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


def _limit(request: HttpRequest) -> int | JsonResponse:
    raw = request.GET.get("limit", "50")
    if not raw.isdigit() or not 1 <= int(raw) <= PAGE_MAX:
        return error("bad_request", f"limit 应为1到{PAGE_MAX}之间的整数。", 400)
    return int(raw)


@api_login_required
def unit_list(request: HttpRequest) -> JsonResponse:
    if not UnitPolicy.can(request.user, "view"):
        return error("not_found", "资源不存在。", 404)
    limit = _limit(request)
    if isinstance(limit, JsonResponse):
        return limit
    qs = UnitPolicy.visible(request.user, "view").filter(is_active=True)
    if q := request.GET.get("q", "").strip():
        qs = qs.filter(name__contains=q)
    rows = qs.order_by("path")[:limit]
    return _ok(
        {
            "items": [
                {
                    "id": u.pk,
                    "code": u.code,
                    "name": u.name,
                    "short_name": u.short_name,
                    "parent_id": u.parent_id,
                    "kind": u.kind,
                    "level": u.level,
                }
                for u in rows
            ]
        }
    )


@api_login_required
def unit_resolve(request: HttpRequest) -> JsonResponse:
    if not UnitPolicy.can(request.user, "view"):
        return error("not_found", "资源不存在。", 404)
    name = request.GET.get("name", "").strip()
    if not name:
        return error("bad_request", "请提供参数 name（单位名称）。", 400)
    r = units_resolve(name)
    if not r.found:
        return error("not_found", f"未找到名为“{name}”的单位或单位分组。", 404)
    return _ok(
        {
            "name": name,
            "unit_id": r.unit.pk if r.unit else None,
            "group_id": r.group.pk if r.group else None,
            "units": [{"id": u.pk, "name": u.name} for u in r.units],
        }
    )


@api_login_required
def user_list(request: HttpRequest) -> JsonResponse:
    limit = _limit(request)
    if isinstance(limit, JsonResponse):
        return limit
    qs = UserPolicy.visible(request.user, "view").select_related("unit")
    if q := request.GET.get("q", "").strip():
        qs = qs.filter(full_name__contains=q) | qs.filter(username__contains=q)
    rows = qs.order_by("id")[:limit]
    return _ok(
        {
            "items": [
                {
                    "id": u.pk,
                    "username": u.username,
                    "full_name": u.full_name,
                    "unit": u.unit.name if u.unit else None,
                    "mobile": mask_phone(u.mobile),
                    "is_active": u.is_active,
                }
                for u in rows
            ]
        }
    )
