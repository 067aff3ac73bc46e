"""Helpers shared by the 行政复议 services: input checks, dates in Chinese, document context, clocks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.cases import clocks
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import (
    today_local,
)
from fazhi.core.cn import cn_date as _cn
from fazhi.core.errors import DomainError

DOCKET = "reconsideration"
INVALID = "invalid"


def _past(on: dt.date | None, field: str = "on", label: str = "日期") -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}不能晚于今天。", field=field)
    return on


def _required(value: Any, field: str, label: str) -> Any:
    if value in (None, "", [], ()):
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return value


def _names(case: Case, role: str) -> str:
    return "、".join(p.name for p in case.parties.filter(role=role, represents__isnull=True))


def _details(p: Any) -> str:
    """A party as the MoJ model documents name it: a person with ID number and address, an organisation with its
    统一社会信用代码 and address."""
    if p.kind == "person":
        bits = [p.name, p.id_number and f"公民身份号码{p.id_number}", p.address and f"住址{p.address}"]
    else:
        bits = [p.name, p.credit_code and f"统一社会信用代码{p.credit_code}", p.address and f"住所地{p.address}"]
    return "，".join(b for b in bits if b)


def _party_lines(case: Case) -> dict[str, str]:
    parties = list(case.parties.all())
    applicants = [p for p in parties if p.role == PartyRole.APPLICANT]
    agents = [p for p in parties if p.role == PartyRole.AGENT]
    thirds = [p for p in parties if p.role == PartyRole.THIRD_PARTY]
    respondent = next((p for p in parties if p.role == PartyRole.RESPONDENT), None)
    fallback = case.respondent_unit.name if case.respondent_unit else case.extra.get("respondent_name", "")
    return {
        "申请人信息": "；".join(_details(p) for p in applicants),
        "代理人": "委托代理人：" + "；".join(_details(p) for p in agents) if agents else " ",
        "被申请人信息": _details(respondent) if respondent else fallback,
        "第三人": "第三人：" + "；".join(_details(p) for p in thirds) if thirds else " ",
    }


def _context(case: Case, **more: Any) -> dict[str, Any]:
    x = case.extra
    applicant = _names(case, PartyRole.APPLICANT)
    respondent = case.respondent_unit.name if case.respondent_unit else x.get("respondent_name", "")
    return {
        "申请人": applicant,
        "被申请人": respondent,
        "当事人": "、".join(filter(None, [applicant, respondent])),
        "行政行为": x.get("act", ""),
        "复议请求": x.get("request", ""),
        "收到日期": _cn(case.received_on),
        "受理日期": _cn(x.get("accepted_on")),
        "程序": "简易程序" if x.get("procedure") == "simplified" else "普通程序",
        **more,
    }


LEADS = ("经审理查明", "本机关认为", "申请人称", "被申请人称")


def strip_lead(text: str) -> str:
    """A drafted paragraph without the heading the template already prints ("经审理查明：经审理查明…" seen)."""
    text = (text or "").strip()
    for lead in LEADS:
        for mark in ("：", ":", "，", ","):
            if text.startswith(lead + mark):
                text = text[len(lead) + 1 :].lstrip()
    return text


def _doc(case: Case, code: str, by: Any, on: dt.date, **more: Any) -> None:
    case_document_generate(case=case, code=code, by=by, context=_context(case, 日期=_cn(on), **more))


def _simplified(case: Case) -> bool:
    return case.extra.get("procedure") == "simplified"


def _decision_due(case: Case) -> str:
    clock = clocks.case_clock(case, "simplified_decision" if _simplified(case) else "decision")
    due = getattr(clock, "due_date", None) if clock is not None else None
    return due.isoformat() if due else ""
