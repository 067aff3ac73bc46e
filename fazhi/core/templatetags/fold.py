"""``{{ text|fold }}``: a long user text shown folded (issue #11 point 7: a 6,000-character progress report filled
the page). The first FOLD_CHARS characters (or FOLD_LINES lines) show; the rest is behind a native
``<details><summary>展开全文（共X字）</summary>`` that opens without JavaScript and is announced as a button. Line
breaks are kept (linebreaksbr), HTML is escaped, and a short text comes back as it was, with its line breaks.

A builtin of the template engine (config/settings/base.py), like ``action_label``. The output is a ``<div>``:
put it in a ``<dd>``, ``<td>``, ``<li>`` or ``<div>``, not in a ``<p>`` (a ``<details>`` ends a paragraph).
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

FOLD_CHARS = 300  # about six lines of a card at 1366 px, twelve on a phone
FOLD_LINES = 6
# a cut within the last part of the head moves back to the end of a sentence or line, so the head reads whole
_CUT_AFTER = "\n。；！？"
_CUT_WINDOW = 80


def fold_point(text: str) -> int | None:
    """Where the shown part ends, or None when the text is short enough to show whole."""
    lines = text.split("\n")
    if len(text) <= FOLD_CHARS and len(lines) <= FOLD_LINES:
        return None
    line_end = len("\n".join(lines[:FOLD_LINES]))
    if line_end < FOLD_CHARS:
        cut = line_end  # after the sixth line
    else:
        best = max(text.rfind(c, FOLD_CHARS - _CUT_WINDOW, FOLD_CHARS) for c in _CUT_AFTER)
        cut = best + 1 if best > 0 else FOLD_CHARS
    return cut if cut < len(text) else None


@register.filter(is_safe=True)
def fold(value: object) -> SafeString | str:
    text = str(value if value is not None else "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    cut = fold_point(text)
    if cut is None:
        return linebreaksbr(text, autoescape=True)
    head, rest = text[:cut].rstrip(), text[cut:].lstrip("\n")
    return format_html(
        '<div class="fold">{}<details><summary>展开全文（共{}字）</summary>{}</details></div>',
        linebreaksbr(head, autoescape=True),
        len(text.replace("\n", "")),
        linebreaksbr(rest, autoescape=True),
    )
