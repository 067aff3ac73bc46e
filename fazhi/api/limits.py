"""Request limits: counts per key, per signed-in user and per source address in fixed one-minute windows (counted in
the database by fazhi/core/ratelimit.py, so every process and server shares them), and a cap on the request body.
Over a limit: 429 with Retry-After (seconds to the window's end)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from fazhi.core import ratelimit

from .errors import ApiError, ApiErrorCode

WINDOW = 60


def limit_check(key: str, limit: int) -> None:
    if limit <= 0:
        return  # 0 switches a limit off (a benchmark on loopback, say)
    now = ratelimit.clock()
    if ratelimit.rate_hit(key, limit=limit, seconds=WINDOW, now=now):
        retry = max(1, WINDOW - int(now) % WINDOW)
        raise ApiError(
            429,
            ApiErrorCode.RATE_LIMITED,
            f"请求过于频繁：每分钟最多 {limit} 次，请 {retry} 秒后重试。",
            headers={"Retry-After": str(retry)},
        )


def body_check(request: HttpRequest) -> None:
    """Refuse an oversize body before anything reads it (413); the limit is FAZHI_API["MAX_BODY_BYTES"]."""
    cap = settings.FAZHI_API["MAX_BODY_BYTES"]
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise ApiError(400, ApiErrorCode.INVALID, "请求头 Content-Length 无效。", field="Content-Length") from None
    if length > cap:
        raise ApiError(413, ApiErrorCode.TOO_LARGE, f"请求体过大：不得超过 {cap // 1024} KB。", field="body")
