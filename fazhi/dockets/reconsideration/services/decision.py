"""Decisions (Arts. 61–79): drafting, the head's approval, the published text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases.approvals import ApprovalView, draft_fields
from fazhi.cases.documents import document_preview
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import (
    case_transition_apply,
    today_local,
)
from fazhi.core.errors import DomainError
from fazhi.core.pii import scrub_for_publication

from ..codes import (
    COMPENSATION_WITH,
    DECISION_OUTCOMES,
    FIELD_LABELS,
    REMAKE_WITH,
)
from ..spec import OUTCOMES
from ._common import (
    INVALID,
    _cn,
    _context,
    _decision_due,
    _doc,
    _party_lines,
    _past,
    strip_lead,
)
from .approvals import _notify_approvers, _notify_requester, _requested_by


def decision_validate(data: dict[str, Any]) -> dict[str, Any]:
    """Required fields per outcome; DomainError naming the first missing field."""
    outcome = data.get("outcome") or ""
    if outcome not in DECISION_OUTCOMES:
        raise DomainError(INVALID, "请选择决定结果。", field="outcome")
    article, extra_fields = DECISION_OUTCOMES[outcome]
    for f in ("facts", "reasons", "decision_text", *extra_fields):
        if not str(data.get(f) or "").strip():
            raise DomainError(INVALID, f"请填写{FIELD_LABELS[f]}（{dict(OUTCOMES)[outcome]}决定必填）。", field=f)
    if data.get("remake") and outcome not in REMAKE_WITH:
        raise DomainError(INVALID, "责令重作只能与撤销或部分撤销一并决定。", field="remake")
    comp = data.get("compensation") or ""
    if comp and outcome not in COMPENSATION_WITH:
        raise DomainError(
            INVALID,
            "赔偿决定只能与变更、撤销、部分撤销、确认违法或确认无效一并作出（第七十二条）。",
            field="compensation",
        )
    if comp == "award" and not data.get("compensation_amount"):
        raise DomainError(INVALID, "请填写赔偿金额。", field="compensation_amount")
    if outcome == "mediation" and not data.get("mediation_signed"):
        raise DomainError(INVALID, "调解书须经各方当事人签字（第七十三条）。", field="mediation_signed")
    clean = {k: v for k, v in data.items() if v not in (None, "")}
    clean["article"] = article
    if "compensation_amount" in clean:
        clean["compensation_amount"] = str(clean["compensation_amount"])
    return clean


DECISION_FIELDS = (
    "outcome",
    "facts",
    "reasons",
    "decision_text",
    "changed_content",
    "revoked_part",
    "performance_content",
    "agreement_measure",
    "mediation_content",
    "remake",
    "remake_period",
    "compensation",
    "compensation_amount",
    "mediation_signed",
)


@transaction.atomic
def case_draft_decision(
    *, case: Case, by: Any, expected_version: int | None = None, on: Any = None, **fields: Any
) -> Case:
    """拟定复议决定, dated `on` (default today: the form records a draft as it is written; a script or an import
    recording an earlier draft passes its date, checked by the kernel's date invariant)."""
    data = decision_validate({k: fields.get(k) for k in DECISION_FIELDS})
    case = case_transition_apply(
        case=case,
        code="draft_decision",
        by=by,
        on=on or today_local(),
        expected_version=expected_version,
        extra={"decision": data, **_requested_by(case, "decision", by)},
        event_label=f"拟定复议决定：{dict(OUTCOMES)[data['outcome']]}",
        detail={"outcome": data["outcome"]},
    )
    _notify_approvers(case, "decision", by)
    return case


def _decision_sentence(d: dict[str, Any]) -> str:
    parts = []
    if d.get("remake"):
        parts.append(
            "责令被申请人" + (f"在{d['remake_period']}内" if d.get("remake_period") else "") + "重新作出行政行为。"
        )
    if d.get("compensation") == "award":
        parts.append(f"责令被申请人赔偿申请人{d['compensation_amount']}元。")
    elif d.get("compensation") == "reject":
        parts.append("驳回申请人的行政赔偿请求。")
    for f in ("changed_content", "revoked_part", "performance_content", "agreement_measure", "mediation_content"):
        if d.get(f):
            parts.append(f"{FIELD_LABELS[f]}：{d[f]}")
    return "\n".join(parts)


def decision_context(case: Case, d: dict[str, Any]) -> dict[str, Any]:
    """The 决定书's placeholders (MoJ model structure) from the draft `d`: parties with details, both sides' say,
    facts, reasoning, legal basis, decision — each without a repeated heading."""
    x = case.extra
    return {
        **_party_lines(case),
        "申请人称": strip_lead(x.get("facts", "")) or "见行政复议申请书。",
        "被申请人答复": strip_lead(x.get("reply_summary", "")) or "被申请人未在法定期限内提出书面答复。",
        "查明事实": strip_lead(d.get("facts", "")),
        "理由": strip_lead(d.get("reasons", "")),
        "法律依据": d.get("article", ""),
        "决定结果": dict(OUTCOMES).get(d.get("outcome", ""), ""),
        "决定内容": (d.get("decision_text") or "").strip(),
        "附加内容": _decision_sentence(d) or " ",
    }


def decision_review(case: Case) -> ApprovalView:
    """The approval page of a decision draft: every field, the differences from the draft sent back, the 决定书."""
    d = case.extra.get("decision") or {}
    previous = case.extra.get("decision_returned")
    labels = [("outcome_label", "决定结果"), ("facts", "经审理查明"), ("reasons", "本机关认为")]
    labels += [("article", "法律依据"), ("decision_text", "决定内容")]
    labels += [(k, v) for k, v in FIELD_LABELS.items() if k not in ("facts", "reasons", "decision_text")]

    def shown(draft: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if draft is None else {**draft, "outcome_label": dict(OUTCOMES).get(draft.get("outcome", ""), "")}

    preview = document_preview(case, "decision", _context(case, 日期=_cn(today_local()), **decision_context(case, d)))
    return ApprovalView(
        title="拟定的行政复议决定",
        fields=draft_fields(labels, shown(d) or {}, shown(previous)),
        preview_title="行政复议决定书（预览）",
        preview=preview,
        returned_reason=case.extra.get("decision_returned_reason", "") if previous else "",
    )


@transaction.atomic
def case_approve_decision(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    """Art. 61: the decision is made after the 复议机构's review with the head's approval."""
    _past(on)
    d = case.extra.get("decision") or {}  # the guard refuses when nothing was drafted
    label = dict(OUTCOMES).get(d.get("outcome", ""), "")
    case = case_transition_apply(
        case=case,
        code="approve_decision",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=d.get("outcome", ""),
        closed_on=on,
        extra={
            "decided_on": on.isoformat(),
            "decision_due": _decision_due(case),
            "decision_approved_by": getattr(by, "pk", None),
        },
        event_label=f"作出行政复议决定：{label}",
        detail={"outcome": d.get("outcome")},
    )
    _doc(case, "decision", by, on, **decision_context(case, d))
    _notify_requester(case, "decision", by, approved=True)
    return case


def publication_text(case: Case) -> dict[str, str]:
    """The decision as published (Art. 79): natural persons' names masked, ID numbers, phones and addresses dropped."""
    d = case.extra["decision"]
    persons = list(case.parties.filter(kind="person"))

    def scrub(text: str) -> str:
        return scrub_for_publication(text, names=[p.name for p in persons], addresses=[p.address for p in persons])

    applicants = "、".join(p.masked_name for p in case.parties.filter(role=PartyRole.APPLICANT))
    respondent = case.respondent_unit.name if case.respondent_unit else case.extra.get("respondent_name", "")
    body = [
        f"申请人：{applicants}",
        f"被申请人：{respondent}",
        f"申请人不服被申请人{case.extra.get('act', '')}，向本机关申请行政复议。",
        f"经审理查明：{strip_lead(d['facts'])}",
        f"本机关认为：{strip_lead(d['reasons'])}",
        f"根据《中华人民共和国行政复议法》{d['article']}的规定，决定如下：{d['decision_text']}",
        _decision_sentence(d),
    ]
    from fazhi.cases.services import template_get

    return {
        "title": f"{case.case_number} 行政复议决定书",
        "text": scrub("\n".join(b for b in body if b)),
        "issuer": template_get(case.docket, "decision").issuer or case.handling_unit.name,
        "decided_on": case.extra.get("decided_on") or (case.closed_on.isoformat() if case.closed_on else ""),
    }


@transaction.atomic
def case_publish(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    _past(on)
    pub = publication_text(case)
    return case_transition_apply(
        case=case,
        code="publish",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"published_on": on.isoformat(), "publication": pub},
        event_label="复议决定书已在网上公开",
    )
