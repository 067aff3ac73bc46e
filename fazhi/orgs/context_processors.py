from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from fazhi.core.actions import MENU, SECTION_ORDER

from .scopes import grants_for


@functools.cache
def _menu_url(url_name: str) -> str | None:
    """Menu URLs never change while the process runs: reverse each once (≈ 30 reverses per page otherwise)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The left navigation: only the entries whose action code the user holds."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    grants = grants_for(user)
    sections: dict[str, list[dict[str, Any]]] = {}
    for entry in sorted(MENU, key=lambda e: e.order):
        if not grants.has(entry.action):
            continue
        url = _menu_url(entry.url_name)
        if url is None:
            continue
        sections.setdefault(entry.section, []).append(
            {"label": entry.label, "url": url, "active": request.path.startswith(url) and url != "/"}
        )
    # one entry is active: the longest menu URL the path starts with (/mediation/hotline/ is 12348热线咨询, not also
    # 人民调解 at /mediation/)
    best = max((e["url"] for v in sections.values() for e in v if e["active"]), key=len, default=None)
    for v in sections.values():
        for e in v:
            e["active"] = e["url"] == best
    ordered = sorted(sections.items(), key=lambda kv: SECTION_ORDER.index(kv[0]) if kv[0] in SECTION_ORDER else 99)
    return {"nav_sections": [{"title": k, "entries": v} for k, v in ordered]}
