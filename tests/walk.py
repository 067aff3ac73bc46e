"""The persona × page walk (issue #11): every page a persona can reach, checked for what a new user trips over.

A walk starts at the home page and at every URL pattern that takes no argument, then follows every link a page shows
(``href`` inside the site), at most ``PER_PATTERN`` distinct URLs per pattern, so the demo's own records fill the ids
and a new page is walked as soon as something links to it. Each page is checked (``page_problems``) for a server error,
a raw code or a Python repr in the visible text, an English sentence outside ALLOWED_ENGLISH and a title without its
separator, a select of more than LONG_SELECT options without the searchable picker; each link a page shows must open
for the persona who sees it (no 403/404 behind a link).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

PER_PATTERN = 3  # distinct URLs walked per (pattern, query keys)
LONG_SELECT = (
    50  # a select of more options (a city has ~100 units) needs the type-to-filter picker (issue #11 point 12)
)
SITE_TITLE = "法治政府建设平台"
# URL patterns a walk does not follow, with the reason.
NOT_WALKED = {
    "orgs:logout": "退出登录 ends the walk's session",
    "api:": "JSON for programs, not pages (walked by schemathesis, tests/test_api_schema.py)",
    "health": "a probe for the load balancer, plain text",
    "orgs:otp_setup": "the 三员's TOTP binding step; the walk's sessions have passed it",
}
# English a page may show: names of standards, formats and products, and codes people type.
ALLOWED_ENGLISH = (
    "GB/T",
    "Excel",
    "PDF",
    "Word",
    "TOTP",
    "OpenAPI",
    "Swagger",
    "API",
    "JSON",
    "IP",
    "ID",
    "Authenticator",
    "Microsoft",
    "Google",
    "FreeOTP",
    "Bearer",
    "Token",
    "Authorization",
)
REPR = re.compile(
    r"\{'|<QuerySet|<[A-Z]\w+: |object at 0x|\b[A-Z]\w+ object \(\d+\)|\bNone\b|\bTrue\b|\bFalse\b|\[\]|\{\}|Decimal\('"
)
ENGLISH = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,]+[A-Za-z][a-z]+){2,}\b")
# a code as a module writes it: at least two dot-separated lower-case words (auth.login, plans.task.view)
CODE = re.compile(r"(?<![\w./-])[a-z][a-z_]+(?:\.[a-z][a-z_]+)+(?![\w/-])")
CODE_ALLOWED = re.compile(r"^(?:\w+\.(?:pdf|docx?|xlsx?|txt|csv|jpg|png|zip|ofd|json))$")  # file names


class _Page(HTMLParser):
    HIDDEN = {"script", "style", "template", "noscript", "textarea"}
    VISIBLE_ATTRS = ("placeholder", "title", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.title = ""
        self._hidden = 0
        self._in_title = False
        self.long_selects: list[str] = []  # name of each select of more than LONG_SELECT options without the picker
        self._select: tuple[str, bool] | None = None  # (name, has data-picker) of the select being read
        self._options = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "title":
            self._in_title = True
        if tag == "select":
            self._select, self._options = (a.get("name") or a.get("id") or "?", "data-picker" in a), 0
        if tag == "option" and self._select is not None:
            self._options += 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "form" and a.get("action"):  # a POST endpoint: reached with a GET (405), never submitted
            self.links.append(a["action"] or "")
        if tag == "option" or (tag == "input" and a.get("type") in ("submit", "button")):
            if a.get("value") and tag == "input":
                self.text.append(a["value"] or "")
        for name in self.VISIBLE_ATTRS:
            if a.get(name):
                self.text.append(a[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            if self._options > LONG_SELECT and not self._select[1]:
                self.long_selects.append(f"{self._select[0]} ({self._options})")
            self._select = None
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden:
            self.text.append(data)


def _allowed_english(sentence: str) -> bool:
    rest = sentence
    for word in ALLOWED_ENGLISH:
        rest = rest.replace(word, "")
    return not ENGLISH.search(rest)


def page_problems(html: str, codes: frozenset[str]) -> tuple[list[str], list[str]]:
    """(problems, links) of one HTML page; codes are the action and permission codes a page must never show raw."""
    p = _Page()
    p.feed(html)
    problems = []
    title = " ".join(p.title.split())
    if (
        "<html" in html[:200]
        and title != SITE_TITLE
        and not (title.endswith(f" - {SITE_TITLE}") and len(title) > len(SITE_TITLE) + 3)
    ):
        problems.append(f"标题 {title!r}")
    for select in p.long_selects:
        problems.append(f"a select of {select} options without the searchable picker (fazhi/orgs/widgets.py)")
    for chunk in p.text:
        text = " ".join(chunk.split())
        if not text:
            continue
        if m := REPR.search(text):
            problems.append(f"Python repr {m.group(0)!r} in {text[:80]!r}")
        for m in CODE.finditer(text):
            if m.group(0) in codes and not CODE_ALLOWED.match(m.group(0)):
                problems.append(f"raw code {m.group(0)!r} in {text[:80]!r}")
        for m in ENGLISH.finditer(text):
            if not _allowed_english(m.group(0)):
                problems.append(f"English {m.group(0)!r} in {text[:80]!r}")
    return problems, p.links


def url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def not_walked(name: str) -> str | None:
    for key, reason in NOT_WALKED.items():
        if name == key or (key.endswith(":") and name.startswith(key)):
            return reason
    return None


def named_patterns(resolver: URLResolver | None = None, ns: str = "") -> dict[str, bool]:
    """namespace:name → whether the pattern takes arguments, for every named pattern of the URL conf."""
    found: dict[str, bool] = {}
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            sub = named_patterns(p, f"{ns}{p.namespace}:" if p.namespace else ns)
            takes = bool(p.pattern.regex.groups)
            found.update({k: v or takes for k, v in sub.items()})
        elif isinstance(p, URLPattern) and p.name:
            found[f"{ns}{p.name}"] = bool(p.pattern.regex.groups) or "<" in str(p.pattern)
    return found


@dataclass
class Walk:
    persona: str
    status: dict[str, int] = field(default_factory=dict)  # url → status
    shown_on: dict[str, str] = field(default_factory=dict)  # url → the first page that linked it
    problems: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # URL names reached (any answer but 404)
    opened: set[str] = field(default_factory=set)  # URL names that answered 200

    def link_problems(self) -> list[str]:
        return [
            f"{self.persona}: {self.shown_on[u]} shows a link to {u} that answers {s}"
            for u, s in sorted(self.status.items())
            if s in (403, 404) and u in self.shown_on
        ]


def _normal(href: str, base: str) -> str | None:
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if not path.startswith("/"):
        path = base.rsplit("/", 1)[0] + "/" + path
    if path.startswith(("/static/", "/media/")):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return path + (f"?{query}" if query else "")


def walk(client: Client, persona: str, seeds: Iterable[str], codes: frozenset[str]) -> Walk:
    result = Walk(persona)
    seen_per_pattern: dict[tuple[str, tuple[str, ...]], int] = {}
    queue: deque[str] = deque()

    def push(url: str, shown_on: str | None) -> None:
        if url in result.status or url in queue:
            if shown_on and url not in result.shown_on:
                result.shown_on[url] = shown_on
            return
        name = url_name(url.split("?", 1)[0])
        if name is None or not_walked(name):
            return
        keys = tuple(sorted({k for k, _ in parse_qsl(urlsplit(url).query)}))
        slot = (name, keys)
        if seen_per_pattern.get(slot, 0) >= PER_PATTERN:
            return
        seen_per_pattern[slot] = seen_per_pattern.get(slot, 0) + 1
        if shown_on:
            result.shown_on[url] = shown_on
        queue.append(url)

    for s in seeds:
        push(s, None)
    while queue:
        url = queue.popleft()
        try:
            resp = client.get(url)
        except Exception as exc:  # noqa: BLE001 - a view that raises is the 500 the walk looks for
            result.status[url] = 500
            result.problems.append(f"{persona}: {url} raised {type(exc).__name__}: {exc}")
            continue
        result.status[url] = resp.status_code
        if resp.status_code != 404:
            result.names.add(url_name(url.split("?", 1)[0]) or "")  # reached (405: a POST endpoint, reached)
        if resp.status_code >= 500:
            result.problems.append(f"{persona}: {url} answered {resp.status_code}")
            continue
        if resp.status_code != 200:
            continue
        result.opened.add(url_name(url.split("?", 1)[0]) or "")
        if not resp.get("Content-Type", "").startswith("text/html") or getattr(resp, "streaming", False):
            continue
        problems, links = page_problems(resp.content.decode(), codes)
        result.problems += [f"{persona}: {url}: {p}" for p in dict.fromkeys(problems)]
        for href in links:
            if (link := _normal(href, url.split("?", 1)[0])) is not None:
                push(link, url)
    return result
