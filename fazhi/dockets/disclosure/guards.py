"""may_* guards: None when the request may take the step now, else the reason (Chinese, citing the article). They read
only `case` fields (the due dates the services store in `extra`)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def _today() -> dt.date:
    from fazhi.cases.services import today_local

    return today_local()


def may_request_correction(case: Any) -> str | None:
    if _x(case).get("correction"):
        return "已发出过补正通知：补正应一次性告知（《政府信息公开条例》第三十条）。"
    return None


def may_confirm_clear(case: Any) -> str | None:
    x = _x(case)
    if x.get("correction") or x.get("clear_on"):
        return "已确认申请内容或已通知补正。"
    return None


def may_close_uncorrected(case: Any) -> str | None:
    due = (_x(case).get("correction") or {}).get("due")
    if due and _today() <= dt.date.fromisoformat(due):
        return f"补正期限（{due}）尚未届满（《政府信息公开条例》第三十条）。"
    return None


def may_receive_opinion(case: Any) -> str | None:
    return None if _x(case).get("consultation") else "没有进行中的征求意见。"


def may_extend(case: Any) -> str | None:
    if _x(case).get("extension"):
        return "答复期限已延长过一次：延长期限最长不得超过20个工作日（《政府信息公开条例》第三十三条第二款）。"
    return None


def may_close_unpaid(case: Any) -> str | None:
    due = (_x(case).get("fee") or {}).get("due")
    if due and _today() <= dt.date.fromisoformat(due):
        return f"缴费期限（{due}）尚未届满。"
    return None


def may_fee_notice(case: Any) -> str | None:
    if (_x(case).get("fee") or {}).get("notified_on"):
        return "已发出过收费通知。"
    return None
