"""``{% if user|may:"action.code" %}``: show a link or button only to a user who holds its action code.

A builtin of the template engine (config/settings/base.py). A page must not show a link that answers 403/404 for the
person who sees it (the persona × page walk, tests/test_persona_walk.py, fails on one); the view's own policy still
decides — this only keeps the page from offering what the view would refuse.
"""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.orgs.scopes import grants_for

register = template.Library()


@register.filter
def may(user: Any, code: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return grants_for(user).has(code)
