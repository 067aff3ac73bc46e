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

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.generic import View

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FUNCTION_VIEW_METHODS = frozenset({"GET", "HEAD", "POST"})
GET_ONLY = frozenset({"GET", "HEAD"})
# A function view serves POST when its code — or a helper of the project it calls, a few calls deep — reads the
# request body or looks at the method (request.POST / request.FILES / request.method / request.body); otherwise a POST
# would only re-render the page, and is answered 405 instead (issue #10).
_POST_NAMES = frozenset({"POST", "FILES", "method", "body"})
_SCAN_DEPTH = 4
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
    known = _FUNCTION_VIEWS.get(view)
    if known is None:
        known = _decorator_methods(view)
        if known is None:
            known = FUNCTION_VIEW_METHODS if _reads_post(view) else GET_ONLY
        _FUNCTION_VIEWS[view] = known
    return known


_FUNCTION_VIEWS: dict[Any, frozenset[str]] = {}  # the URL conf's views: a fixed set, scanned once each


def _unwrapped(fn: Any) -> Iterator[Any]:
    seen: set[int] = set()
    while fn is not None and id(fn) not in seen:
        seen.add(id(fn))
        yield fn
        fn = getattr(fn, "__wrapped__", None)


def _decorator_methods(view: Callable[..., Any]) -> frozenset[str] | None:
    """The methods of Django's require_http_methods / require_POST / require_GET (kept in the decorator's closure)."""
    for fn in _unwrapped(view):
        for cell in getattr(fn, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, list | tuple) and value and all(isinstance(m, str) and m.isupper() for m in value):
                code = getattr(fn, "__code__", None)
                if code is not None and "request_method_list" in code.co_freevars:
                    methods = {m.upper() for m in value}
                    return frozenset(methods | ({"HEAD"} if "GET" in methods else set()))
    return None


def _code_objects(code: Any) -> Iterator[Any]:
    yield code
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            yield from _code_objects(const)


def _reads_post(view: Callable[..., Any], depth: int = _SCAN_DEPTH, seen: set[int] | None = None) -> bool:
    seen = set() if seen is None else seen
    for fn in _unwrapped(view):
        code = getattr(fn, "__code__", None)
        if code is None or id(code) in seen:
            continue
        seen.add(id(code))
        names = {n for c in _code_objects(code) for n in c.co_names}
        if names & _POST_NAMES:
            return True
        if depth <= 0:
            continue
        env = getattr(fn, "__globals__", {})
        for name in names:
            callee = env.get(name)
            if (
                callable(callee)
                and getattr(callee, "__module__", "").startswith("fazhi.")
                and hasattr(callee, "__code__")
            ):
                if _reads_post(callee, depth - 1, seen):
                    return True
    return False


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
        page = render(request, "405.html", {"allowed": ordered}, status=405)
        page["Allow"] = ", ".join(ordered)
        return page
