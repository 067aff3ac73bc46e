"""The steps of a 分办 or 协办 unit's share (not the case's state: that follows the 主办 unit). Each checks the
share's policy (the action and the share's unit in the user's scope), runs atomically, is audited and written on
the case's timeline. 分办 units answer their own part (contact first, signed by their head); 协办 units send their
opinion to the 主办 unit and never answer the proposer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case
from fazhi.cases.services import case_event_add, today_local
from fazhi.core.errors import DomainError

from ..guards import round_of
from ..models import Assignment, AssignmentRole, Contact, ContactForm, Reply, ReplyKind, ResultClass
from ..policies import ProposalPolicy, SharePolicy
from ._common import (
    INVALID,
    cn,
    not_before_assignment,
    past,
    required,
    share_clock,
    share_clock_complete,
    share_clock_start,
)

ASSIST_CANNOT_ANSWER = "协办单位不能答复代表/委员：请将协办意见送主办单位，由主办单位统一答复。"


def _lock(share: Assignment, by: Any, action: str = "handle") -> Assignment:
    if by is not None and not SharePolicy.can(by, action, share):
        raise PermissionDenied
    share = Assignment.objects.select_for_update().select_related("unit", "case").get(pk=share.pk)
    if not share.active:
        raise DomainError(INVALID, "该承办单位已被调整。", field="unit")
    if share.case.closed_on is not None:
        raise DomainError(INVALID, "本件已办结销号。", field="state")
    return share


def _event(share: Assignment, by: Any, code: str, label: str, on: dt.date, **summary: Any) -> None:
    case_event_add(
        case=share.case, kind=code, label=f"{share.get_role_display()}单位{share.unit.name}：{label}", on=on, by=by
    )
    record_event(actor=by, action=f"proposals.share.{code}", obj=share.case, summary=summary, unit=share.unit)


@transaction.atomic
def share_sign(*, share: Assignment, by: Any, on: dt.date) -> Assignment:
    share = _lock(share, by)
    if share.signed_on:
        raise DomainError(INVALID, "本单位已签收。", field="on")
    past(on, "on", "签收日期")
    not_before_assignment(share.case, on, "on", "签收日期")
    share.signed_on = on
    share.save(update_fields=["signed_on", "updated_at"])
    share_clock_complete(share=share, key="sign", on=on, by=by)
    _event(share, by, "sign", "签收", on)
    return share


@transaction.atomic
def share_ask_reassign(*, share: Assignment, by: Any, reason: str) -> Assignment:
    share = _lock(share, by)
    reason = required(reason, "reason", "申请调整理由")
    if share.signed_on:
        raise DomainError(INVALID, "已签收的，不能再申请调整。", field="reason")
    clock = share_clock(share, "sign")
    today = today_local()
    if clock is not None and today > clock.due_date:
        raise DomainError(INVALID, f"已超过签收期限（{cn(clock.due_date)}），不能再申请调整。", field="reason")
    share.reassign_reason, share.reassign_asked_on = reason, today
    share.save(update_fields=["reassign_reason", "reassign_asked_on", "updated_at"])
    _event(share, by, "ask_reassign", f"申请调整（{reason}）", today)
    return share


@transaction.atomic
def share_reassign(*, share: Assignment, by: Any, on: dt.date, unit: Any = None, note: str = "") -> Assignment:
    """The government office decides a 分办/协办 unit's request for reassignment (legal-rules.md §8: the unit reports
    back with its reasons within the 签收 period and never forwards the item itself). `unit` None keeps the share:
    the unit must sign. Else the share moves to `unit` with the same role and its own 签收 period (proposals.signing,
    from the decision); a 分办 unit's reply period still runs from the first 交办 (代表法 2025 Art. 51), a 协办
    unit's opinion month from its own 交办 (Shandong 2017). The old share's clocks end on the decision."""
    from fazhi.dockets.proposals.spec import reply_key

    if by is not None and not ProposalPolicy.can(by, "office", share.case):
        raise PermissionDenied
    share = _lock(share, None)
    if not share.reassign_asked_on:
        raise DomainError(INVALID, "该单位没有申请调整。", field="unit")
    past(on, "on", "决定日期")
    if on < share.reassign_asked_on:
        raise DomainError(
            "date_order", f"决定日期不能早于申请调整的日期（{cn(share.reassign_asked_on)}）。", field="on"
        )
    case = share.case
    note = (note or "").strip()
    suffix = f"（{note}）" if note else ""
    if unit is None or unit.pk == share.unit_id:
        share.reassign_asked_on = None
        share.save(update_fields=["reassign_asked_on", "updated_at"])
        label = f"{share.get_role_display()}单位维持：{share.unit.name}{suffix}"
        case_event_add(case=case, kind="share_reassign", label=label, on=on, by=by)
        record_event(actor=by, action="proposals.share.reassign", obj=case, summary={"kept": share.unit.name})
        return share
    if Assignment.objects.filter(case=case, unit=unit, active=True).exists():
        raise DomainError(INVALID, f"调整为：“{unit.name}”已是本件的承办单位。", field="unit")
    for key in ("sign", "reply", "opinion"):
        share_clock_complete(share=share, key=key, on=on, by=by)
    share.active = False
    share.save(update_fields=["active", "updated_at"])
    new = Assignment.objects.create(case=case, unit=unit, role=share.role, assigned_on=on)
    share_clock_start(share=new, key="sign", rule_id="proposals.signing", trigger=on, by=by)
    if new.role == AssignmentRole.SPLIT:
        first = Assignment.objects.filter(case=case, role=AssignmentRole.LEAD).order_by("id").first()
        trigger = first.assigned_on if first is not None else case.received_on
        share_clock_start(share=new, key="reply", rule_id=f"proposals.{reply_key(case)}", trigger=trigger, by=by)
    else:
        share_clock_start(share=new, key="opinion", rule_id="proposals.assist_opinion", trigger=on, by=by)
    label = f"{share.get_role_display()}单位调整：{share.unit.name} → {unit.name}{suffix}"
    case_event_add(case=case, kind="share_reassign", label=label, on=on, by=by)
    record_event(
        actor=by,
        action="proposals.share.reassign",
        obj=case,
        summary={"from": share.unit.name, "to": unit.name, "on": cn(on)},
        unit=unit,
    )
    return new


@transaction.atomic
def share_opinion(*, share: Assignment, by: Any, on: dt.date, opinion: str) -> Assignment:
    """Shandong 2017: 协办 units send their opinions to the 主办 unit within one month (proposals.assist_opinion)."""
    share = _lock(share, by)
    if share.role != AssignmentRole.ASSIST:
        raise DomainError(INVALID, "只有协办单位提出协办意见。", field="opinion")
    opinion = required(opinion, "opinion", "协办意见")
    past(on, "on", "意见日期")
    not_before_assignment(share.case, on, "on", "意见日期")
    share.opinion, share.opinion_on = opinion, on
    if not share.signed_on:
        share.signed_on = on
        share_clock_complete(share=share, key="sign", on=on, by=by)
    share.save(update_fields=["opinion", "opinion_on", "signed_on", "updated_at"])
    share_clock_complete(share=share, key="opinion", on=on, by=by)
    _event(share, by, "opinion", "送交协办意见", on)
    return share


def _answering(share: Assignment) -> None:
    if share.role == AssignmentRole.ASSIST:
        raise DomainError("assist_cannot_answer", ASSIST_CANNOT_ANSWER, field="text")
    if share.role != AssignmentRole.SPLIT:
        raise DomainError(INVALID, "主办单位的答复经本件的办理步骤发出。", field="text")
    if not share.signed_on:
        raise DomainError(INVALID, "请先签收。", field="text")


@transaction.atomic
def share_contact(*, share: Assignment, by: Any, on: dt.date, form: str, note: str = "") -> Contact:
    share = _lock(share, by)
    _answering(share)
    if form not in ContactForm.values:
        raise DomainError(INVALID, "请选择沟通方式（走访、座谈、电话、面商、其他）。", field="form")
    past(on, "on", "沟通日期")
    not_before_assignment(share.case, on, "on", "沟通日期")
    rnd = round_of(share.case)
    c = Contact.objects.create(case=share.case, unit=share.unit, on=on, form=form, note=note, round=rnd, by=by)
    _event(share, by, "contact", f"与代表/委员沟通（{ContactForm(form).label}）", on)
    return c


@transaction.atomic
def share_reply_draft(*, share: Assignment, by: Any, result_class: str, text: str) -> Reply:
    from .steps import classes

    share = _lock(share, by)
    _answering(share)
    rnd = round_of(share.case)
    if not Contact.objects.filter(case=share.case, unit=share.unit, round=rnd).exists():
        raise DomainError("contact_first", "答复前须与代表/委员沟通：请先登记沟通情况（日期和方式）。", field="text")
    if result_class not in ResultClass.values or result_class not in classes():
        raise DomainError(INVALID, f"办理结果应为{'、'.join(c + '类' for c in classes())}之一。", field="result_class")
    text = required(text, "text", "答复内容")
    reply = Reply.objects.filter(case=share.case, unit=share.unit, sent_on=None).first()
    if reply is not None and reply.signed_on:
        raise DomainError(INVALID, "答复函已签发，不能再修改。", field="text")
    if reply is None:
        kind = ReplyKind.FIRST if rnd == 1 else ReplyKind.REHANDLING
        reply = Reply(case=share.case, unit=share.unit, kind=kind, round=rnd, drafted_by=by)
    reply.result_class, reply.text, reply.drafted_by = result_class, text, by
    reply.save()
    _event(share, by, "draft", f"拟写答复函（{result_class}类）", today_local())
    return reply


@transaction.atomic
def share_reply_sign_off(*, share: Assignment, by: Any, on: dt.date) -> Reply:
    share = _lock(share, by, "sign_off")
    reply = Reply.objects.filter(case=share.case, unit=share.unit, sent_on=None).first()
    if reply is None:
        raise DomainError(INVALID, "尚未拟写答复函。", field="on")
    if reply.signed_on:
        raise DomainError(INVALID, "答复函已签发。", field="on")
    past(on, "on", "签发日期")
    reply.signed_by, reply.signed_on = by, on
    reply.save(update_fields=["signed_by", "signed_on", "updated_at"])
    _event(share, by, "sign_off", "签发答复函", on)
    return reply


@transaction.atomic
def share_reply_send(*, share: Assignment, by: Any, on: dt.date) -> Reply:
    """A 分办 unit answers its own part: contact recorded, signed by its head; its reply clock stops."""
    share = _lock(share, by)
    _answering(share)
    reply = Reply.objects.filter(case=share.case, unit=share.unit, sent_on=None).first()
    if reply is None:
        raise DomainError(INVALID, "尚未拟写答复函。", field="on")
    if not reply.signed_on:
        raise DomainError("unsigned", "答复函须经承办单位负责人签发后才能答复。", field="on")
    past(on, "on", "答复日期")
    not_before_assignment(share.case, on, "on", "答复日期")
    reply.sent_on = on
    reply.save(update_fields=["sent_on", "updated_at"])
    share_clock_complete(share=share, key="reply" if reply.round == 1 else f"rehandling_{reply.round}", on=on, by=by)
    case = Case.objects.select_for_update().get(pk=share.case_id)
    case.extra = {**case.extra, "open_parts": open_parts_count(case)}
    case.save(update_fields=["extra", "updated_at"])
    from .steps import reply_context

    draft = {"class": reply.result_class, "text": reply.text, "round": reply.round, "signer": _signer(reply)}
    case_document_generate(
        case=case, code="reply_letter", by=by, context=reply_context(case, draft, on, issuer=share.unit.name)
    )
    _event(share, by, "send", f"答复代表/委员（{reply.result_class}类）", on)
    return reply


def _signer(reply: Reply) -> str:
    u = reply.signed_by
    return (getattr(u, "full_name", "") or getattr(u, "username", "")) if u is not None else ""


def open_parts_count(case: Case) -> int:
    """The 分办 parts not yet answered in the item's current round (a re-handling round reopens every part)."""
    rnd = round_of(case)
    answered = Reply.objects.filter(case=case, sent_on__isnull=False, round=rnd).values("unit_id")
    return (
        Assignment.objects.filter(case=case, role=AssignmentRole.SPLIT, active=True)
        .exclude(unit_id__in=answered)
        .count()
    )


def shares_rehandle(*, case: Case, by: Any, on: dt.date) -> int:
    """不满意 → re-handling (Shandong 2017; period proposals.rehandling, a setting): every 分办 unit answers its part
    again, after contacting the proposer again, with its own clock from the rating's date. Returns the parts reopened."""
    rnd = round_of(case)
    shares = list(Assignment.objects.filter(case=case, role=AssignmentRole.SPLIT, active=True).select_related("unit"))
    for share in shares:
        share_clock_start(share=share, key=f"rehandling_{rnd}", rule_id="proposals.rehandling", trigger=on, by=by)
        _event(share, by, "rehandle", "代表/委员不满意，重新办理本单位承办部分", on)
    return len(shares)
