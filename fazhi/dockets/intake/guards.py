"""Guards of the intake's steps: None = allowed, else the Chinese reason."""

from __future__ import annotations

from typing import Any


def referrals_open(case: Any) -> list[dict[str, Any]]:
    return [r for r in (case.extra or {}).get("routes", []) if r.get("referral") and not r.get("feedback")]


def may_record_feedback(case: Any) -> str | None:
    return None if referrals_open(case) else "没有待登记反馈的转介。"


def may_close(case: Any) -> str | None:
    if referrals_open(case):
        return "转介的反馈尚未全部登记，不能办结。"
    return None
