"""may_* guards: None when the item may take the step now, else the reason (Chinese, citing the rule). They read only
`case` fields: the summary the docket's services keep in `case.extra`."""

from __future__ import annotations

from typing import Any


def _x(case: Any) -> dict[str, Any]:
    return case.extra or {}


def round_of(case: Any) -> int:
    return int(_x(case).get("round", 1))


def may_ask_reassign(case: Any) -> str | None:
    if _x(case).get("reassign"):
        return "已申请调整承办单位，等待政府办公室决定。"
    if _x(case).get("signed_on"):
        return "已签收。"
    return None


def may_sign(case: Any) -> str | None:
    if _x(case).get("reassign"):
        return "已申请调整承办单位，等待政府办公室决定后再签收。"
    return None


def may_reassign(case: Any) -> str | None:
    return None if _x(case).get("reassign") else "承办单位未申请调整。"


def _contacted(case: Any) -> bool:
    return round_of(case) in (_x(case).get("contact_rounds") or [])


CONTACT_FIRST = "答复前须与代表/委员沟通：请先登记沟通情况（日期和方式）。"


def may_draft(case: Any) -> str | None:
    if not _contacted(case):
        return CONTACT_FIRST
    draft = _x(case).get("draft") or {}
    if draft.get("signed_on"):
        return "答复函已签发，不能再修改。"
    return None


def may_sign_off(case: Any) -> str | None:
    draft = _x(case).get("draft") or {}
    if not draft:
        return "尚未拟写答复函。"
    if draft.get("signed_on"):
        return "答复函已签发。"
    return None


def may_send(case: Any) -> str | None:
    if not _contacted(case):
        return CONTACT_FIRST
    draft = _x(case).get("draft") or {}
    if not draft:
        return "尚未拟写答复函。"
    if not draft.get("signed_on"):
        return "答复函须经承办单位负责人签发后才能答复。"
    return None


def may_extend(case: Any) -> str | None:
    if _x(case).get("extension"):
        return "答复期限已延长过：延长后总期限最长不超过六个月（代表法第五十一条）。"
    return None


def may_follow_up(case: Any) -> str | None:
    x = _x(case)
    if x.get("reply_class") != "B":
        return "只有B类（正在解决或列入计划解决）的答复须在落实后再次答复。"
    if x.get("open_commitments"):
        return f"还有{x['open_commitments']}项承诺事项未销号。"
    if x.get("follow_up_on"):
        return "已再次答复。"
    return None


def may_close(case: Any) -> str | None:
    """销号 only when nothing remains open: rated (not 不满意), every 分办 part answered, no open 承诺事项, a class-B
    item answered again after implementation."""
    x = _x(case)
    if x.get("rating") not in ("satisfied", "basic"):
        return "代表/委员尚未评价满意或基本满意。"
    if x.get("open_parts"):
        return f"还有{x['open_parts']}个分办单位未答复。"
    if x.get("open_commitments"):
        return f"还有{x['open_commitments']}项承诺事项未销号。"
    if x.get("reply_class") == "B" and not x.get("follow_up_on"):
        return "B类答复的承诺事项落实后须再次答复代表/委员。"
    return None


def may_publish(case: Any) -> str | None:
    """代表法 (2025) Art. 51: the result is published once answered; again only after a newer reply."""
    x = _x(case)
    sent = len(x.get("replies") or [])
    if not sent or case.state == "rehandling":
        return "尚未答复代表/委员，或正在重新办理。"
    if x.get("published_replies", 0) >= sent:
        return "办理结果已公开；有新的答复后才能再次公开。"
    return None
