"""{% hotline_rows rows may_intake %}: the 12348 log's 50 rows (mediation/hotline.html), written in Python.

As a template loop the rows were most of the page's time (≈ 12 ms of CPU a page against ≈ 1 ms of SQL: bench/README.md,
12348 log); the bytes are the loop's (pinned by tests/test_hotline_rows.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from fazhi.core.html import e, minute, truncate

register = template.Library()

EMPTY = '<tr><td colspan="8" class="muted">没有符合条件的来电记录。</td></tr>'


def _operator(c: Any) -> str:
    op = c.operator
    if op is None:
        return "—"
    return e(op.full_name or op.username)


def _became(r: Mapping[str, Any], may_intake: bool, register_url: str) -> str:
    links = "<br>".join(f'<a href="{e(b["url"])}">{e(b["number"])}</a>' for b in r["became"])
    if may_intake and r["intake"]:
        sep = "<br>" if r["became"] else ""
        return f'{links}{sep}<a class="button" href="{register_url}?call={r["c"].pk}">转登记</a>'
    return links if r["became"] else "—"


@register.simple_tag
def hotline_rows(rows: Sequence[Mapping[str, Any]], may_intake: bool) -> SafeString:
    if not rows:
        return mark_safe(EMPTY)  # noqa: S308
    register_url = e(reverse("intake:register"))
    out = []
    for r in rows:
        c = r["c"]
        out.append(
            f"<tr><td>{minute(c.received_at)}</td><td>{e(r['topic'])}</td><td>{truncate(c.question, 80)}</td>"
            f"<td>{truncate(c.answer, 80)}</td><td>{e(r['minutes'])}</td>"
            f"<td>{e(c.transferred_to) if c.transferred else '—'}</td>"
            f'<td>{_operator(c)}<br><small class="muted">{e(c.unit.display_name)}</small></td>'
            f"<td>{_became(r, may_intake, register_url)}</td></tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308  (every value above went through escape())
