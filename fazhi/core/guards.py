"""Request guards in one place, for every route of every module and whatever builds it (issue #10 findings 6, 11).

InputGuardMiddleware refuses a control character (C0 but tab, LF, CR; DEL) in the path, a query parameter, a form
field or a JSON body with 400 naming the field, before any view or query runs: PostgreSQL cannot store NUL
(psycopg.DataError → 500) and no form or search means one. MethodGuardMiddleware answers 405 for a method the view
does not serve: a function view serves GET, HEAD and POST (require_POST & co. narrow that); a class-based view, a
django-ninja path or a view marked with @serves_methods declares its own. TRACE, OPTIONS and CONNECT are served by
nothing unless declared.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.views.generic import View

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FUNCTION_VIEW_METHODS = frozenset({"GET", "HEAD", "POST"})
API_PREFIX = "/api/"


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX) or request.content_type == "application/json"


def _json_strings(value: Any, field: str) -> Iterator[tuple[str, str]]:
    """(top-level field, string) for every key and string in a JSON document."""
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, field)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield (field or k), k
            yield from _json_strings(v, field or k)


def _first_bad(request: HttpRequest, view_kwargs: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, field) of the first input holding a control character, or None."""
    if CONTROL.search(request.path):
        return "路径", "path"
    for name, value in view_kwargs.items():
        if isinstance(value, str) and CONTROL.search(value):
            return "路径", name
    sources: list[tuple[str, Iterable[tuple[str, str]]]] = [("参数", request.GET.lists())]  # type: ignore[list-item]
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if request.content_type == "application/json":
            try:
                doc = json.loads(request.body or b"null")
            except ValueError:
                doc = None  # the view answers a malformed body
            sources.append(("字段", _json_strings(doc, "")))
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            sources.append(("字段", request.POST.lists()))  # type: ignore[arg-type]
            sources.append(("文件名", ((k, f.name or "") for k, fs in request.FILES.lists() for f in fs)))
    for kind, pairs in sources:
        for name, values in pairs:
            if CONTROL.search(name):
                return kind, CONTROL.sub("", name)
            for v in [values] if isinstance(values, str) else values:
                if CONTROL.search(v):
                    return kind, name
    return None


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        bad = _first_bad(request, kwargs)
        if bad is None:
            return None
        kind, field = bad
        message = f"{kind}“{field}”含有不允许的控制字符。"
        if _wants_json(request):
            body = {"error": {"code": "bad_request", "message": message, "field": field}}
            return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "400.html", {"message": message}, status=400)


def serves_methods(*methods: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a function view that serves more (or other) methods than GET, HEAD and POST."""

    def mark(view: Callable[..., Any]) -> Callable[..., Any]:
        view.fazhi_methods = frozenset(m.upper() for m in methods)  # type: ignore[attr-defined]
        return view

    return mark


def served_methods(view: Callable[..., Any]) -> frozenset[str]:
    declared = getattr(view, "fazhi_methods", None)
    if declared is not None:
        return frozenset(declared)
    cls = getattr(view, "view_class", None)
    if isinstance(cls, type) and issubclass(cls, View):
        names = {m for m in cls.http_method_names if hasattr(cls, m)}
        if getattr(cls, "options", None) is View.options:
            names.discard("options")  # Django's default OPTIONS answer is not a feature anyone built
        return frozenset(m.upper() for m in names)
    owner = getattr(view, "__self__", None)  # django-ninja: a bound method of the path's PathView
    operations = getattr(owner, "operations", None)
    if operations is not None:
        return frozenset(m.upper() for op in operations for m in getattr(op, "methods", ()))
    return FUNCTION_VIEW_METHODS


class MethodGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        allowed = served_methods(view)
        if request.method in allowed:
            return None
        ordered = sorted(allowed, key=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].index)
        if _wants_json(request):
            resp: HttpResponse = JsonResponse(
                {"error": {"code": "method_not_allowed", "message": "不支持该请求方法。", "field": None}},
                status=405,
                json_dumps_params={"ensure_ascii": False},
            )
            resp["Allow"] = ", ".join(ordered)
            return resp
        return HttpResponseNotAllowed(ordered)
