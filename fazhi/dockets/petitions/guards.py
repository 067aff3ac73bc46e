"""may_* guards: None when the petition may take the step now, else the reason (Chinese, citing the article of
《信访工作条例》). They read only `case` fields (the dates the services store in `extra`)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def _today() -> dt.date:
    from fazhi.cases.services import today_local

    return today_local()


def may_accept(case: Any) -> str | None:
    if _x(case).get("after_final"):
        return (
            f"该信访人就同一对象、同类事项的信访事项（{_x(case)['after_final'].get('case_number', '')}）已复核终结，"
            "以同一事实和理由提出的投诉请求不再受理（《信访工作条例》第三十六条）；如有新的事实和理由，请在登记时注明。"
        )
    return None


def may_transfer(case: Any) -> str | None:
    if _x(case).get("receiver") != "office":
        return "只有信访工作机构（信访部门）收到的信访事项才转送、交办（《信访工作条例》第二十二条）。"
    return None


def may_object(case: Any) -> str | None:
    if case.channel != "transfer":
        return "只有转送、交办的信访事项才能提出异议（《信访工作条例》第二十三条）。"
    return None


def may_decide(case: Any) -> str | None:
    if _x(case).get("type") != "claim":
        return "信访处理意见书只对申诉求决类事项出具（《信访工作条例》第三十一条）；其他类别请“办结答复”。"
    return None


def may_reply(case: Any) -> str | None:
    if _x(case).get("type") == "claim":
        return "申诉求决类事项应当出具信访处理意见书（《信访工作条例》第三十一条、第三十二条）。"
    return None


def may_extend(case: Any) -> str | None:
    if _x(case).get("extension"):
        return "办理期限已延长过：延长期限不得超过30日（《信访工作条例》第三十四条）。"
    return None


def may_hearing_start(case: Any) -> str | None:
    if (_x(case).get("hearing") or {}).get("open"):
        return "听证尚未结束。"
    return None


def may_hearing_end(case: Any) -> str | None:
    if not (_x(case).get("hearing") or {}).get("open"):
        return "没有进行中的听证。"
    return None


def may_conclude(case: Any) -> str | None:
    """After an opinion the case stays open while the petitioner may ask for the next level (Arts. 35, 36)."""
    x = _x(case)
    due = (x.get("rereview_window") if case.state == "reviewed" else x.get("review_window")) or ""
    if due and _today() <= dt.date.fromisoformat(due):
        level = "复核" if case.state == "reviewed" else "复查"
        article = "第三十六条" if case.state == "reviewed" else "第三十五条"
        return f"申请{level}的期限（{due}）尚未届满，期满未申请的方可办结（《信访工作条例》{article}）。"
    return None
