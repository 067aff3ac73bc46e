"""One service per transition (spec.py names them). Each runs in a transaction and changes state only through
`case_transition_apply`, which also applies the clock steps declared beside the transition; documents are .docx
from the docket's editable templates. Refusals name the form field and change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.agreements import confirmation_apply, confirmation_record, follow_up_record, signed_parties
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, Party, PartyRole
from fazhi.cases.services import case_transition_apply
from fazhi.core.errors import DomainError

from ..codes import (
    AGREEMENT_FORM_LABEL,
    CONFIRMATION_RESULT_LABEL,
    DISPUTE_TYPE_LABEL,
    OTHER_ROUTES,
    REJECT_GROUND_LABEL,
    TERMINATION_GROUNDS,
)
from ..models import Mediator
from ._common import INVALID, choice, cn, required

TERMINATION_LABEL = dict(TERMINATION_GROUNDS)


def _principals(case: Case) -> list[Party]:
    """The parties to the dispute (申请人 and 对方当事人), not agents."""
    return [p for p in case.parties.all() if p.role in (PartyRole.APPLICANT, PartyRole.RESPONDENT)]


def _mediators(case: Case, ids: Any, field: str = "mediators") -> list[dict[str, Any]]:
    """The chosen mediators, each of the case's committee (《人民调解法》第十九条: one or more mediators)."""
    try:
        wanted = {int(i) for i in (ids or [])}
    except (TypeError, ValueError):
        raise DomainError(INVALID, "调解员选择有误。", field=field) from None
    if not wanted:
        raise DomainError(INVALID, "请选择主持调解的人民调解员（至少一名）。", field=field)
    found = list(Mediator.objects.filter(pk__in=wanted, committee_id=case.extra.get("committee_id"), is_active=True))
    if len(found) != len(wanted):
        raise DomainError(INVALID, "所选调解员不属于本案的人民调解委员会或已不在册。", field=field)
    return [{"id": m.pk, "name": m.name} for m in sorted(found, key=lambda m: m.name)]


@transaction.atomic
def case_accept(
    *, case: Case, by: Any, on: dt.date, mediators: Any = (), note: str = "", expected_version: int | None = None
) -> Case:
    """受理 (第十七条): the committee takes the dispute up; the target clock (2002 规定 第三十三条) starts."""
    chosen = _mediators(case, mediators) if mediators else []
    return case_transition_apply(
        case=case,
        code="accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"accepted_on": on.isoformat(), "mediators": chosen, "accept_note": (note or "").strip()},
    )


@transaction.atomic
def case_reject(
    *, case: Case, by: Any, on: dt.date, ground: str, reason: str = "", expected_version: int | None = None
) -> Case:
    choice(ground, REJECT_GROUND_LABEL, "ground", "不予受理的理由")
    if ground == "not_civil":
        reason = required(reason, "reason", "不予受理的具体理由")
    return case_transition_apply(
        case=case,
        code="reject",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="rejected",
        closed_on=on,
        extra={"rejected": {"on": on.isoformat(), "ground": ground, "reason": (reason or "").strip()}},
        event_label=f"不予受理：{REJECT_GROUND_LABEL[ground]}",
    )


@transaction.atomic
def case_record_session(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    place: str,
    mediators: Any,
    participants: str,
    summary: str = "",
    expected_version: int | None = None,
) -> Case:
    """第二十七条: the mediation is recorded — date, place, mediators, who took part and what happened."""
    place = required(place, "place", "调解地点")
    chosen = _mediators(case, mediators)
    participants = required(participants, "participants", "参加人")
    sessions = [
        *case.extra.get("sessions", []),
        {
            "on": on.isoformat(),
            "place": place,
            "mediators": chosen,
            "participants": participants,
            "summary": (summary or "").strip(),
        },
    ]
    return case_transition_apply(
        case=case,
        code="record_session",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"sessions": sessions},
        event_label=f"第{len(sessions)}次调解（{place}）",
    )


def _signatures(case: Case, form: str, parties_signed: Any, mediator_signed: bool, committee_sealed: bool) -> list[int]:
    """第二十九条: a written agreement takes effect when every party has signed, sealed or put a fingerprint, the
    mediator has signed and the committee has sealed it. Missing → refused, naming the field."""
    signed = signed_parties(
        _principals(case),
        parties_signed,
        missing=None
        if form != "written"
        else "书面调解协议须由各方当事人签名、盖章或者按指印（《人民调解法》第二十九条），尚未登记签名的当事人：{names}。",
    )
    if form != "written":
        return signed
    if not mediator_signed:
        raise DomainError(
            INVALID, "书面调解协议须由人民调解员签名（《人民调解法》第二十九条）。", field="mediator_signed"
        )
    if not committee_sealed:
        raise DomainError(
            INVALID, "书面调解协议须加盖人民调解委员会印章（《人民调解法》第二十九条）。", field="committee_sealed"
        )
    return signed


@transaction.atomic
def case_agree(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    form: str,
    facts: str,
    content: str,
    performance: str = "",
    parties_signed: Any = (),
    mediator_signed: bool = False,
    committee_sealed: bool = False,
    copies: int = 3,
    expected_version: int | None = None,
) -> Case:
    """调解成功. A written agreement (第二十八条、第二十九条) takes effect on `on`, the day of the last signature and the
    seal, and is issued as the .docx 人民调解协议书; an oral one (第三十条) takes effect when agreed and is recorded.
    The target clock ends; a written agreement opens the 30-day 司法确认 window (第三十三条); the follow-up runs."""
    choice(form, AGREEMENT_FORM_LABEL, "form", "协议形式")
    facts = required(facts, "facts", "纠纷主要事实、争议事项")
    content = required(content, "content", "协议内容")
    signed = _signatures(case, form, parties_signed, mediator_signed, committee_sealed)
    try:
        copies = int(copies or 3)
    except (TypeError, ValueError):
        raise DomainError(INVALID, "协议份数须为整数。", field="copies") from None
    if form == "written" and not 2 <= copies <= 20:
        raise DomainError(INVALID, "协议份数须为2至20份（当事人、调解委员会各持一份）。", field="copies")
    target = clocks.case_clock(case, "conclusion")
    agreement = {
        "form": form,
        "on": on.isoformat(),
        "facts": facts,
        "content": content,
        "performance": (performance or "").strip(),
        "parties_signed": signed,
        "mediator_signed": bool(mediator_signed),
        "committee_sealed": bool(committee_sealed),
        "target_due": target.due_date.isoformat() if target is not None else "",
    }
    case = case_transition_apply(
        case=case,
        code="agree",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"agreement": agreement},
        event_label=f"调解成功，达成{AGREEMENT_FORM_LABEL[form]}",
    )
    window = clocks.case_clock(case, "judicial_confirmation")
    follow = clocks.case_clock(case, "follow_up")
    case.extra["agreement"]["confirmation_due"] = window.due_date.isoformat() if window is not None else ""
    case.extra["agreement"]["follow_up_due"] = follow.due_date.isoformat() if follow is not None else ""
    case.save(update_fields=["extra", "updated_at"])  # a save: the signals keep the list stamp and the metric counts
    if form == "written":
        principals = _principals(case)
        mediator_names = sorted({m["name"] for s in case.extra.get("sessions", []) for m in s.get("mediators", [])})
        case_document_generate(
            case=case,
            code="agreement",
            by=by,
            context={
                "当事人": "；".join(
                    f"{'申请人' if p.role == PartyRole.APPLICANT else '对方当事人'}{p.name}" for p in principals
                ),
                "纠纷事实": facts,
                "协议内容": content,
                "履行方式": agreement["performance"] or "按协议约定履行",
                "份数": copies,
                "签名当事人": "、".join(p.name for p in principals if p.pk in signed),
                "调解员": "、".join(mediator_names),
                "调解委员会": case.extra.get("committee_name", ""),
                "日期": cn(on),
            },
        )
    return case


@transaction.atomic
def case_terminate(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    ground: str,
    reason: str,
    routes: str = "",
    expected_version: int | None = None,
) -> Case:
    """第二十六条: 调解不成 → 终止调解, the parties told they may use 仲裁、行政、司法 routes (the notice names them);
    第二十三条: a party asks to end it."""
    choice(ground, TERMINATION_LABEL, "ground", "终止原因")
    reason = required(reason, "reason", "终止调解的具体情况")
    routes = (routes or "").strip() or OTHER_ROUTES
    target = clocks.case_clock(case, "conclusion")
    case = case_transition_apply(
        case=case,
        code="terminate",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=ground,
        closed_on=on,
        extra={
            "terminated": {
                "on": on.isoformat(),
                "ground": ground,
                "reason": reason,
                "routes": routes,
                "target_due": target.due_date.isoformat() if target is not None else "",
            }
        },
        event_label=TERMINATION_LABEL[ground].split("（")[0],
    )
    case_document_generate(
        case=case,
        code="termination_notice",
        by=by,
        context={
            "当事人": "、".join(p.name for p in _principals(case)),
            "调解委员会": case.extra.get("committee_name", ""),
            "纠纷类型": DISPUTE_TYPE_LABEL.get(case.extra.get("dispute_type", ""), ""),
            "终止理由": reason,
            "其他途径": routes,
            "日期": cn(on),
        },
    )
    return case


@transaction.atomic
def case_apply_confirmation(
    *, case: Case, by: Any, on: dt.date, court: str, expected_version: int | None = None
) -> Case:
    """第三十三条: both parties apply jointly to the court within 30 days of the agreement taking effect (the kernel's
    agreements.confirmation_apply; a date before the agreement is refused by the kernel's date order)."""
    return confirmation_apply(
        case=case,
        by=by,
        on=on,
        court=court,
        expected_version=expected_version,
        late=lambda on, due: (
            f"申请日期{cn(on)}已超过司法确认申请期限（{cn(due)}）：应自调解协议生效之日起三十日内申请（《人民调解法》第三十三条）。"
        ),
    )


@transaction.atomic
def case_record_confirmation(
    *, case: Case, by: Any, on: dt.date, result: str, ruling_number: str = "", expected_version: int | None = None
) -> Case:
    """第三十三条: valid → enforceable on the other side's refusal; invalid → change it or make a new agreement by
    mediation, or sue."""
    return confirmation_record(
        case=case,
        by=by,
        on=on,
        result=result,
        results=CONFIRMATION_RESULT_LABEL,
        ruling_number=ruling_number,
        expected_version=expected_version,
    )


@transaction.atomic
def case_follow_up(
    *, case: Case, by: Any, on: dt.date, performance: str, note: str = "", expected_version: int | None = None
) -> Case:
    """第三十一条: the committee supervises performance and records it; 未履行 raises the non-performance flag
    (第三十二条: a dispute over performance may go to court)."""
    return follow_up_record(
        case=case, by=by, on=on, performance=performance, note=note, expected_version=expected_version
    )


@transaction.atomic
def case_close(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """结案归档 (第二十七条: the file is archived). The outcome follows the last follow-up and the court's result."""
    x = case.extra
    last = (x.get("follow_ups") or [{}])[-1].get("performance")
    if (x.get("confirmation") or {}).get("result") == "invalid":
        outcome = "invalid"
    else:
        outcome = "performed" if last == "performed" else "unperformed"
    return case_transition_apply(
        case=case,
        code="close",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=outcome,
        closed_on=on,
        extra={"closed_note": (note or "").strip()},
    )
