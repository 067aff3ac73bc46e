"""Lists read as cards on a phone, without JavaScript (issue #11 point 8).

Every table of a page with a one-row header of three or more columns gets class ``phone-cards``, and each of its body
and footer cells the header of its column as ``data-label`` (a cell spanning columns gets ``data-label=""``). Under
600 px ``static/fazhi/app.css`` lays such a table's rows out as cards, each cell preceded by its label
(``content: attr(data-label)``). It is done here, once, on the HTML every page sends (``PhoneCardsMiddleware``), so
the dockets' lists (``{% case_rows %}``), the hand-written lists and the pages still to be built all get it by default.

A table opts out with class ``no-cards`` (or ``minical``, the calendars); a cell that already names its label keeps
it. A table with a two-row header, or one of fewer than three columns, is left alone (it scrolls in its
``.table-wrap``). Rows swapped in later by htmx without their header are labelled by ``app.js`` from the header on the
page.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse

_TAG = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|th|td)\b([^>]*)>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?(\d+)""", re.IGNORECASE)
_HAS_LABEL = re.compile(r"\bdata-label\s*=", re.IGNORECASE)
_TABLE_EDGE = re.compile(r"<(/?)table\b", re.IGNORECASE)
OPT_OUT = {"no-cards", "minical"}
MIN_COLUMNS = 3


@dataclass
class _Table:
    tag: re.Match[str]
    classes: set[str]
    section: str = ""  # thead / tbody / tfoot / "" (rows straight under <table>)
    header_rows: list[list[tuple[str, int]]] = field(default_factory=list)
    labels: list[str] | None = None  # decided when the first body row starts
    col: int = 0
    cell_start: int = -1  # where the open header cell's content starts
    cell_span: int = 1


def _span(attrs: str) -> int:
    m = _COLSPAN.search(attrs)
    return max(1, int(m.group(1))) if m else 1


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_ANY_TAG.sub("", fragment)).split())


def _decide(t: _Table) -> list[str]:
    if t.classes & OPT_OUT or len(t.header_rows) != 1:
        return []
    labels = [text if span == 1 else "" for text, span in t.header_rows[0] for _ in range(span)]
    return labels if len(labels) >= MIN_COLUMNS else []


def label_tables(page: str) -> str:
    """The page with its list tables marked ``phone-cards`` and their cells labelled (see the module docstring).

    Each outermost ``<table>…</table>`` is labelled on its own (what a table gets depends on nothing outside it) and
    the result kept per process for the same table text: a kept list page sends the same table request after request
    while the page around it changes (its CSRF token and nonce), and scanning every tag in Python was a fifth of such
    a page's time. The bytes are those of labelling the whole page at once (``_label_fragment``; pinned by a test)."""
    if "<thead" not in page and "<THEAD" not in page:
        return page
    out: list[str] = []
    last = depth = start = 0
    for m in _TABLE_EDGE.finditer(page):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                close = page.find(">", m.end())
                end = len(page) if close < 0 else close + 1
                out += (page[last:start], _label_table(page[start:end]))
                last = end
    if depth:  # a table left open runs to the end of the page, as when the whole page is scanned
        out += (page[last:start], _label_fragment(page[start:]))
        last = len(page)
    if not out:
        return page
    out.append(page[last:])
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _label_table(table: str) -> str:
    return _label_fragment(table)


def _label_fragment(page: str) -> str:
    """Every table of ``page`` labelled by one scan of its tags."""
    if "<thead" not in page and "<THEAD" not in page:
        return page
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    stack: list[_Table] = []
    for m in _TAG.finditer(page):
        closing, name, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
        if name == "table":
            if not closing:
                cm = _CLASS.search(attrs)
                stack.append(_Table(tag=m, classes=set(cm.group(2).split()) if cm else set()))
            elif stack:
                stack.pop()
            continue
        if not stack:
            continue
        t = stack[-1]
        if name in ("thead", "tbody", "tfoot"):
            t.section = "" if closing else name
            continue
        in_head = t.section == "thead"
        if name == "tr":
            if closing:
                continue
            if in_head:
                t.header_rows.append([])
                continue
            if t.labels is None:
                t.labels = _decide(t)
                if t.labels:
                    edits.append(_mark(t.tag))
            t.col = 0
            continue
        # a cell
        if in_head:
            if not closing:
                t.cell_start, t.cell_span = m.end(), _span(attrs)
            elif t.cell_start >= 0 and t.header_rows:
                t.header_rows[-1].append((_text(page[t.cell_start : m.start()]), t.cell_span))
                t.cell_start = -1
            continue
        if closing or not t.labels:
            continue
        span = _span(attrs)
        if not _HAS_LABEL.search(attrs):
            label = t.labels[t.col] if span == 1 and t.col < len(t.labels) else ""
            at = m.end() - 1 - (1 if attrs.rstrip().endswith("/") else 0)
            edits.append((at, at, f' data-label="{html.escape(label)}"'))
        t.col += span
    if not edits:
        return page
    out, last = [], 0
    for start, end, text in sorted(edits, key=lambda e: e[0]):
        out.append(page[last:start])
        out.append(text)
        last = end
    out.append(page[last:])
    return "".join(out)


def _mark(tag: re.Match[str]) -> tuple[int, int, str]:
    """The <table …> tag with phone-cards added to its class."""
    text = tag.group(0)
    cm = _CLASS.search(text)
    if cm:
        new = f"{text[: cm.start(2)]}{cm.group(2)} phone-cards{text[cm.end(2) :]}"
    else:
        new = f'{text[:6]} class="phone-cards"{text[6:]}'
    return tag.start(), tag.end(), new


class PhoneCardsMiddleware:
    """Runs ``label_tables`` over every HTML page (the last middleware, so it sees the page as the view rendered it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(response, "streaming", False)
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
            or b"<thead" not in response.content
        ):
            return response
        charset = response.charset or "utf-8"
        response.content = label_tables(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
