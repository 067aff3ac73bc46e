from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .request_context import RequestInfo, reset_request_info, set_request_info


def client_ip(request: HttpRequest) -> str:
    # Behind nginx the real address arrives in X-Real-IP (docs/deploy.md sets it); never trust X-Forwarded-For chains.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or ""


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_request_info(
            RequestInfo(
                ip=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
                request_id=uuid.uuid4().hex,
            )
        )
        try:
            return self.get_response(request)
        finally:
            reset_request_info(token)
