"""may_* guards: None when the work order may take the step now, else the reason (Chinese)."""

from __future__ import annotations

from typing import Any


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def may_return(case: Any) -> str | None:
    if _x(case).get("final_ruling"):
        return "热线工作机构已作出最终派单裁定，承办单位应当办理，不能再退单。"
    return None


def may_reply(case: Any) -> str | None:
    if case.state == "dispatched":
        return "工单尚未签收：请先签收（签收之日起计算办理期限），再回复。"
    return None


def may_answer(case: Any) -> str | None:
    if _x(case).get("type") != "consult":
        return "只有咨询类工单可由热线工作机构直接答复办结。"
    return None
