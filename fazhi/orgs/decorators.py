"""``@menu_page("action.code")``: a page reached from the menu opens only for a user holding the menu's action code.

Deny by default (issue #11 point 10): a list page whose selector merely scopes rows would otherwise open — empty — for
anyone logged in, the 三员 included, and offer them business pages through links. Without the code the page answers
the same 404 as a page that does not exist.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from .scopes import grants_for


def menu_page(*codes: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Login required, then any one of `codes`."""

    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            grants = grants_for(request.user)  # type: ignore[arg-type]
            if not any(grants.has(c) for c in codes):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(inner)

    return wrap
