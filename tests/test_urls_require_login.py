"""Every URL requires login except an explicit allowlist (STYLE principle 10; issue #2).

The walk resolves every pattern in the URL conf, fills its parameters with plausible values and requests it as an
anonymous user with GET and POST. Anything outside ANONYMOUS_OK must send the anonymous user to the login page for
every method it accepts (a method it does not accept answers 405). Object URLs are checked with an id that does not
exist: the login check must come before any lookup, or a 404 would leak nothing yet still bypass login.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# namespace:name patterns reachable without login, each with its reason.
ANONYMOUS_OK = {
    "health": "load balancer / benchmark probe",
    "orgs:login": "the login page itself",
    "orgs:logout": "logging out an expired session must not fail",
    "portal:*": "public pages, anonymous by design",
    "api:openapi-json": "the API's OpenAPI document is public (issue #14)",
    "api:openapi-view": "the API's docs page is public (issue #14); it serves no data",
}
LOGIN_PREFIX = "/accounts/login/"


def _walk(resolver: URLResolver, prefix: str = "", ns: str = ""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from _walk(p, prefix + str(p.pattern), sub_ns)
        elif isinstance(p, URLPattern):
            yield ns + (p.name or "?"), prefix + str(p.pattern)


def _fill(route: str) -> str:
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<slug:\w+>", "x", route)
    route = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", route)
    route = re.sub(r"<(str:|path:)?\w+>", "x", route)
    route = route.replace("^", "").replace("$", "")
    return "/" + route.lstrip("/")


def _allowed(name: str) -> bool:
    return name in ANONYMOUS_OK or any(k.endswith(":*") and name.startswith(k[:-1]) for k in ANONYMOUS_OK)


ROUTES = sorted(set(_walk(get_resolver())))


def test_the_walk_found_the_whole_url_conf():
    names = {n for n, _ in ROUTES}
    assert {"home", "health", "orgs:login", "audit:event_list", "jobs:detail", "notifications:list"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[n for n, _ in ROUTES])
def test_url_requires_login_unless_allowlisted(client, name, route):
    if _allowed(name):
        return
    url = _fill(route)
    outcomes = {}
    for method in ("get", "post"):
        resp = getattr(client, method)(url)
        to_login = resp.status_code == 302 and resp.url.startswith(LOGIN_PREFIX)
        # JSON endpoints cannot redirect a program to a login page: they answer 401 instead.
        to_login = to_login or (name.startswith("api:") and resp.status_code == 401)
        outcomes[method] = "login" if to_login else resp.status_code
    # Every method the view accepts sends the anonymous user to the login page; a method it does not accept is 405.
    assert set(outcomes.values()) <= {"login", 405} and "login" in outcomes.values(), f"{url} ({name}): {outcomes}"
