"""may_* guards: None when the case may take the step now, else the reason (Chinese). They read only `case` fields
(what the services store in `extra`)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def _today() -> dt.date:
    from fazhi.cases.services import today_local

    return today_local()


def may_agree(case: Any) -> str | None:
    if not _x(case).get("sessions"):
        return "尚未登记调解过程：请先登记调解（时间、地点、调解人员、参加人）。"
    return None


def may_apply_confirmation(case: Any) -> str | None:
    return "已登记司法确认申请。" if _x(case).get("confirmation") else None


def may_record_confirmation(case: Any) -> str | None:
    c = _x(case).get("confirmation") or {}
    if not c:
        return "尚未登记司法确认申请。"
    return "已登记人民法院的司法确认结果。" if c.get("result") else None


def confirmation_pending(case: Any) -> str | None:
    """Why the case stays open for 司法确认, or None: the window (a setting ⚠) still running without an application,
    or an application without the court's result."""
    x = _x(case)
    c = x.get("confirmation") or {}
    if c and not c.get("result"):
        return "已申请司法确认，尚未登记人民法院的确认结果。"
    due = (x.get("agreement") or {}).get("confirmation_due")
    if not c and due and _today() <= dt.date.fromisoformat(due):
        return f"司法确认申请期限（{due}）尚未届满：届满或登记确认结果后方可结案。"
    return None


def may_close(case: Any) -> str | None:
    if not _x(case).get("follow_ups"):
        return "尚未回访调解协议的履行情况。"
    return confirmation_pending(case)
