"""What every endpoint does first: who is asking (`actor(request)`) and the action it needs — refused with the same
404 as a missing record (`require`), so a caller without a right learns nothing about what exists."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from fazhi.orgs.rules import has_action

from .errors import not_found


def actor(request: HttpRequest) -> Any:
    """The signed-in user or the key's principal (fazhi/api/principal.py): what the policies and services get."""
    return request.auth  # type: ignore[attr-defined]


def require(request: HttpRequest, *codes: str) -> Any:
    user = actor(request)
    for code in codes:
        if not has_action(code).allows(user, None):
            raise not_found()
    return user
