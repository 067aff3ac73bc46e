"""Errors shared by every module. Domain refusals carry a stable code; the UI owns the wording."""

from __future__ import annotations

from enum import StrEnum


class DomainError(Exception):
    """A refusal by a service: a stable code, a Chinese message, optionally the field it concerns."""

    def __init__(self, code: StrEnum | str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = str(code)
        self.message = message
        self.field = field


class ConflictError(DomainError):
    """The record changed since the user loaded it (optimistic concurrency)."""

    def __init__(self, message: str = "该记录已被他人修改，请刷新后重试。") -> None:
        super().__init__("conflict", message)


class CoreErrorCode(StrEnum):
    CONFLICT = "conflict"
    INVALID = "invalid"
    FORBIDDEN = "forbidden"
