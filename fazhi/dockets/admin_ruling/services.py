"""行政裁决 services: the application and one service per transition (spec.py names them). Each runs in a transaction,
changes state only through `case_transition_apply` (which applies the clock steps declared beside each transition and
refuses dates out of order: `follows`) and issues the notices and the 裁决书 as .docx from the docket's editable
templates. Refusals name the field and change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks as case_clocks
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, case_create, case_transition_apply, today_local
from fazhi.core.cn import cn_date as _cn
from fazhi.core.errors import DomainError

from .codes import (
    HEARING_FORM_LABEL,
    MATTER_BASIS,
    MATTER_LABEL,
    REJECT_GROUND_LABEL,
    REMEDY_LABEL,
    SECTOR_SUIT,
    WITHDRAW_KIND_LABEL,
)

DOCKET = "admin_ruling"
INVALID = "invalid"


def _required(value: Any, field: str, label: str) -> str:
    if value is None or not str(value).strip():
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return str(value).strip()


def _choice(value: str, options: dict[str, str], field: str, label: str) -> str:
    if value not in options:
        raise DomainError(INVALID, f"请选择{label}。", field=field)
    return value


def _parties(people: list[PartyInput], role: str, field: str, label: str) -> list[PartyInput]:
    named = [PartyInput(**{**p.__dict__, "role": role}) for p in people if (p.name or "").strip()]
    if not named:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return named


@transaction.atomic
def admin_ruling_apply(
    *,
    by: Any,
    handling_unit: Any,
    applicants: list[PartyInput],
    respondents: list[PartyInput],
    matter: str,
    request: str,
    received_on: dt.date,
    channel: str = "in_person",
    submit_token: Any = None,
    intake_ref: str = "",
) -> Case:
    """An application to the department with the statutory power (the handling unit). The acceptance clock starts on
    receipt. Both sides are named: a 行政裁决 decides a dispute between the applicant and the other party."""
    if handling_unit is None:
        raise DomainError(INVALID, "请选择行政裁决机关。", field="handling_unit")
    _choice(matter, MATTER_LABEL, "matter", "裁决事项")
    request = _required(request, "request", "裁决请求和事实理由")
    if received_on is None:
        raise DomainError(INVALID, "请填写收到申请日期。", field="received_on")
    parties = [
        *_parties(applicants, PartyRole.APPLICANT, "parties-0-name", "申请人"),
        *_parties(respondents, PartyRole.RESPONDENT, "parties-1-name", "被申请人（争议的对方当事人）"),
    ]
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received_on,
        by=by,
        channel=channel,
        title=f"{MATTER_LABEL[matter]}：{request}"[:300],
        submit_token=submit_token,
        parties=parties,
        event_label="收到行政裁决申请",
        extra={"matter": matter, "request": request, "intake_ref": intake_ref},
    )
    if getattr(case, "just_created", False):
        case_clocks.case_clock_start(case=case, key="acceptance", trigger_date=received_on, by=by)
    return case


def _names(case: Case, role: str) -> str:
    return "、".join(p.name for p in case.parties.all() if p.role == role)


def _suit(case: Case) -> tuple[str, str]:
    """(起诉期限, 起诉依据) told in the documents: the sector law's 30 days or 《行政诉讼法》第四十六条's 6 months."""
    from .clocks import period

    if case.extra.get("matter") in SECTOR_SUIT:
        length, unit = period("SECTOR_SUIT")
        return f"{length}{'日' if unit == 'natural_day' else '个工作日'}", MATTER_BASIS[case.extra["matter"]]
    return "六个月", "《中华人民共和国行政诉讼法》第四十六条"


def _doc(case: Case, code: str, by: Any, on: dt.date, **more: Any) -> None:
    suit, suit_basis = _suit(case)
    case_document_generate(
        case=case,
        code=code,
        by=by,
        context={
            "申请人": _names(case, PartyRole.APPLICANT),
            "被申请人": _names(case, PartyRole.RESPONDENT),
            "当事人": "、".join(p.name for p in case.parties.all() if p.role != PartyRole.AGENT),
            "申请日期": _cn(case.received_on),
            "裁决事项": MATTER_LABEL.get(case.extra.get("matter", ""), ""),
            "法律依据": MATTER_BASIS.get(case.extra.get("matter", ""), ""),
            "起诉期限": suit,
            "起诉依据": suit_basis,
            "日期": _cn(on),
            **more,
        },
    )


def _timing(case: Case, key: str, on: dt.date) -> dict[str, Any]:
    clock = case_clocks.case_clock(case, key)
    due = clock.due_date if clock is not None else None
    return {"due": due.isoformat() if due else "", "on_time": bool(due is None or on <= due)}


@transaction.atomic
def case_accept(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """受理 within the acceptance period (a setting ⚠); the 受理通知书 tells the respondent its reply period."""
    from .clocks import period

    timing = _timing(case, "acceptance", on)
    case = case_transition_apply(
        case=case,
        code="accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"accepted": {"on": on.isoformat(), "note": (note or "").strip(), **timing}},
    )
    length, unit = period("REPLY")
    _doc(case, "acceptance_notice", by, on, 答辩期限=f"{length}{'日' if unit == 'natural_day' else '个工作日'}")
    return case


@transaction.atomic
def case_reject(
    *, case: Case, by: Any, on: dt.date, ground: str, reasons: str, expected_version: int | None = None
) -> Case:
    """不予受理 with the ground, the reasons and the remedy told (行政复议 / 行政诉讼) in the 决定书."""
    _choice(ground, REJECT_GROUND_LABEL, "ground", "不予受理的情形")
    reasons = _required(reasons, "reasons", "不予受理的理由")
    timing = _timing(case, "acceptance", on)
    case = case_transition_apply(
        case=case,
        code="reject",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="rejected",
        closed_on=on,
        extra={"rejected": {"on": on.isoformat(), "ground": ground, "reasons": reasons, **timing}},
        event_label=f"不予受理：{REJECT_GROUND_LABEL[ground]}",
    )
    _doc(case, "rejection_notice", by, on, 不予受理情形=REJECT_GROUND_LABEL[ground], 理由=reasons, 文书="决定书")
    return case


@transaction.atomic
def case_send_copy(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """The copy of the application served on the respondent: the reply period (a setting ⚠) runs from it."""
    case = case_transition_apply(
        case=case,
        code="send_copy",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"copy": {"on": on.isoformat(), "note": (note or "").strip()}},
    )
    clock = case_clocks.case_clock(case, "reply")
    case.extra["copy"]["reply_due"] = clock.due_date.isoformat() if clock is not None else ""
    case.save(update_fields=["extra", "updated_at"])  # a save: the signals keep the list stamp and the metric counts
    return case


@transaction.atomic
def case_record_reply(
    *, case: Case, by: Any, on: dt.date, received: bool, summary: str = "", expected_version: int | None = None
) -> Case:
    """答辩: the 答辩书 received (its gist), or none — recorded only once the reply period has passed."""
    due = (case.extra.get("copy") or {}).get("reply_due")
    if received:
        summary = _required(summary, "summary", "答辩要点")
    elif due and on <= dt.date.fromisoformat(due):
        raise DomainError(INVALID, f"答辩期限（至{_cn(due)}）尚未届满，不能登记被申请人未答辩。", field="received")
    return case_transition_apply(
        case=case,
        code="record_reply",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"reply": {"on": on.isoformat(), "received": bool(received), "summary": (summary or "").strip()}},
        event_label="收到被申请人答辩书" if received else "被申请人逾期未答辩",
    )


@transaction.atomic
def case_record_hearing(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    form: str,
    place: str,
    participants: str,
    applicant_heard: bool = False,
    respondent_heard: bool = False,
    summary: str = "",
    expected_version: int | None = None,
) -> Case:
    """听证 or 调查: date, place, who took part, whether each side was heard (repeatable)."""
    _choice(form, HEARING_FORM_LABEL, "form", "审理方式（听证、调查）")
    place = _required(place, "place", "地点")
    participants = _required(participants, "participants", "参加人")
    entry = {
        "on": on.isoformat(),
        "form": form,
        "place": place,
        "participants": participants,
        "applicant_heard": bool(applicant_heard),
        "respondent_heard": bool(respondent_heard),
        "summary": (summary or "").strip(),
    }
    return case_transition_apply(
        case=case,
        code="record_hearing",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"hearings": [*case.extra.get("hearings", []), entry]},
        event_label=f"{HEARING_FORM_LABEL[form].split('（')[0]}（{place}）",
    )


@transaction.atomic
def case_mediate(*, case: Case, by: Any, on: dt.date, note: str, expected_version: int | None = None) -> Case:
    """调解 before the ruling (2018 意见: 先行调解 ⚠), not agreed: the case goes on to the ruling."""
    note = _required(note, "note", "调解情况")
    return case_transition_apply(
        case=case,
        code="mediate",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"mediations": [*case.extra.get("mediations", []), {"on": on.isoformat(), "note": note}]},
    )


@transaction.atomic
def case_settle(
    *, case: Case, by: Any, on: dt.date, content: str, parties_signed: bool, expected_version: int | None = None
) -> Case:
    """调解达成协议: the case ends without a ruling; the agreement is signed by both sides (its copy in the file)."""
    content = _required(content, "content", "调解协议内容")
    if not parties_signed:
        raise DomainError(INVALID, "调解协议须经双方当事人签名或者盖章。", field="parties_signed")
    return case_transition_apply(
        case=case,
        code="settle",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="mediated",
        closed_on=on,
        extra={"settlement": {"on": on.isoformat(), "content": content, **_timing(case, "decision", on)}},
    )


@transaction.atomic
def case_rule(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    facts: str,
    reasons: str,
    decision_text: str,
    served_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Case:
    """裁决 within the decision period (a setting ⚠): the 行政裁决书 with the remedy told. The remedy windows run from
    the parties' receipt of it (`served_on`, default the ruling date), after the outcome."""
    facts = _required(facts, "facts", "查明的事实")
    reasons = _required(reasons, "reasons", "裁决理由")
    decision_text = _required(decision_text, "decision_text", "裁决内容")
    served_on = served_on or on
    if served_on < on:
        raise DomainError(INVALID, f"送达日期{_cn(served_on)}不能早于裁决日期{_cn(on)}。", field="served_on")
    if served_on > today_local():
        raise DomainError(INVALID, f"送达日期{_cn(served_on)}不能晚于今天。", field="served_on")
    ruling = {
        "on": on.isoformat(),
        "served_on": served_on.isoformat(),
        "facts": facts,
        "reasons": reasons,
        "decision_text": decision_text,
        **_timing(case, "decision", on),
    }
    case = case_transition_apply(
        case=case,
        code="rule",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="ruled",
        closed_on=on,
        extra={"ruling": ruling},
    )
    review = case_clocks.case_clock(case, "remedy_reconsideration")
    suit = case_clocks.case_clock(
        case, "remedy_sector_suit" if case.extra.get("matter") in SECTOR_SUIT else "remedy_litigation"
    )
    case.extra["ruling"]["reconsideration_due"] = review.due_date.isoformat() if review is not None else ""
    case.extra["ruling"]["suit_due"] = suit.due_date.isoformat() if suit is not None else ""
    case.save(update_fields=["extra", "updated_at"])
    hearings = "；".join(f"{h['on']} {HEARING_FORM_LABEL[h['form']].split('（')[0]}" for h in case.extra["hearings"])
    _doc(
        case,
        "ruling",
        by,
        on,
        受理日期=_cn(case.extra["accepted"]["on"]),
        听证情况=hearings,
        事实=facts,
        理由=reasons,
        裁决内容=decision_text,
        文书="裁决书",
    )
    return case


@transaction.atomic
def case_record_remedy(
    *, case: Case, by: Any, on: dt.date, kind: str, body: str, expected_version: int | None = None
) -> Case:
    """A party applied for 行政复议 or sued: the windows end; whether it was within its period is recorded (the
    复议机关 or the court decides on a late one, not the department)."""
    _choice(kind, REMEDY_LABEL, "kind", "救济途径（行政复议、行政诉讼）")
    body = _required(body, "body", "受理的行政复议机关或者人民法院")
    r = case.extra.get("ruling") or {}
    due = r.get("reconsideration_due") if kind == "reconsideration" else r.get("suit_due")
    in_time = bool(not due or on <= dt.date.fromisoformat(due))
    return case_transition_apply(
        case=case,
        code="record_remedy",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"remedy": {"on": on.isoformat(), "kind": kind, "body": body, "due": due or "", "in_time": in_time}},
        event_label=f"当事人{REMEDY_LABEL[kind]}（{body}）",
    )


@transaction.atomic
def case_record_final(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """裁决生效: neither 行政复议 nor 行政诉讼 within the windows; dated after the last of them."""
    r = case.extra.get("ruling") or {}
    last = max((d for d in (r.get("reconsideration_due"), r.get("suit_due")) if d), default="")
    if last and on <= dt.date.fromisoformat(last):
        raise DomainError(INVALID, f"裁决生效日期应在复议、诉讼期限届满（{_cn(last)}）之后。", field="on")
    return case_transition_apply(
        case=case,
        code="record_final",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"final": {"on": on.isoformat(), "note": (note or "").strip()}},
    )


@transaction.atomic
def case_withdraw(
    *, case: Case, by: Any, on: dt.date, kind: str = "withdrawn", note: str = "", expected_version: int | None = None
) -> Case:
    """终止: the applicant withdraws (or is deemed to, refusing to take part without cause ⚠)."""
    _choice(kind, WITHDRAW_KIND_LABEL, "kind", "终止情形")
    return case_transition_apply(
        case=case,
        code="withdraw",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="withdrawn",
        closed_on=on,
        extra={"withdrawn": {"on": on.isoformat(), "kind": kind, "note": (note or "").strip()}},
        event_label=f"终止：{WITHDRAW_KIND_LABEL[kind]}",
    )


def admin_ruling_handover_create(
    *, by: Any, values: dict[str, Any], parties: list[PartyInput], received_on: dt.date, submit_token: Any
) -> Case:
    """The hand-over's registration (spec `handover`): an application to the chosen department with the source's
    parties, as if typed in (admin_ruling_apply's checks; the acceptance clock starts on the carried received date)."""
    from fazhi.cases.handover import handover_unit, parties_split

    applicants, respondents = parties_split(parties)
    if not applicants:
        raise DomainError(INVALID, "来源记录没有可作为申请人的当事人，请先补充当事人。", field="parties-0-name")
    if not respondents:
        raise DomainError(INVALID, "来源记录没有对方当事人（被申请人），请先补充当事人。", field="parties-1-name")
    return admin_ruling_apply(
        by=by,
        handling_unit=handover_unit(values.get("handling_unit"), field="handling_unit", label="行政裁决机关"),
        applicants=applicants,
        respondents=respondents,
        matter=values.get("matter", ""),
        request=values.get("request", ""),
        received_on=received_on,
        channel="transfer",
        submit_token=submit_token,
        intake_ref=values.get("intake_ref", ""),
    )
