"""may_* guards: None when the case may take the step now, else the reason (Chinese). Read only `case` fields."""

from __future__ import annotations

from typing import Any


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def is_simplified(case: Any) -> bool:
    return _x(case).get("procedure") == "simplified"


def may_deem_accept(case: Any) -> str | None:
    """Art. 30 ¶3: only once the review period (from receipt or from the corrected materials) has ended."""
    import datetime as dt

    from fazhi.cases.services import today_local
    from fazhi.deadlines.engine import compute_due

    start = _x(case).get("review_start") or case.received_on.isoformat()
    due = compute_due("reconsideration.acceptance", dt.date.fromisoformat(start)).due
    return None if due < today_local() else "受理审查期限尚未届满，不能视为受理。"


def may_send_copy(case: Any) -> str | None:
    return "申请书副本已发送。" if _x(case).get("copy_sent_on") else None


def may_record_reply(case: Any) -> str | None:
    if not _x(case).get("copy_sent_on"):
        return "尚未向被申请人发送申请书副本。"
    return "已登记被申请人答复。" if _x(case).get("reply_received_on") else None


def may_schedule_hearing(case: Any) -> str | None:
    return "简易程序案件不安排听证；如需听证请先转为普通程序。" if is_simplified(case) else None


def may_request_switch(case: Any) -> str | None:
    if not is_simplified(case):
        return "本案已适用普通程序。"
    return "已申请转为普通程序，待审批。" if _x(case).get("switch_requested") else None


def may_approve_switch(case: Any) -> str | None:
    if not is_simplified(case) or not _x(case).get("switch_requested"):
        return "没有待审批的程序转换申请。"
    return None


def may_request_extension(case: Any) -> str | None:
    if is_simplified(case):
        return "简易程序案件不得延长审理期限（第六十二条第二款）。"
    if _x(case).get("extension_days"):
        return "审理期限已延长过，最多延长一次且不超过三十日。"
    return "已申请延期，待审批。" if _x(case).get("extension_requested") else None


def may_approve_extension(case: Any) -> str | None:
    return None if _x(case).get("extension_requested") else "没有待审批的延期申请。"


def may_draft_decision(case: Any) -> str | None:
    return None


def may_request_termination(case: Any) -> str | None:
    return "已申请终止，待审批。" if _x(case).get("termination_requested") else None


def pending_requests(case: Any) -> list[str]:
    """What awaits the head's approval: "extension", "switch", "decision", "termination" (in that order)."""
    x = _x(case)
    pending = []
    if x.get("extension_requested"):
        pending.append("extension")
    if x.get("switch_requested"):
        pending.append("switch")
    if x.get("decision") and case.state == "accepted":
        pending.append("decision")
    if x.get("termination_requested"):
        pending.append("termination")
    return pending


def may_refuse(case: Any) -> str | None:
    return None if pending_requests(case) else "没有待审批的事项。"


def may_approve_decision(case: Any) -> str | None:
    return None if _x(case).get("decision") else "尚未拟定复议决定。"


def may_publish(case: Any) -> str | None:
    if _x(case).get("published_on"):
        return "该决定已公开。"
    return None if _x(case).get("decision") else "没有可公开的复议决定。"


def awaits_termination(case: Any) -> str | None:
    """待我审批: a termination the handler proposed (the head may also terminate unasked)."""
    return None if _x(case).get("termination_requested") else "没有待审批的终止申请。"
