"""Content-Security-Policy, Permissions-Policy and Cache-Control (issue #10 finding 9).

A strict policy (no inline script, no eval) only holds if no page needs one: every template is scanned for inline
scripts and event-handler attributes, and every page a signed-in user can open is fetched and checked the same way.
The browser tests (tests/browser/) fail on any CSP violation Chromium reports, with htmx and ECharts running.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fazhi.core.headers import PERMISSIONS_POLICY

from .routes import routes

ROOT = Path(__file__).resolve().parent.parent
# an inline script: no src, and not a data block (<script type="application/json">, which never runs)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def _csp(nonce: str) -> str:
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; style-src-attr 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def test_no_template_has_an_inline_script_or_event_handler():
    found = []
    for path in sorted((ROOT / "fazhi").rglob("templates/**/*.html")):
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, HANDLER, JS_URL):
            found += [f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in pattern.finditer(text)]
    assert found == []


@pytest.mark.django_db
def test_a_signed_in_page_carries_the_policies_and_is_not_stored(persona, login_client):
    resp = login_client(persona("office_staff", "gov")).get("/")
    assert resp.status_code == 200
    nonce = re.search(r"'nonce-([A-Za-z0-9_-]{24})'", resp["Content-Security-Policy"]).group(1)
    assert resp["Content-Security-Policy"] == _csp(nonce)
    assert resp["Permissions-Policy"] == PERMISSIONS_POLICY
    assert resp["Cache-Control"] == "no-store"
    # htmx is told not to inject its inline <style> nor evaluate attributes
    assert '"includeIndicatorStyles": false, "allowEval": false' in resp.content.decode()
    # a fresh nonce per response
    again = login_client(persona("office_staff", "gov")).get("/")
    assert again["Content-Security-Policy"] != resp["Content-Security-Policy"]


@pytest.mark.django_db
def test_anonymous_pages_have_the_policies_too(client):
    resp = client.get("/accounts/login/")
    assert resp.status_code == 200
    assert resp["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self' 'nonce-")
    assert resp["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.django_db
def test_every_page_a_signed_in_user_opens_is_no_store_and_inline_script_free(persona, login_client):
    wrong, seen = [], 0
    for who in (("office_staff", "gov"), ("sys_admin", "justice"), ("audit_admin", "justice"), ("head", "justice")):
        client = login_client(persona("reconsideration_head" if who[0] == "head" else who[0], who[1]))
        for path, _ in routes():
            if path.startswith("/static/") or "logout" in path:
                continue
            resp = client.get(path)
            if resp.status_code != 200 or not resp["Content-Type"].startswith("text/html"):
                continue
            seen += 1
            body = resp.content.decode()
            if resp["Cache-Control"] != "no-store" or "Content-Security-Policy" not in resp:
                wrong.append((path, "headers"))
            if INLINE_SCRIPT.search(body) or HANDLER.search(body) or JS_URL.search(body):
                wrong.append((path, "inline script"))
    assert wrong == []
    assert seen > 40
