"""The v1 API: one NinjaAPI whose routers come from the modules' own `api.py` files (each module's endpoints live
beside its selectors and policies; a module built later adds its `api.py` and is picked up here). Versioning rules:
docs/adr/0007-api.md. The committed schema is docs/api/openapi.json (`make openapi`; tests/test_api_schema.py)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from ninja import NinjaAPI, Router
from ninja.openapi.docs import Swagger
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from fazhi.audit.services import key_use_record
from fazhi.core.middleware import client_ip

from .auth import KeyAuth, SessionAuth
from .errors import ApiError, ApiErrorCode
from .handlers import error_json, register_handlers
from .limits import body_check, limit_check

DESCRIPTION = """法治政府建设平台的数据接口（v1）。

**两种接入方式**：已登录的会话（页面与个人脚本，写操作须带 `X-CSRFToken`），或接口密钥（其他系统：
`Authorization: Bearer fzk_…`，由安全管理员为“接口账号”签发，只显示一次）。密钥的权限不超过其接口账号：
所属单位、可用的接口权限、数据范围、允许的来源地址和有效期；每次使用都记入审计日志。

**同一套规则**：每个接口与页面使用同一策略和同一数据范围的查询；无权查看的记录与不存在的记录同样回答 404。
个人信息一律脱敏。

**列表**：游标分页（`cursor` 取上一页的 `next_cursor`，`limit` 1–200），`ordering` 在给定取值中选择，
较大的列表可用 `fields` 只取部分字段。未列出的查询参数会被拒绝。

**写入**：幂等——请求头 `Idempotency-Key`（或来源系统编号 `source_id`）相同的重复请求只产生一条记录，并返回该记录。

**错误**：一律为 `{"error": {"code": "…", "message": "中文说明", "field": "字段或 null"}}`；
超过频率限制时为 429 并带 `Retry-After`。"""


class FazhiRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # noqa: RUF012


class FazhiParser(Parser):
    pass


class FazhiSwagger(Swagger):
    """ninja's Swagger UI from its own static files (no CDN), in a page of ours: Chinese title and notes, lang zh-CN.

    Rendered here rather than by ninja, which falls back to a CDN page unless "ninja" is an installed app — and the
    app is not installed: it would load ninja and pydantic at every start-up (config/settings/base.py)."""

    template = "api/swagger.html"

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        from django.shortcuts import render
        from ninja.openapi.docs import _csrf_needed

        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


def _query_names(operation: Any) -> frozenset[str] | None:
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) == "query":
            names |= set(getattr(model, "__ninja_flatten_map__", {}) or {})
    return frozenset(names)


_TOUCHED: dict[str, Any] = {}  # per key prefix: when this process last wrote last_used_at


def _audit_key_use(request: HttpRequest, status: int) -> None:
    key = getattr(request, "api_key", None)
    principal = getattr(request, "auth", None)
    if key is None or principal is None:
        return
    # its own short insert, sealed into the audit chain within a minute (ADR 0012): no key use waits on the head lock
    key_use_record(
        key_id=key.pk,
        key_label=f"fzk_{key.prefix}…",
        actor=principal,
        unit=key.account.unit,
        method=request.method or "",
        path=request.path,
        status=status,
    )
    now = timezone.now()
    last = max(filter(None, (key.last_used_at, _TOUCHED.get(key.prefix))), default=None)
    if last is None or (now - last).total_seconds() >= 60:
        _TOUCHED[key.prefix] = now  # the key row is kept per process (auth._key_for): its last_used_at may be old
        type(key).objects.filter(pk=key.pk).update(last_used_at=now)  # at most once a minute per process


def request_guard(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Around every operation (before authentication): body size, the per-address limit, unknown query parameters;
    after it: the audit row of a key's use."""
    operation = getattr(run, "__self__", None)
    allowed = _query_names(operation) if operation is not None else None

    @functools.wraps(run)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from django.conf import settings

        try:
            body_check(request)
            limit_check(f"api.address:{client_ip(request)}", settings.FAZHI_API["ADDRESS_PER_MINUTE"])
        except ApiError as exc:
            return error_json(exc.status, exc.code, exc.message, exc.field, exc.headers)
        if allowed is not None:
            unknown = sorted(set(request.GET) - allowed)
            if unknown:
                return error_json(
                    400,
                    ApiErrorCode.UNKNOWN_PARAMETER,
                    f"不认识的查询参数：{'、'.join(unknown)}。",
                    unknown[0],
                )
        response = run(request, *args, **kwargs)
        _audit_key_use(request, response.status_code)
        return response

    return guarded


api = NinjaAPI(
    title="法治政府建设平台接口",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[KeyAuth(), SessionAuth()],
    renderer=FazhiRenderer(),
    parser=FazhiParser(),
    docs=FazhiSwagger(settings={"docExpansion": "list", "defaultModelsExpandDepth": 0, "validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
register_handlers(api)
api.add_decorator(request_guard, mode="view")


def _module_routers() -> list[tuple[str, Router]]:
    """(prefix, router) of every installed fazhi module with an `api.py` that defines `router`, in INSTALLED_APPS
    order (so the schema's order is stable)."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi.") or config.name == "fazhi.api":
            continue
        if module_has_submodule(config.module, "api"):
            module = import_module(f"{config.name}.api")
            router = getattr(module, "router", None)
            if router is not None:
                found.append((getattr(module, "PREFIX", ""), router))
    return found


for _prefix, _router in _module_routers():
    api.add_router(_prefix, _router)
# The metric registry imports no other module (its import contract), so its endpoints are the API's own.
api.add_router("", import_module("fazhi.api.metrics_routes").router)
api.add_router("", import_module("fazhi.api.supervision").router)
