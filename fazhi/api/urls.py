"""/api/v1/: the NinjaAPI's URLs (fazhi/api/v1.py), the integration-account pages of the security administrator, and
JSON answers where Django would answer in HTML (an unserved method, an unknown path under /api/v1/)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, include, path, re_path

from . import views
from .errors import ApiErrorCode
from .handlers import error_json
from .v1 import api


def _methods(view: Callable[..., HttpResponse]) -> frozenset[str]:
    """The methods ninja's path view serves (it keeps its PathView in the view function's closure)."""
    for cell in getattr(view, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if operations is not None:
            return frozenset(m.upper() for op in operations for m in op.methods)
    return frozenset({"GET"})


def _json_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allow = response["Allow"]
            out = error_json(
                405, ApiErrorCode.METHOD_NOT_ALLOWED, f"该地址不支持 {request.method} 方法（可用：{allow}）。"
            )
            out["Allow"] = allow
            return out
        return response

    wrapped.fazhi_methods = _methods(view)  # type: ignore[attr-defined]  # core.guards.MethodGuardMiddleware reads it
    return wrapped


def _v1_patterns() -> list[Any]:
    patterns, _app, _namespace = api.urls
    out: list[Any] = []
    for p in patterns:
        if not isinstance(p, URLPattern):
            out.append(p)
        elif p.name == "api-root":
            out.append(path("", views.nowhere, name="api-root"))
        elif p.name == "openapi-json":
            out.append(path("openapi.json", views.openapi_json, name="openapi-json"))
        elif p.name == "openapi-view":
            out.append(p)
        else:
            p.callback = _json_not_allowed(p.callback)
            out.append(p)
    out.append(re_path(r"^.+$", views.nowhere, name="unknown"))
    return out


app_name = "api"
urlpatterns = [
    path("v1/", include(_v1_patterns())),
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_edit, name="account_create"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("keys/<int:pk>/rotate/", views.key_rotate_view, name="key_rotate"),
    path("keys/<int:pk>/revoke/", views.key_revoke_view, name="key_revoke"),
]
