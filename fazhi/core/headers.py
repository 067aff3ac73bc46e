"""Response headers every page gets (issue #10 finding 9; docs/security.md).

- Content-Security-Policy: scripts only from this server (and a per-request nonce, `script_nonce` in templates, for the
  rare script that must be inline — none is today); no eval, no plug-ins, no framing, forms post only here. ECharts
  draws on canvas and htmx needs nothing inline (its indicator <style> is switched off in base.html's htmx-config).
  Style attributes stay allowed (`style-src-attr`): a progress bar's width is data; <style> elements are not.
- Permissions-Policy: no camera, microphone, location, payment, USB… for any page.
- Cache-Control: no-store on every signed-in page and every download, so no browser or proxy keeps personal data.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), serial=(), usb=(), xr-spatial-tracking=()"
)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(18)
        request.fazhi_csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy(nonce))
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        download = response.get("Content-Disposition", "").startswith("attachment")
        if download or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "no-store"
        return response


def script_nonce(request: HttpRequest) -> dict[str, str]:
    """Context processor: {{ script_nonce }} for a <script nonce="…"> that must be inline. Not named csp_nonce, which
    django-htmx would stamp on its <script src> tag: pages would differ per response (a denied page must answer
    byte for byte like a missing one) and 'self' already allows it."""
    return {"script_nonce": getattr(request, "fazhi_csp_nonce", "")}
