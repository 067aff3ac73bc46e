"""may_* guards: None when the case may take the step now, else the reason (Chinese, citing the article)."""

from __future__ import annotations

from typing import Any


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def may_advance(case: Any) -> str | None:
    return "已先行提供法律援助。" if _x(case).get("advance") else None


def may_object(case: Any) -> str | None:
    if case.outcome != "refused":
        return "只有不予法律援助的决定可以提出异议。"
    return "已对该决定提出过异议。" if _x(case).get("objection") else None


def may_evaluate(case: Any) -> str | None:
    if case.outcome != "concluded":
        return "只有办结的法律援助案件需要质量评估。"
    return "已进行质量评估。" if _x(case).get("evaluation") else None
