"""Who is asking, from where: set once per request by middleware, read by the audit trail."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip: str = ""
    user_agent: str = ""
    request_id: str = ""


_EMPTY = RequestInfo()
_current: ContextVar[RequestInfo] = ContextVar("fazhi_request_info", default=_EMPTY)  # noqa: B039 (frozen)


def current_request_info() -> RequestInfo:
    return _current.get()


def set_request_info(info: RequestInfo) -> object:
    return _current.set(info)


def reset_request_info(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
