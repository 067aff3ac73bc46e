"""{% link 'name' 'arg' %}: {% url %} for links whose name and arguments are constants written in the template (menus,
toolbars), reversed once per process — URL patterns never change while it runs. Never for per-row arguments."""

from __future__ import annotations

import functools

from django import template
from django.urls import reverse

register = template.Library()


@functools.lru_cache(maxsize=512)
def _reversed(name: str, args: tuple[str | int, ...]) -> str:
    return reverse(name, args=list(args))


@register.simple_tag
def link(name: str, *args: str | int) -> str:
    return _reversed(name, tuple(args))
