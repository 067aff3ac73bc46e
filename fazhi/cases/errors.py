"""Stable error codes of the case kernel; the UI owns the wording."""

from __future__ import annotations

from enum import StrEnum

from fazhi.core.errors import ConflictError

CASE_CHANGED = "案件已被他人修改，请刷新页面后重试。"


class CaseErrorCode(StrEnum):
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    FUTURE_DATE = "future_date"
    DATE_ORDER = "date_order"
    UPLOAD_REJECTED = "upload_rejected"


class CaseChangedError(ConflictError):
    def __init__(self) -> None:
        super().__init__(CASE_CHANGED)
