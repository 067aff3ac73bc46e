"""行政调解 services: the application and one service per transition (spec.py names them). Each runs in a transaction,
changes state only through `case_transition_apply` (which applies the clock steps declared beside each transition and
refuses dates out of order: `follows`) and issues the 行政调解协议书 and the notices as .docx from the docket's
editable templates. Refusals name the field and change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks as case_clocks
from fazhi.cases.agreements import confirmation_apply, confirmation_record, follow_up_record, signed_parties
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, Party, PartyRole
from fazhi.cases.services import PartyInput, case_create, case_transition_apply
from fazhi.core.cn import cn_date as _cn
from fazhi.core.errors import DomainError

from .codes import (
    CONFIRMATION_RESULT_LABEL,
    DISPUTE_TYPE_LABEL,
    OTHER_ROUTE_LABEL,
    REJECT_GROUND_LABEL,
    TERMINATION_LABEL,
)

DOCKET = "admin_mediation"
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


def _routes(codes: Any, *, required: bool, default: tuple[str, ...] = ()) -> list[str]:
    """The other routes told (行政裁决, 仲裁, 人民调解, 诉讼): known codes, in the list's order."""
    chosen = [str(c) for c in (codes or [])]
    if any(c not in OTHER_ROUTE_LABEL for c in chosen):
        raise DomainError(INVALID, "告知的其他途径选择有误。", field="routes")
    if not chosen and required:
        raise DomainError(INVALID, "请选择告知当事人的其他途径（至少一项）。", field="routes")
    chosen = chosen or list(default)
    return [c for c in OTHER_ROUTE_LABEL if c in chosen]


def _routes_text(codes: list[str]) -> str:
    return "、".join(OTHER_ROUTE_LABEL[c] for c in codes)


@transaction.atomic
def admin_mediation_apply(
    *,
    by: Any,
    handling_unit: Any,
    applicants: list[PartyInput],
    respondents: list[PartyInput],
    dispute_type: str,
    request: str,
    received_on: dt.date,
    channel: str = "in_person",
    submit_token: Any = None,
    intake_ref: str = "",
) -> Case:
    """An application to the competent department (the handling unit, which is also the data scope). Both sides are
    named: a 行政调解 settles a dispute between the applicant and the other party. The acceptance clock (a setting ⚠)
    starts on receipt."""
    if handling_unit is None:
        raise DomainError(INVALID, "请选择行政调解机关。", field="handling_unit")
    _choice(dispute_type, DISPUTE_TYPE_LABEL, "dispute_type", "纠纷类型")
    request = _required(request, "request", "调解请求和纠纷简要情况")
    if received_on is None:
        raise DomainError(INVALID, "请填写收到申请日期。", field="received_on")
    parties = [
        *_parties(applicants, PartyRole.APPLICANT, "parties-0-name", "申请人"),
        *_parties(respondents, PartyRole.RESPONDENT, "parties-1-name", "对方当事人（被申请人）"),
    ]
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received_on,
        by=by,
        channel=channel,
        title=f"{DISPUTE_TYPE_LABEL[dispute_type]}纠纷：{request}"[:300],
        submit_token=submit_token,
        parties=parties,
        event_label="收到行政调解申请",
        extra={"dispute_type": dispute_type, "request": request, "intake_ref": intake_ref},
    )
    if getattr(case, "just_created", False):
        case_clocks.case_clock_start(case=case, key="acceptance", trigger_date=received_on, by=by)
    return case


def _principals(case: Case) -> list[Party]:
    """The parties to the dispute (申请人 and 对方当事人), not agents."""
    return [p for p in case.parties.order_by("id") if p.role in (PartyRole.APPLICANT, PartyRole.RESPONDENT)]


def _names(case: Case, role: str | None = None) -> str:
    return "、".join(p.name for p in _principals(case) if role is None or p.role == role)


def _timing(case: Case, key: str, on: dt.date) -> dict[str, Any]:
    clock = case_clocks.case_clock(case, key)
    due = clock.due_date if clock is not None else None
    return {"due": due.isoformat() if due else "", "on_time": bool(due is None or on <= due)}


@transaction.atomic
def case_accept(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """受理 within the acceptance period (a setting ⚠): the target clock (a setting ⚠) starts."""
    return case_transition_apply(
        case=case,
        code="accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"accepted": {"on": on.isoformat(), "note": (note or "").strip(), **_timing(case, "acceptance", on)}},
    )


@transaction.atomic
def case_reject(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    ground: str,
    reasons: str,
    routes: Any = (),
    expected_version: int | None = None,
) -> Case:
    """不予受理 with the ground, the reasons and the other routes told (default: 诉讼) in the 告知书."""
    _choice(ground, REJECT_GROUND_LABEL, "ground", "不予受理的情形")
    reasons = _required(reasons, "reasons", "不予受理的理由")
    told = _routes(routes, required=False, default=("litigation",))
    case = case_transition_apply(
        case=case,
        code="reject",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="rejected",
        closed_on=on,
        extra={
            "rejected": {
                "on": on.isoformat(),
                "ground": ground,
                "reasons": reasons,
                "routes": told,
                **_timing(case, "acceptance", on),
            }
        },
        event_label=f"不予受理：{REJECT_GROUND_LABEL[ground]}",
    )
    case_document_generate(
        case=case,
        code="rejection_notice",
        by=by,
        context={
            "申请人": _names(case, PartyRole.APPLICANT),
            "申请日期": _cn(case.received_on),
            "不予受理情形": REJECT_GROUND_LABEL[ground],
            "理由": reasons,
            "其他途径": _routes_text(told),
            "日期": _cn(on),
        },
    )
    return case


@transaction.atomic
def case_record_session(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    place: str,
    mediators: str,
    participants: str,
    summary: str = "",
    expected_version: int | None = None,
) -> Case:
    """A mediation session: date, place, the department's mediators, who took part and what happened (repeatable)."""
    place = _required(place, "place", "调解地点")
    mediators = _required(mediators, "mediators", "主持调解的工作人员")
    participants = _required(participants, "participants", "参加人")
    sessions = [
        *case.extra.get("sessions", []),
        {
            "on": on.isoformat(),
            "place": place,
            "mediators": mediators,
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


def _signatures(case: Case, parties_signed: Any) -> list[int]:
    """Each party's signature is recorded: the agreement takes effect when every party has signed, sealed or put a
    fingerprint (⚠ the shape of 《人民调解法》第二十九条; for 行政调解 practice). A missing one → refused, naming the
    field and the party."""
    return signed_parties(
        _principals(case),
        parties_signed,
        missing="行政调解协议书须由各方当事人签名、盖章或者按指印，尚未登记签名的当事人：{names}。",
    )


@transaction.atomic
def case_agree(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    facts: str,
    content: str,
    performance: str = "",
    parties_signed: Any = (),
    copies: int = 3,
    expected_version: int | None = None,
) -> Case:
    """调解成功: the written 行政调解协议书, effective on `on` (the day of the last signature), issued as .docx. The
    target clock ends; the 司法确认 window (a setting ⚠) and the follow-up start; the case stays open (agreed)."""
    from .clocks import period_text

    facts = _required(facts, "facts", "纠纷主要事实、争议事项")
    content = _required(content, "content", "协议内容")
    try:
        copies = int(copies or 3)
    except (TypeError, ValueError):
        raise DomainError(INVALID, "协议份数须为整数。", field="copies") from None
    if not 2 <= copies <= 20:
        raise DomainError(INVALID, "协议份数须为2至20份（当事人、调解机关各持一份）。", field="copies")
    signed = _signatures(case, parties_signed)
    agreement = {
        "on": on.isoformat(),
        "facts": facts,
        "content": content,
        "performance": (performance or "").strip(),
        "parties_signed": signed,
        "copies": copies,
        **_timing(case, "conclusion", on),
    }
    case = case_transition_apply(
        case=case,
        code="agree",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"agreement": agreement},
        event_label="调解成功，签订行政调解协议书",
    )
    window = case_clocks.case_clock(case, "judicial_confirmation")
    follow = case_clocks.case_clock(case, "follow_up")
    case.extra["agreement"]["confirmation_due"] = window.due_date.isoformat() if window is not None else ""
    case.extra["agreement"]["follow_up_due"] = follow.due_date.isoformat() if follow is not None else ""
    case.save(update_fields=["extra", "updated_at"])  # a save: the signals keep the list stamp and the metric counts
    principals = _principals(case)
    mediators = "、".join(dict.fromkeys(s["mediators"] for s in case.extra.get("sessions", [])))
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
            "确认期限": period_text("CONFIRMATION"),
            "份数": copies,
            "签名当事人": "、".join(p.name for p in principals if p.pk in signed),
            "调解人员": mediators,
            "日期": _cn(on),
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
    routes: Any = (),
    expected_version: int | None = None,
) -> Case:
    """调解不成 (or a party ends it): 终止, the parties told the other routes (行政裁决, 仲裁, 人民调解, 诉讼; at
    least one) in the 终止行政调解告知书."""
    _choice(ground, TERMINATION_LABEL, "ground", "终止原因")
    reason = _required(reason, "reason", "终止调解的具体情况")
    told = _routes(routes, required=True)
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
                "routes": told,
                **_timing(case, "conclusion", on),
            }
        },
        event_label=TERMINATION_LABEL[ground],
    )
    case_document_generate(
        case=case,
        code="termination_notice",
        by=by,
        context={
            "当事人": _names(case),
            "纠纷类型": DISPUTE_TYPE_LABEL.get(case.extra.get("dispute_type", ""), ""),
            "终止理由": reason,
            "其他途径": _routes_text(told),
            "日期": _cn(on),
        },
    )
    return case


@transaction.atomic
def case_apply_confirmation(
    *, case: Case, by: Any, on: dt.date, court: str, expected_version: int | None = None
) -> Case:
    """Both parties apply jointly to the court within the window (a setting ⚠, clocks.py; the kernel's
    agreements.confirmation_apply: a date before the agreement is refused by the kernel's date order)."""
    return confirmation_apply(
        case=case,
        by=by,
        on=on,
        court=court,
        expected_version=expected_version,
        late=lambda on, due: f"申请日期{_cn(on)}已超过司法确认申请期限（{_cn(due)}，自行政调解协议生效之日起计算）。",
    )


@transaction.atomic
def case_record_confirmation(
    *, case: Case, by: Any, on: dt.date, result: str, ruling_number: str = "", expected_version: int | None = None
) -> Case:
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
    """回访: how the agreement is performed (repeatable); 未履行 or 部分履行 sets the non-performance flag (the other
    party may sue over it, as the agreement tells)."""
    return follow_up_record(
        case=case, by=by, on=on, performance=performance, note=note, expected_version=expected_version
    )


@transaction.atomic
def case_close(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """结案归档 once followed up and the 司法确认 window is over or answered; the outcome follows the last follow-up
    and the court's result."""
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
        extra={"closed": {"on": on.isoformat(), "note": (note or "").strip()}},
    )


def admin_mediation_handover_create(
    *, by: Any, values: dict[str, Any], parties: list[PartyInput], received_on: dt.date, submit_token: Any
) -> Case:
    """The hand-over's registration (spec `handover`): an application to the chosen department with the source's
    parties, as if typed in (admin_mediation_apply's checks; the acceptance clock starts on the carried received
    date)."""
    from fazhi.cases.handover import handover_unit, parties_split

    applicants, respondents = parties_split(parties)
    if not applicants:
        raise DomainError(INVALID, "来源记录没有可作为申请人的当事人，请先补充当事人。", field="parties-0-name")
    if not respondents:
        raise DomainError(INVALID, "来源记录没有对方当事人，请先补充当事人。", field="parties-1-name")
    return admin_mediation_apply(
        by=by,
        handling_unit=handover_unit(values.get("handling_unit"), field="handling_unit", label="行政调解机关"),
        applicants=applicants,
        respondents=respondents,
        dispute_type=values.get("dispute_type", ""),
        request=values.get("request", ""),
        received_on=received_on,
        channel="transfer",
        submit_token=submit_token,
        intake_ref=values.get("intake_ref", ""),
    )
