"""The 主办 unit's steps, one service per transition (spec.py names them). Each changes state only through
`case_transition_apply` (which checks the guard, the permission and the date order, and applies the clock steps
declared beside the transition)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case
from fazhi.cases.services import case_transition_apply, case_update, today_local
from fazhi.core.errors import DomainError

from ..guards import round_of
from ..models import (
    Assignment,
    AssignmentRole,
    Commitment,
    Contact,
    ContactForm,
    Feedback,
    FeedbackVia,
    Rating,
    Reply,
    ReplyKind,
    ResultClass,
)
from ..spec import reply_key
from ._common import INVALID, cn, not_before_assignment, past, required


def classes() -> str:
    return str(getattr(settings, "FAZHI_PROPOSALS", {}).get("CLASSES", "ABC"))


def satisfied_ratings() -> list[str]:
    return list(getattr(settings, "FAZHI_PROPOSALS", {}).get("SATISFIED", ["satisfied", "basic"]))


def _lead(case: Case) -> Assignment:
    return Assignment.objects.get(case=case, role=AssignmentRole.LEAD, active=True)


@transaction.atomic
def case_sign(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    case = case_transition_apply(
        case=case, code="sign", by=by, on=on, expected_version=expected_version, extra={"signed_on": on.isoformat()}
    )
    Assignment.objects.filter(pk=_lead(case).pk).update(signed_on=on)
    return case


@transaction.atomic
def case_ask_reassign(*, case: Case, by: Any, on: dt.date, reason: str, expected_version: int | None = None) -> Case:
    """legal-rules.md §8: the unit reports back with its reasons within the 签收 period (proposals.signing, a setting)
    and may not forward the item itself; the government office decides."""
    reason = required(reason, "reason", "申请调整理由")
    past(on, "on", "申请日期")
    due = case.extra.get("sign_due")
    if due and on > dt.date.fromisoformat(due):
        raise DomainError(
            "sign_period_over",
            f"已超过签收期限（{due}）：不属于本单位职责的，应在签收期限内申请调整，不得自行转办。",
            field="on",
        )
    case = case_transition_apply(
        case=case,
        code="ask_reassign",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"reassign": {"reason": reason, "on": on.isoformat()}},
        detail={"reason": reason},
    )
    Assignment.objects.filter(pk=_lead(case).pk).update(reassign_reason=reason, reassign_asked_on=on)
    return case


@transaction.atomic
def case_reassign(
    *, case: Case, by: Any, on: dt.date, unit: Any = None, note: str = "", expected_version: int | None = None
) -> Case:
    """The government office decides: `unit` None keeps the 主办 unit (it must sign); else the item moves to `unit`,
    which gets a new 签收 period (the reply period still runs from the first 交办)."""
    old = case.handling_unit
    moving = unit is not None and unit.pk != old.pk
    if moving and Assignment.objects.filter(case=case, unit=unit, active=True).exists():
        raise DomainError(INVALID, f"主办单位：“{unit.name}”已是本件的承办单位。", field="unit")
    label = f"调整主办单位：{old.name} → {unit.name}" if moving else f"维持主办单位：{old.name}"
    case = case_transition_apply(
        case=case,
        code="reassign",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"reassign": None, "reassigned": [*case.extra.get("reassigned", []), {"from": old.name, "on": str(on)}]},
        detail={"note": note},
        event_label=label,
    )
    if moving:
        Assignment.objects.filter(case=case, role=AssignmentRole.LEAD, active=True).update(active=False)
        Assignment.objects.create(case=case, unit=unit, role=AssignmentRole.LEAD, assigned_on=on)
        case = case_update(
            case=case,
            by=by,
            expected_version=case.version,
            changes={"handling_unit": unit},
            event_label=label,
            action="proposals.case.reassign",
        )
    sign = clocks.case_clock(case, "sign")
    if sign is not None:
        case = case_update(
            case=case,
            by=by,
            expected_version=case.version,
            changes={"extra": {"sign_due": sign.due_date.isoformat()}},
            event_label="签收期限重新计算",
            action="proposals.case.reassign",
        )
    return case


@transaction.atomic
def case_contact(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    form: str,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """代表法 Art. 51: the handling unit contacts the deputy (走访/座谈/电话/面商) before it answers."""
    if form not in ContactForm.values:
        raise DomainError(INVALID, "请选择沟通方式（走访、座谈、电话、面商、其他）。", field="form")
    past(on, "on", "沟通日期")
    not_before_assignment(case, on, "on", "沟通日期")
    rnd = round_of(case)
    Contact.objects.create(case=case, unit=case.handling_unit, on=on, form=form, note=note, round=rnd, by=by)
    rounds = sorted({*case.extra.get("contact_rounds", []), rnd})
    return case_transition_apply(
        case=case,
        code="contact",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"contact_rounds": rounds},
        event_label=f"与代表/委员沟通（{ContactForm(form).label}）",
        detail={"form": form},
    )


def _commitments_check(result_class: str, commitments: Sequence[tuple[str, dt.date | None]]) -> list[dict[str, str]]:
    out = []
    for i, (text, due) in enumerate(commitments):
        text = (text or "").strip()
        if not text and due is None:
            continue
        if not text:
            raise DomainError(INVALID, f"第{i + 1}项承诺事项：请填写内容。", field="commitments")
        if due is None:
            raise DomainError(INVALID, f"第{i + 1}项承诺事项：请填写完成日期。", field="commitments")
        if due < today_local():
            raise DomainError(INVALID, f"第{i + 1}项承诺事项：完成日期{cn(due)}不能早于今天。", field="commitments")
        out.append({"text": text, "due": due.isoformat()})
    if result_class == "B" and not out:
        raise DomainError(INVALID, "B类答复须列明承诺事项及完成日期。", field="commitments")
    return out


@transaction.atomic
def case_draft(
    *,
    case: Case,
    by: Any,
    result_class: str,
    text: str,
    commitments: Sequence[tuple[str, dt.date | None]] = (),
    expected_version: int | None = None,
) -> Case:
    """The 答复函's draft (class A/B/C, and D where FAZHI_PROPOSALS CLASSES has it); class B lists its 承诺事项."""
    if result_class not in ResultClass.values or result_class not in classes():
        raise DomainError(INVALID, f"办理结果应为{'、'.join(c + '类' for c in classes())}之一。", field="result_class")
    text = required(text, "text", "答复内容")
    planned = _commitments_check(result_class, commitments)
    draft = {
        "class": result_class,
        "text": text,
        "commitments": planned,
        "round": round_of(case),
        "drafted_by": getattr(by, "pk", None),
        "signed_on": "",
    }
    return case_transition_apply(
        case=case,
        code="draft",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"draft": draft},
        event_label=f"拟写答复函（{result_class}类）",
    )


@transaction.atomic
def case_sign_off(*, case: Case, by: Any, on: dt.date, expected_version: int | None = None) -> Case:
    """The unit's head signs (签发) the 答复函; only then may it be sent."""
    draft = {
        **case.extra.get("draft", {}),
        "signed_on": on.isoformat(),
        "signed_by": getattr(by, "pk", None),
        "signer": _name(by),
    }
    return case_transition_apply(
        case=case, code="sign_off", by=by, on=on, expected_version=expected_version, extra={"draft": draft}
    )


def _name(user: Any) -> str:
    return (getattr(user, "full_name", "") or getattr(user, "username", "")) if user is not None else ""


@transaction.atomic
def case_extend(*, case: Case, by: Any, months: int, reason: str, expected_version: int | None = None) -> Case:
    """代表法 Art. 51: broad or difficult items may take up to six months in all, with approval."""
    reason = required(reason, "reason", "延期理由")
    key = reply_key(case)
    clock = clocks.case_clock(case, key)
    if clock is None:
        raise DomainError(INVALID, "本件没有进行中的答复期限。", field="months")
    from fazhi.deadlines.rules import rule_get

    most = rule_get(clock.rule_id).extension_max
    if not isinstance(months, int) or months < 1 or months > most:
        raise DomainError(INVALID, f"延长月数应为1至{most}个月（总期限不超过六个月）。", field="months")
    case = case_transition_apply(
        case=case,
        code="extend",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"extension": {"months": months, "reason": reason}},
        event_label=f"延期答复{months}个月",
        detail={"months": months, "reason": reason},
    )
    clock = clocks.case_clock_extend(case=case, key=key, units=months, approver=by, reason=reason, by=by)
    return case_update(
        case=case,
        by=by,
        expected_version=case.version,
        changes={"extra": {"reply_due": clock.due_date.isoformat()}},
        event_label=f"答复期限延至{cn(clock.due_date)}",
        action="proposals.case.extend",
    )


def reply_context(case: Case, draft: dict[str, Any], on: dt.date | None, issuer: str = "") -> dict[str, Any]:
    item = case.proposal
    lead = item.proposers.filter(role="lead").select_related("proposer").first()
    body = "代表" if item.kind == "suggestion" else "委员"
    promised = "；".join(f"{c['text']}（{cn(c['due'])}前）" for c in draft.get("commitments", []))
    contacts = list(case.contacts.filter(round=draft.get("round", 1)))
    ctx = {
        "领衔人": lead.proposer.name if lead else "",
        "称谓": body,
        "会次": item.session.name,
        "编号": item.number,
        "标题": case.title,
        "沟通情况": (
            f"{cn(contacts[-1].on)}，我单位通过{contacts[-1].get_form_display()}与您进行了沟通。" if contacts else ""
        ),
        "答复内容": draft.get("text", ""),
        "办理结果": ResultClass(draft["class"]).label if draft.get("class") else "",
        "承诺事项": f"承诺事项：{promised}。" if promised else "",
        "日期": cn(on) if on else "（发出时填写）",
        "签发人": draft.get("signer", ""),
        "联系人": "",
    }
    if issuer:
        ctx["发文机关"] = issuer
    return ctx


@transaction.atomic
def case_send(*, case: Case, by: Any, on: dt.date, expected_version: int | None = None) -> Case:
    """The signed 答复函 is sent: the reply clock (or the re-handling clock) stops; class B raises its 承诺事项 as
    supervisable items. The kernel refuses a date before 交办 or the latest contact (field `on`)."""
    past(on, "on", "答复日期")
    not_before_assignment(case, on, "on", "答复日期")
    draft = dict(case.extra.get("draft") or {})
    rnd = round_of(case)
    due_key = "rehandling" if rnd > 1 else reply_key(case)
    clock = clocks.case_clock(case, due_key)
    on_time = clock is None or on <= clock.due_date
    result = draft.get("class", "")
    extra: dict[str, Any] = {
        "draft": None,
        "replied_on": on.isoformat(),
        "reply_class": result,
        "rating": "",
        "replies": [*case.extra.get("replies", []), {"round": rnd, "on": on.isoformat(), "class": result}],
    }
    if rnd == 1:
        extra["on_time"] = on_time
    else:
        extra["rehandling_on_time"] = on_time
    case = case_transition_apply(
        case=case,
        code="send",
        by=by,
        on=on,
        expected_version=expected_version,
        extra=extra,
        event_label=f"答复代表/委员（{result}类）",
        detail={"class": result, "round": rnd},
    )
    reply = Reply.objects.create(
        case=case,
        unit=case.handling_unit,
        kind=ReplyKind.FIRST if rnd == 1 else ReplyKind.REHANDLING,
        round=rnd,
        result_class=result,
        text=draft.get("text", ""),
        drafted_by_id=draft.get("drafted_by") or getattr(by, "pk", None),
        signed_by_id=draft.get("signed_by"),
        signed_on=dt.date.fromisoformat(draft["signed_on"]) if draft.get("signed_on") else None,
        sent_on=on,
    )
    case_document_generate(case=case, code="reply_letter", by=by, context=reply_context(case, draft, on))
    if result == "B":
        from .commitments import commitments_raise

        case = commitments_raise(case=case, reply=reply, planned=draft.get("commitments", []), by=by)
    return case


@transaction.atomic
def case_rate(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    rating: str,
    note: str = "",
    via: str = FeedbackVia.STAFF,
    expected_version: int | None = None,
) -> Case:
    """The proposer's rating of the latest reply (征询意见表 entered by staff, or on the portal: `by` None).
    不满意 → re-handling with its own clock (proposals.rehandling) and a supervisable item following it."""
    if rating not in Rating.values:
        raise DomainError(INVALID, "请选择评价（满意、基本满意、不满意）。", field="rating")
    past(on, "on", "评价日期")
    rnd = round_of(case)
    unhappy = rating == Rating.UNSATISFIED
    ratings = [*case.extra.get("ratings", []), {"round": rnd, "rating": rating, "on": on.isoformat()}]
    extra: dict[str, Any] = {"rating": rating, "rated_on": on.isoformat(), "ratings": ratings}
    if unhappy:
        extra.update({"round": rnd + 1, "rehandled": True})
    case = case_transition_apply(
        case=case,
        code="dissatisfied" if unhappy else "rate",
        by=by,
        on=on,
        expected_version=expected_version,
        extra=extra,
        event_label=f"代表/委员评价：{Rating(rating).label}",
        detail={"rating": rating, "round": rnd},
    )
    Feedback.objects.create(case=case, round=rnd, rating=rating, via=via, on=on, note=note)
    if unhappy:
        from .commitments import rehandling_raise
        from .shares import open_parts_count, shares_rehandle

        rehandling_raise(case=case, by=by)
        if shares_rehandle(case=case, by=by, on=on):
            case = case_update(
                case=case,
                by=by,
                expected_version=case.version,
                changes={"extra": {"open_parts": open_parts_count(case)}},
                event_label="分办单位重新办理",
                action="proposals.case.rehandle",
            )
    return case


@transaction.atomic
def case_follow_up(*, case: Case, by: Any, on: dt.date, text: str, expected_version: int | None = None) -> Case:
    """Shandong 2017: a planned (class B) item is answered again once its 承诺事项 are carried out."""
    text = required(text, "text", "落实情况")
    past(on, "on", "再次答复日期")
    case = case_transition_apply(
        case=case,
        code="follow_up",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"follow_up_on": on.isoformat()},
    )
    Reply.objects.create(
        case=case,
        unit=case.handling_unit,
        kind=ReplyKind.FOLLOW_UP,
        round=round_of(case),
        result_class="B",
        text=text,
        drafted_by=by,
        sent_on=on,
    )
    return case


@transaction.atomic
def case_close(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """对账销号 by the government office: only when nothing remains open (guards.may_close)."""
    return case_transition_apply(
        case=case,
        code="close",
        by=by,
        on=on,
        expected_version=expected_version,
        closed_on=on,
        outcome=case.extra.get("reply_class", ""),
        extra={"reconciled_on": on.isoformat()},
        detail={"note": note},
    )


def commitments_open(case: Case) -> int:
    return Commitment.objects.filter(case=case, done_on=None).count()
