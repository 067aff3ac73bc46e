"""Intake: sessions, the registry of deputies and members, and one item handed over (交办) to its units — by hand or
from the 交办 list (imports.py calls `proposal_register` row by row)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.cases import clocks
from fazhi.cases.models import Case
from fazhi.cases.services import case_create
from fazhi.core.errors import DomainError
from fazhi.core.validators import validate_phone

from ..models import (
    KIND_OF_BODY,
    Assignment,
    AssignmentRole,
    Body,
    Item,
    ItemProposer,
    Proposer,
    ProposerRole,
    Session,
    Source,
)
from ..spec import reply_key
from ._common import DOCKET, INVALID, cn, past, required, share_clock_start


@transaction.atomic
def session_get_or_create(*, body: str, name: str, year: int, term: str = "", by: Any) -> Session:
    if body not in Body.values:
        raise DomainError(INVALID, "请选择人大或政协。", field="body")
    name = required(name, "session", "会次")
    session, created = Session.objects.get_or_create(body=body, name=name, defaults={"year": year, "term": term})
    if created:
        record_event(actor=by, action="proposals.session.create", obj=session, summary={"name": name})
    return session


@transaction.atomic
def proposer_create(
    *,
    by: Any,
    body: str,
    term: str,
    name: str,
    group: str = "",
    employer: str = "",
    phone: str = "",
    address: str = "",
) -> Proposer:
    """A deputy or member of one term. The phone is validated; contact details are stored encrypted."""
    if body not in Body.values:
        raise DomainError(INVALID, "请选择人大代表或政协委员。", field="body")
    term = required(term, "term", "届次")
    name = required(name, "name", "姓名")
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            raise DomainError(INVALID, f"联系电话：{exc.messages[0]}", field="phone") from exc
    p = Proposer.objects.create(
        body=body, term=term, name=name, group=group.strip(), employer=employer.strip(), phone=phone, address=address
    )
    record_event(actor=by, action="proposals.proposer.create", obj=p, summary={"body": body, "term": term})
    return p


@dataclass(frozen=True)
class ProposerLink:
    proposer: Proposer
    role: str = ProposerRole.LEAD


def _units_check(lead: Any, split: Sequence[Any], assist: Sequence[Any]) -> None:
    if lead is None:
        raise DomainError(INVALID, "请选择主办单位。", field="lead_unit")
    seen = {lead.pk}
    for field, label, units in (("split_units", "分办单位", split), ("assist_units", "协办单位", assist)):
        for u in units:
            if u.pk in seen:
                raise DomainError(INVALID, f"{label}“{u.name}”已是本件的承办单位，同一单位只能承办一次。", field=field)
            seen.add(u.pk)


@transaction.atomic
def proposal_register(
    *,
    by: Any,
    session: Session,
    number: str,
    title: str,
    source: str,
    assigned_on: dt.date | None,
    lead_unit: Any,
    proposers: Sequence[ProposerLink],
    split_units: Sequence[Any] = (),
    assist_units: Sequence[Any] = (),
    category: str = "",
    text: str = "",
    submit_token: Any = None,
) -> Case:
    """One item handed over (交办) on `assigned_on`: the 主办 unit holds the case; 分办 and 协办 units get their
    shares. Starts the 签收 clock and the reply clock of its kind and source (proposals.reply_*), and the shares'
    clocks (签收; 分办: the same reply period; 协办: the opinion period)."""
    if submit_token:
        existing = Case.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    if session is None:
        raise DomainError(INVALID, "请选择会次。", field="session")
    number = required(number, "number", "建议/提案编号")
    title = required(title, "title", "标题")
    if source not in Source.values:
        raise DomainError(INVALID, "提出时间应为大会期间或闭会期间。", field="source")
    assigned_on = past(assigned_on, "assigned_on", "交办日期")
    if Item.objects.filter(session=session, number=number).exists():
        raise DomainError(
            "duplicate", f"建议/提案编号：{session.name}已有第{number}号，同一会次编号不能重复。", field="number"
        )
    _units_check(lead_unit, split_units, assist_units)
    if not proposers or not any(p.role == ProposerRole.LEAD for p in proposers):
        raise DomainError(INVALID, "请填写领衔代表/委员。", field="proposers")
    kind = KIND_OF_BODY[Body(session.body)]
    case = case_create(
        docket=DOCKET,
        handling_unit=lead_unit,
        received_on=assigned_on,
        by=by,
        channel="transfer",
        title=title[:300],
        submit_token=submit_token,
        event_label=f"交办（{session.name} 第{number}号）",
        extra={
            "kind": str(kind),
            "source": source,
            "session": session.name,
            "session_id": session.pk,
            "number": number,
            "category": category,
            "round": 1,
            "contact_rounds": [],
            "open_parts": len(split_units),
            "open_commitments": 0,
        },
    )
    Item.objects.create(
        case=case, session=session, number=number, kind=kind, source=source, category=category, text=text
    )
    item = case.proposal
    for link in proposers:
        ItemProposer.objects.get_or_create(item=item, proposer=link.proposer, defaults={"role": link.role})
    Assignment.objects.create(case=case, unit=lead_unit, role=AssignmentRole.LEAD, assigned_on=assigned_on)
    rid = f"proposals.{reply_key(case)}"
    for role, units in ((AssignmentRole.SPLIT, split_units), (AssignmentRole.ASSIST, assist_units)):
        for u in units:
            share = Assignment.objects.create(case=case, unit=u, role=role, assigned_on=assigned_on)
            share_clock_start(share=share, key="sign", rule_id="proposals.signing", trigger=assigned_on, by=by)
            if role == AssignmentRole.SPLIT:
                share_clock_start(share=share, key="reply", rule_id=rid, trigger=assigned_on, by=by)
            else:
                share_clock_start(
                    share=share, key="opinion", rule_id="proposals.assist_opinion", trigger=assigned_on, by=by
                )
    sign = clocks.case_clock_start(case=case, key="sign", trigger_date=assigned_on, by=by)
    reply = clocks.case_clock_start(case=case, key=reply_key(case), trigger_date=assigned_on, by=by)
    case.extra["sign_due"] = sign.due_date.isoformat() if sign else ""
    case.extra["reply_due"] = reply.due_date.isoformat() if reply else ""
    case.save(update_fields=["extra", "updated_at"])
    record_event(
        actor=by,
        action="proposals.item.assign",
        obj=case,
        summary={"session": session.name, "number": number, "assigned_on": cn(assigned_on)},
        unit=lead_unit,
    )
    return case
