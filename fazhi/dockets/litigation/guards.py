"""may_* guards: None when the case may take the step now, else the reason (Chinese). They read only `case` fields."""

from __future__ import annotations

from typing import Any

from .codes import NEXT_INSTANCE


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def is_lost(case: Any) -> bool:
    """Whether the case's outcome counts as 败诉 under the configured convention."""
    from .stats import lost_codes

    return bool(case.outcome) and case.outcome in lost_codes()


def may_submit_defence(case: Any) -> str | None:
    return "已提交答辩状。" if _x(case).get("defence_submitted_on") else None


def may_record_appearance(case: Any) -> str | None:
    hearings = _x(case).get("hearings") or []
    if not hearings:
        return "尚未登记开庭。"
    if all(h.get("appearance") for h in hearings):
        return "各次开庭的出庭应诉情况均已登记。"
    return None


def may_close(case: Any) -> str | None:
    return None


def may_analyse_loss(case: Any) -> str | None:
    if not is_lost(case):
        return "本案不属于败诉案件。"
    return "已登记败诉分析和整改任务。" if _x(case).get("loss_analysis") else None


def may_appeal(case: Any) -> str | None:
    x = _x(case)
    if x.get("appeal_case_id"):
        return f"已登记{'再审' if x.get('instance') == 'second' else '上诉'}案件（{x.get('appeal_case_number', '')}）。"
    if x.get("instance") not in NEXT_INSTANCE:
        return "再审案件不能再登记上诉。"
    if case.outcome in ("withdrawal", "mediation", "not_filed"):
        return "撤诉、调解或不予立案的案件不能登记上诉。"
    return None
