"""The outcome, the analysis of a lost case (→ a supervisable rectification item) and appeals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, case_transition_apply, today_local
from fazhi.core.errors import DomainError

from ..codes import (
    JUDGMENT_OUTCOMES,
    NEXT_INSTANCE,
    OUTCOME_ARTICLE,
    OUTCOMES,
)
from ._common import INSTANCE_LABEL, INVALID, _not_before_service, _past, _required
from .registration import litigation_register


@transaction.atomic
def case_close(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    outcome: str,
    document_number: str = "",
    summary: str = "",
    compensation_amount: Any = None,
    expected_version: int | None = None,
) -> Case:
    """The court's judgment, ruling, mediation or the plaintiff's withdrawal ends the case at this instance."""
    labels = dict(OUTCOMES)
    if outcome not in labels:
        raise DomainError(INVALID, "请选择裁判结果。", field="outcome")
    _past(on, "on", "裁判日期")
    _not_before_service(case, on)
    if outcome in JUDGMENT_OUTCOMES and not (summary or "").strip():
        raise DomainError(INVALID, "请填写裁判主要内容（判决结案必填）。", field="summary")
    if outcome == "compensation" and not compensation_amount:
        raise DomainError(INVALID, "请填写赔偿金额。", field="compensation_amount")
    judgment = {
        "outcome": outcome,
        "on": on.isoformat(),
        "document_number": (document_number or "").strip(),
        "summary": (summary or "").strip(),
        "article": OUTCOME_ARTICLE[outcome],
    }
    if compensation_amount:
        judgment["compensation_amount"] = str(compensation_amount)
    case = case_transition_apply(
        case=case,
        code="close",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=outcome,
        closed_on=on,
        extra={"judgment": judgment},
        event_label=f"结案：{labels[outcome]}",
        detail={"outcome": outcome},
    )
    return case


@transaction.atomic
def case_analyse_loss(
    *,
    case: Case,
    by: Any,
    analysis: str,
    measures: str,
    responsible_unit: Any = None,
    due_date: dt.date | None = None,
    expected_version: int | None = None,
) -> Case:
    """国办发〔2016〕54号: a lost case is analysed and its causes fixed. The fix becomes a supervisable item (kind
    `litigation.rectification`) for the responsible unit (default: the defendant unit): on its board beside its other
    items, 销号 by the office only with evidence."""
    from fazhi.supervision.services import item_raise

    from ..sources import KIND

    analysis = _required(analysis, "analysis", "败诉原因分析")
    measures = _required(measures, "measures", "整改措施")
    unit = responsible_unit or case.respondent_unit
    if unit is None:
        raise DomainError(INVALID, "请选择整改责任单位。", field="responsible_unit")
    if due_date is not None and due_date < today_local():
        raise DomainError(INVALID, "整改期限不能早于今天。", field="due_date")
    outcome = dict(OUTCOMES).get(case.outcome, case.outcome)
    item = item_raise(
        source=case,
        kind=KIND,
        unit=unit,
        reason=f"行政应诉败诉整改：{case.case_number}（{case.extra.get('court_case_number', '')}）",
        text=f"案由：{case.title}\n裁判结果：{outcome}\n败诉原因分析：{analysis}\n整改措施：{measures}",
        due=due_date,
        by=by,
        dedupe_key=f"litigation.rectification.{case.pk}",
    )
    return case_transition_apply(
        case=case,
        code="analyse_loss",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={
            "loss_analysis": {
                "analysis": analysis,
                "measures": measures,
                "unit_id": unit.pk,
                "unit_name": unit.name,
                "due_date": due_date.isoformat() if due_date else "",
                "item_id": item.pk,
            }
        },
        event_label=f"败诉分析，整改事项交{unit.name}办理",
        detail={"item_id": item.pk},
    )


@transaction.atomic
def case_appeal(
    *,
    case: Case,
    by: Any,
    court: str,
    court_case_number: str,
    served_on: dt.date,
    appellant: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """An appeal (or retrial) opens a new case at the next instance, linked both ways to this one."""
    refusal = case_get_refusal(case, "appeal")
    if refusal:
        raise DomainError("transition_not_allowed", refusal)
    instance = NEXT_INSTANCE[case.extra.get("instance", "first")]
    plaintiff = case.parties.filter(role=PartyRole.APPLICANT).first()
    if plaintiff is None:
        raise DomainError(INVALID, "原案件没有原告信息，无法登记上诉。")
    new = litigation_register(
        by=by,
        handling_unit=case.handling_unit,
        court=court,
        court_case_number=court_case_number,
        plaintiff=PartyInput(
            role=PartyRole.APPLICANT,
            kind=plaintiff.kind,
            name=plaintiff.name,
            id_number=plaintiff.id_number,
            phone=plaintiff.phone,
            address=plaintiff.address,
            credit_code=plaintiff.credit_code,
        ),
        cause=case.title or case.extra.get("cause", ""),
        instance=instance,
        served_on=served_on,
        defendant_unit=case.respondent_unit,
        defendant_name=case.extra.get("defendant_name", ""),
        matter=case.extra.get("matter", ""),
        after_reconsideration=bool(case.extra.get("after_reconsideration")),
        appeal_of=case,
        extra={
            "appellant": appellant,
            "reconsideration_case_id": case.extra.get("reconsideration_case_id"),
            "reconsideration_case_number": case.extra.get("reconsideration_case_number", ""),
        },
    )
    case_transition_apply(
        case=case,
        code="appeal",
        by=by,
        on=served_on,
        expected_version=expected_version,
        extra={"appeal_case_id": new.pk, "appeal_case_number": new.case_number},
        event_label=f"{INSTANCE_LABEL[instance]}：{court}{court_case_number}（{new.case_number}）",
        detail={"appeal_case_id": new.pk, "note": note},
    )
    return new


def case_get_refusal(case: Case, code: str) -> str | None:
    from ..spec import SPEC

    return SPEC.transition(code).refusal(case)
