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


def may_send_copy(case: Any) -> str | None:
    return "已向被申请人送达申请书副本。" if _x(case).get("copy") else None


def may_record_reply(case: Any) -> str | None:
    if not _x(case).get("copy"):
        return "尚未向被申请人送达申请书副本。"
    return "已登记答辩情况。" if _x(case).get("reply") else None


def may_rule(case: Any) -> str | None:
    """Both sides heard before the ruling: the respondent's 答辩 (or its period passed without one) and at least one
    听证 or 调查 at which the parties were heard (2018 意见: 听取双方意见 ⚠)."""
    if not _x(case).get("reply"):
        return "尚未登记被申请人的答辩情况（送达申请书副本后登记答辩，或答辩期限届满后登记未答辩）。"
    if not _x(case).get("hearings"):
        return "尚未登记听证或调查：作出裁决前应当听取双方当事人的意见。"
    return None


def _remedy_dues(case: Any) -> list[str]:
    r = _x(case).get("ruling") or {}
    return [d for d in (r.get("reconsideration_due"), r.get("suit_due")) if d]


def may_record_remedy(case: Any) -> str | None:
    if _x(case).get("remedy"):
        return "已登记当事人申请行政复议或者提起行政诉讼。"
    return "已登记裁决生效。" if _x(case).get("final") else None


def may_record_final(case: Any) -> str | None:
    if _x(case).get("remedy"):
        return "当事人已申请行政复议或者提起行政诉讼，裁决尚未生效。"
    if _x(case).get("final"):
        return "已登记裁决生效。"
    dues = _remedy_dues(case)
    if dues and _today() <= dt.date.fromisoformat(max(dues)):
        return f"申请行政复议、提起行政诉讼的期限（至{max(dues)}）尚未届满。"
    return None
