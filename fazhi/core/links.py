"""Links in long lists: a detail page's URL for each row without resolving its pattern once per row."""

from __future__ import annotations

import functools

from django.urls import get_script_prefix, reverse


@functools.lru_cache(maxsize=512)
def _url_around(url_name: str, prefix: str) -> tuple[str, str]:
    marker = 987654321
    head, _, tail = reverse(url_name, args=[marker]).partition(str(marker))
    return head, tail


def detail_url(url_name: str, pk: int) -> str:
    """reverse(url_name, args=[pk]) for a list's rows: the pattern is reversed once per process (and script prefix)."""
    head, tail = _url_around(url_name, get_script_prefix())
    return f"{head}{pk}{tail}"
