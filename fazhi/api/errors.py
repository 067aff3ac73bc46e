"""Stable error codes of the API. Every error answers {"error": {"code", "message", "field"}} (fazhi/api/handlers.py)."""

from __future__ import annotations

from enum import StrEnum

from fazhi.core.errors import DomainError


class ApiErrorCode(StrEnum):
    UNAUTHENTICATED = "unauthenticated"
    KEY_INVALID = "key_invalid"
    KEY_EXPIRED = "key_expired"
    KEY_REVOKED = "key_revoked"
    ACCOUNT_INACTIVE = "account_inactive"
    ADDRESS_FORBIDDEN = "address_forbidden"
    CSRF_FAILED = "csrf_failed"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    INVALID = "invalid"
    UNKNOWN_PARAMETER = "unknown_parameter"
    BAD_JSON = "bad_json"
    TOO_LARGE = "too_large"
    RATE_LIMITED = "rate_limited"
    IDEMPOTENCY_MISMATCH = "idempotency_mismatch"
    CONFLICT = "conflict"
    SEPARATION_OF_DUTIES = "separation_of_duties"
    SERVER_ERROR = "server_error"


class ApiError(DomainError):
    """An error the API answers with `status`: code, Chinese message and the field it concerns."""

    def __init__(
        self,
        status: int,
        code: StrEnum | str,
        message: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code, message, field=field)
        self.status = status
        self.headers = headers or {}


def not_found(message: str = "资源不存在。") -> ApiError:
    """The answer for a missing record *and* for one the caller may not see or act on (same code, same words)."""
    return ApiError(404, ApiErrorCode.NOT_FOUND, message)
