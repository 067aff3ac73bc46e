"""Session rules (等保 身份鉴别 b; ASVS V3.3.2): 30-minute idle timeout, 12-hour absolute lifetime, the OTP step for
roles that require it, and a forced password change on first login or after expiry."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty

from fazhi.audit.models import LoginLog

from .auth import logout_recorded, password_expired
from .scopes import grants_for

LOGIN_AT = "fazhi_login_at"
LAST_SEEN = "fazhi_last_seen"
LAST_SEEN_GRANULARITY = 60  # seconds
EXEMPT_PREFIXES = ("/static/", "/healthz", "/portal/", "/accounts/logout/")
API_PREFIX = "/api/v1/"  # a program cannot follow a redirect to a login or OTP page: the API answers 401 itself


@functools.cache
def _step_paths() -> tuple[tuple[str, str], str]:
    """The OTP and password-change pages (URLs never change while the process runs: reversed once)."""
    return (reverse("orgs:otp_verify"), reverse("orgs:otp_setup")), reverse("orgs:password_change")


def _unwrapped(user: object) -> object:
    """The user behind the lazy wrappers the auth and OTP middlewares put on ``request.user`` (already loaded here).
    A page's menu, policies and template read the user a few hundred times; through the wrappers each read cost a
    proxy call (a tenth of a kept list page's time)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(EXEMPT_PREFIXES[:2]):
            return self.get_response(request)
        sec = settings.FAZHI_SECURITY
        now = time.time()
        login_at = request.session.get(LOGIN_AT, now)
        last_seen = request.session.get(LAST_SEEN, now)
        if now - last_seen > sec["IDLE_TIMEOUT_MINUTES"] * 60 or now - login_at > sec["ABSOLUTE_SESSION_HOURS"] * 3600:
            logout_recorded(user=user, outcome=LoginLog.Outcome.TIMEOUT)
            logout(request)
            if request.path.startswith(API_PREFIX):
                return self.get_response(request)  # signed out now: the API answers 401
            messages.info(request, "会话已超时，请重新登录。")
            return redirect(f"{reverse('orgs:login')}?next={request.path}")
        # Write the session only when something changes: at most once a minute for the idle clock (a session write
        # per request would be a database write per page view). Idle time is therefore measured to within 60 s,
        # on the safe side: a user is never kept longer than the limit.
        if LOGIN_AT not in request.session:
            request.session[LOGIN_AT] = login_at
        if now - last_seen >= LAST_SEEN_GRANULARITY or LAST_SEEN not in request.session:
            request.session[LAST_SEEN] = now
        if not request.path.startswith((*EXEMPT_PREFIXES, API_PREFIX)):  # fazhi/api/auth.py checks both itself
            otp_paths, change = _step_paths()
            if grants_for(user).requires_otp and not user.is_verified() and request.path not in otp_paths:
                return redirect("orgs:otp_verify")
            if request.path not in (change, *otp_paths) and (user.must_change_password or password_expired(user)):
                return redirect("orgs:password_change")
        request.user = _unwrapped(user)
        return self.get_response(request)
