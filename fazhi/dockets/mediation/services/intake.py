"""Registering a dispute with a committee (登记): the parties, the dispute type, amount, a short account, where it came
from, and urgency — a 群体性 dispute or one that may escalate (可能激化) is flagged and reported at once to those who
supervise the committee (the 司法所, the 司法局: holders of `mediation.case.supervise` with the committee in scope)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from fazhi.cases.disputes import dispute_urgent_report
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, case_create
from fazhi.core.errors import DomainError

from ..codes import DISPUTE_TYPE_LABEL, SOURCE_CHANNEL, SOURCE_LABEL, TRANSFER_FROM_LABEL
from ..models import Committee
from ._common import INVALID, choice, past, required

DOCKET = "mediation"


def committee_resolve(committee: Any) -> Committee:
    """The active committee given as an instance, an id or a name; an unknown one is refused naming the field."""
    found = None
    if isinstance(committee, Committee):
        found = committee
    elif isinstance(committee, int) or (isinstance(committee, str) and committee.strip().isdigit()):
        found = Committee.objects.filter(pk=int(committee)).first()
    elif isinstance(committee, str) and committee.strip():
        found = Committee.objects.filter(name=committee.strip()).first()
    if found is None or not found.is_active:
        raise DomainError(INVALID, "未找到该人民调解委员会，请从列表中选择在用的调解委员会。", field="committee")
    return found


def _amount(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise DomainError(INVALID, "涉及金额须为数字（元）。", field="amount") from None
    if amount < 0 or amount > Decimal("1e12"):
        raise DomainError(INVALID, "涉及金额须为0至1万亿元之间的数字。", field="amount")
    return str(amount.quantize(Decimal("0.01")))


@transaction.atomic
def mediation_register(
    *,
    by: Any,
    committee: Any,
    source: str,
    dispute_type: str,
    applicants: list[PartyInput],
    respondents: list[PartyInput] = (),  # type: ignore[assignment]
    account: str,
    received_on: dt.date,
    amount: Any = None,
    mass: bool = False,
    escalation_risk: bool = False,
    transfer_from: str = "",
    transfer_note: str = "",
    submit_token: Any = None,
    imported: dict[str, Any] | None = None,
    intake_ref: str = "",
) -> Case:
    """Register a dispute with a committee (《人民调解法》第十七条: on a party's application, or the committee acts on
    its own initiative — 主动排查). The case waits for 受理; no clock runs yet (the 1-month target runs from 受理)."""
    committee = committee_resolve(committee)
    choice(source, SOURCE_LABEL, "source", "纠纷来源")
    choice(dispute_type, DISPUTE_TYPE_LABEL, "dispute_type", "纠纷类型")
    account = required(account, "account", "纠纷简要情况")
    received_on = past(received_on, "received_on", "登记日期")
    if source == "transfer":
        choice(transfer_from, TRANSFER_FROM_LABEL, "transfer_from", "转来单位类别")
    amount_text = _amount(amount)
    applicants = [PartyInput(**{**p.__dict__, "role": PartyRole.APPLICANT}) for p in applicants]
    respondents = [PartyInput(**{**p.__dict__, "role": PartyRole.RESPONDENT}) for p in respondents]
    if not applicants or not applicants[0].name.strip():
        raise DomainError(INVALID, "请填写申请人（当事人）姓名或名称。", field="parties-0-name")
    if submit_token:
        existing = Case.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    urgent = bool(mass or escalation_risk)
    case = case_create(
        docket=DOCKET,
        handling_unit=committee.unit,
        received_on=received_on,
        by=by,
        channel=SOURCE_CHANNEL[source],
        title=f"{DISPUTE_TYPE_LABEL[dispute_type]}纠纷：{account}"[:300],
        submit_token=submit_token,
        parties=[*applicants, *respondents],
        event_label=f"登记{DISPUTE_TYPE_LABEL[dispute_type]}纠纷（{SOURCE_LABEL[source]}）",
        imported=imported,
        extra={
            "committee_id": committee.pk,
            "committee_name": committee.name,
            "source": source,
            "transfer_from": transfer_from if source == "transfer" else "",
            "transfer_note": (transfer_note or "").strip()[:300],
            "dispute_type": dispute_type,
            "account": account,
            "amount": amount_text,
            "mass": bool(mass),
            "escalation_risk": bool(escalation_risk),
            "urgent": urgent,
            "intake_ref": intake_ref,
        },
    )
    if not getattr(case, "just_created", False):
        return case
    if urgent and not imported:
        from ..selectors import mediation_supervisors

        dispute_urgent_report(
            case=case,
            by=by,
            on=received_on,
            mass=mass,
            escalation_risk=escalation_risk,
            reported_to="司法所、司法局",
            recipients=mediation_supervisors,
            where=lambda c: c.extra.get("committee_name", ""),
        )
    return case


def _transfer_from(values: dict[str, Any]) -> str:
    """Who handed it over, for 转来 (TRANSFER_FROM): the source docket's kind."""
    source = values.get("handover_source") or {}
    docket = values.get("docket") or ""
    if source.get("kind") == "case":
        return {"petitions": "petition", "hotline": "hotline_12345"}.get(docket, "other_unit")
    return "other_unit"


def mediation_handover_create(
    *, by: Any, values: dict[str, Any], parties: list[PartyInput], received_on: dt.date, submit_token: Any
) -> Case:
    """The hand-over's registration (spec `handover`): a matter from an intake, a 12348 call or another docket's
    case becomes a dispute registered with the chosen committee, as if typed in (mediation_register's checks)."""
    from fazhi.cases.handover import parties_split

    applicants, respondents = parties_split(parties)
    source = values.get("source") if values.get("source") in SOURCE_LABEL else "transfer"
    label = (values.get("handover_source") or {}).get("label", "")
    return mediation_register(
        by=by,
        committee=values.get("committee"),
        source=source,
        dispute_type=values.get("dispute_type", ""),
        applicants=applicants,
        respondents=respondents,
        account=values.get("account", ""),
        received_on=received_on,
        amount=values.get("amount"),
        mass=bool(values.get("mass")),
        escalation_risk=bool(values.get("escalation_risk")),
        transfer_from=values.get("transfer_from") or _transfer_from(values) if source == "transfer" else "",
        transfer_note=f"由{label}转来" if label else "",
        submit_token=submit_token,
        intake_ref=values.get("intake_ref", ""),
    )
