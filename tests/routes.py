"""Every URL pattern of the project as a concrete path (placeholders filled with dummies), for the walks in tests/."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver

ARG = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def routes(resolver: URLResolver | None = None, prefix: str = "") -> list[tuple[str, URLPattern]]:
    out: list[tuple[str, URLPattern]] = []
    for p in (resolver or get_resolver()).url_patterns:
        route = str(p.pattern)
        route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: ARG[m.group(1) or "str"], route).lstrip("^").rstrip("$")
        if isinstance(p, URLResolver):
            out += routes(p, prefix + route)
        elif isinstance(p, URLPattern):
            out.append(("/" + prefix + route, p))
    return out
