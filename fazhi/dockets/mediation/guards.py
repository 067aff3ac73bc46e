"""may_* guards: None when the case may take the step now, else the reason (Chinese, citing the article). They read
only `case` fields (what the services store in `extra`)."""

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
        return "尚未登记调解过程：请先登记调解（时间、地点、调解员、参加人）。"
    return None


def may_apply_confirmation(case: Any) -> str | None:
    agreement = _x(case).get("agreement") or {}
    if agreement.get("form") != "written":
        return "口头协议不能申请司法确认：司法确认须提交书面调解协议（《人民调解法》第三十三条）。"
    if _x(case).get("confirmation"):
        return "已登记司法确认申请。"
    return None


def may_record_confirmation(case: Any) -> str | None:
    c = _x(case).get("confirmation") or {}
    if not c:
        return "尚未登记司法确认申请。"
    if c.get("result"):
        return "已登记人民法院的司法确认结果。"
    return None


def confirmation_pending(case: Any) -> str | None:
    """Why the case must stay open for 司法确认 (第三十三条), or None: a written agreement's 30-day window still
    running without an application, or an application without the court's result."""
    x = _x(case)
    agreement = x.get("agreement") or {}
    if agreement.get("form") != "written":
        return None
    c = x.get("confirmation") or {}
    if c and not c.get("result"):
        return "已申请司法确认，尚未登记人民法院的确认结果。"
    due = agreement.get("confirmation_due")
    if not c and due and _today() <= dt.date.fromisoformat(due):
        return f"司法确认申请期限（{due}）尚未届满（《人民调解法》第三十三条）：届满或登记确认结果后方可结案。"
    return None


def may_close(case: Any) -> str | None:
    if not _x(case).get("follow_ups"):
        return "尚未回访调解协议的履行情况（《人民调解法》第三十一条）。"
    return confirmation_pending(case)
