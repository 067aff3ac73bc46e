"""The intake's services: register (typed in, or a 12348 call handed over), route (hand-overs to the dockets and
referrals, in one transaction), a referral's feedback, close, answer. Each is atomic and audited (the kernel's
`case_create` / `case_transition_apply` / `case_hand_over` write the timeline and the audit trail); refusals name the
field and change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from fazhi.cases.disputes import dispute_urgent_report
from fazhi.cases.handover import case_hand_over, handover_unit, parties_split
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, case_create, case_lock, case_transition_apply
from fazhi.core.cn import cn_date as _cn
from fazhi.core.errors import DomainError

from .codes import (
    CASE_CHANNEL,
    CHANNEL_LABEL,
    DISPUTE_TYPE_LABEL,
    DOCKET_ROUTES,
    FEEDBACK_LABEL,
    REFERRAL_LABEL,
    ROUTE_LABEL,
    TRANSFER_FROM_LABEL,
)

DOCKET = "intake"
INVALID = "invalid"


def _required(value: Any, field: str, label: str) -> str:
    if value is None or not str(value).strip():
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return str(value).strip()


def _choice(value: Any, options: dict[str, str], field: str, label: str) -> str:
    if value not in options:
        raise DomainError(INVALID, f"请选择{label}（{'、'.join(options.values())}）。", field=field)
    return str(value)


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
def intake_register(
    *,
    by: Any,
    handling_unit: Any,
    channel: str,
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
    with_receipt: bool = False,
) -> Case:
    """Register a dispute or a request for legal help (纠纷/求助登记) at the registering unit (the handling unit: its
    data scope). A 群体性 dispute or one that may escalate (可能激化) is flagged and reported at once to those who
    supervise the unit (holders of `intake.case.supervise` with it in scope: the 司法所, the 司法局). `with_receipt`:
    the portal's online form — the case gets the kernel's unguessable receipt number (查询编号), with which and the
    phone the public follows it on the portal's progress lookup."""
    if handling_unit is None:
        raise DomainError(INVALID, "请选择登记单位。", field="handling_unit")
    _choice(channel, CHANNEL_LABEL, "channel", "来源渠道")
    _choice(dispute_type, DISPUTE_TYPE_LABEL, "dispute_type", "纠纷类型")
    account = _required(account, "account", "简要情况")
    if received_on is None:
        raise DomainError(INVALID, "请填写登记日期。", field="received_on")
    if channel == "transfer":
        _choice(transfer_from, TRANSFER_FROM_LABEL, "transfer_from", "转来单位类别")
    amount_text = _amount(amount)
    applicants = [PartyInput(**{**p.__dict__, "role": PartyRole.APPLICANT}) for p in applicants]
    respondents = [PartyInput(**{**p.__dict__, "role": PartyRole.RESPONDENT}) for p in respondents]
    if not applicants or not applicants[0].name.strip():
        raise DomainError(INVALID, "请填写当事人（求助人）姓名或名称。", field="parties-0-name")
    urgent = bool(mass or escalation_risk)
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received_on,
        by=by,
        channel=CASE_CHANNEL[channel],
        title=f"{DISPUTE_TYPE_LABEL[dispute_type]}：{account}"[:300],
        submit_token=submit_token,
        parties=[*applicants, *respondents],
        with_receipt=with_receipt,
        event_label=f"登记{DISPUTE_TYPE_LABEL[dispute_type]}纠纷求助（{CHANNEL_LABEL[channel]}）",
        extra={
            "channel": channel,
            "intake_source": channel,  # what 人民调解 registers as the dispute's source
            "transfer_from": transfer_from if channel == "transfer" else "",
            "transfer_note": (transfer_note or "").strip()[:300],
            "dispute_type": dispute_type,
            "account": account,
            "amount": amount_text,
            "mass": bool(mass),
            "escalation_risk": bool(escalation_risk),
            "urgent": urgent,
            "routes": [],
        },
    )
    if not getattr(case, "just_created", False):
        return case
    if urgent:
        from .selectors import intake_supervisors

        dispute_urgent_report(
            case=case,
            by=by,
            on=received_on,
            mass=mass,
            escalation_risk=escalation_risk,
            reported_to="",
            recipients=intake_supervisors,
            where=lambda c: c.handling_unit.display_name,
        )
    return case


def intake_handover_create(
    *, by: Any, values: dict[str, Any], parties: list[PartyInput], received_on: dt.date, submit_token: Any
) -> Case:
    """The hand-over's registration (spec `handover`): a 12348 call becomes an intake at the chosen unit, as if typed
    in (intake_register's checks); the caller named by the one registering is the applicant."""
    applicants, respondents = parties_split(parties)
    channel = values.get("channel") if values.get("channel") in CHANNEL_LABEL else "transfer"
    return intake_register(
        by=by,
        handling_unit=handover_unit(values.get("handling_unit"), field="handling_unit", label="登记单位"),
        channel=channel,
        dispute_type=values.get("dispute_type", ""),
        applicants=applicants,
        respondents=respondents,
        account=values.get("account", ""),
        received_on=received_on,
        amount=values.get("amount"),
        mass=bool(values.get("mass")),
        escalation_risk=bool(values.get("escalation_risk")),
        transfer_from=values.get("transfer_from") or ("other_unit" if channel == "transfer" else ""),
        transfer_note=values.get("transfer_note", ""),
        submit_token=submit_token,
    )


DOCKET_CODES = {code for code, _ in DOCKET_ROUTES}


@transaction.atomic
def intake_route(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    routes: list[dict[str, Any]],
    expected_version: int | None = None,
) -> Case:
    """Route the intake to one or several channels at once (one intake can spawn 人民调解 + 法律援助). Each route is
    `{"channel": code, …options}`: a docket channel is handed over (`case_hand_over`: a new case there with the
    parties, account and received date; the options are what that docket asks — `committee`; `handling_unit` and
    `matter`; `handling_unit`, `act`, `request`); a referral names the unit (`unit`, or `unit_name` for a body outside
    the tree) and a note. All or nothing: a refusal of any route keeps none. A channel the intake was already handed
    to is not handed again (the kernel returns the first case)."""
    locked = case_lock(case, expected_version=expected_version)
    if not routes:
        raise DomainError(INVALID, "请至少选择一个分流去向。", field="routes")
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    done = {r["channel"] for r in locked.extra.get("routes", []) if not r.get("referral")}
    for route in routes:
        channel = route.get("channel", "")
        if channel not in ROUTE_LABEL:
            raise DomainError(INVALID, "未知的分流去向。", field="routes")
        if channel in seen:
            raise DomainError(INVALID, f"“{ROUTE_LABEL[channel]}”选择了两次。", field="routes")
        seen.add(channel)
        if channel in DOCKET_CODES:
            options = {k: v for k, v in route.items() if k != "channel"}
            options["intake_ref"] = locked.case_number
            target = case_hand_over(source=locked, docket=channel, by=by, options=options, on=on)
            if channel in done or not target.handed_over:
                continue
            records.append(
                {
                    "channel": channel,
                    "on": on.isoformat(),
                    "case_id": target.pk,
                    "case_number": target.case_number,
                    "unit_id": target.handling_unit_id,
                    "unit_name": target.handling_unit.display_name,
                    "to": (target.extra or {}).get("committee_name") or target.handling_unit.display_name,
                }
            )
        else:
            unit = route.get("unit")
            name = (route.get("unit_name") or "").strip()
            if unit not in (None, ""):
                unit = handover_unit(unit, field="referral_unit", label="转介单位")
                name = unit.display_name
            elif not name:
                raise DomainError(INVALID, f"请选择或填写{REFERRAL_LABEL[channel]}的转介单位。", field="referral_unit")
            records.append(
                {
                    "channel": channel,
                    "on": on.isoformat(),
                    "referral": True,
                    "id": len(locked.extra.get("routes", [])) + len(records) + 1,
                    "unit_id": unit.pk if unit not in (None, "") else None,
                    "unit_name": name[:200],
                    "to": name[:200],
                    "note": (route.get("note") or "").strip()[:500],
                }
            )
    if not records:
        return locked
    label = "、".join(f"{ROUTE_LABEL[r['channel']]}（{r['to']}）" for r in records)
    case_transition_apply(
        case=locked,
        code="route",
        by=by,
        on=on,
        event_label=f"分流：{label}",
        detail={"routes": [r["channel"] for r in records]},
        extra={"routes": [*locked.extra.get("routes", []), *records]},
    )
    case.__dict__.update({k: getattr(locked, k) for k in ("state", "version", "extra")})
    return locked


@transaction.atomic
def intake_record_feedback(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    referral: Any,
    result: str,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """A referral's feedback (what the 公证处, 仲裁委 … did with it): its result and date, not before the referral."""
    locked = case_lock(case, expected_version=expected_version)
    routes = [dict(r) for r in locked.extra.get("routes", [])]
    target = next((r for r in routes if r.get("referral") and str(r.get("id")) == str(referral)), None)
    if target is None or target.get("feedback"):
        raise DomainError(INVALID, "请选择待登记反馈的转介。", field="referral")
    _choice(result, FEEDBACK_LABEL, "result", "反馈结果")
    if on < dt.date.fromisoformat(target["on"]):
        raise DomainError(INVALID, f"反馈日期{_cn(on)}不能早于转介日期{_cn(target['on'])}。", field="on")
    target["feedback"] = {"on": on.isoformat(), "result": result, "note": (note or "").strip()[:500]}
    case_transition_apply(
        case=locked,
        code="record_feedback",
        by=by,
        on=on,
        event_label=f"{ROUTE_LABEL[target['channel']]}（{target['to']}）反馈：{FEEDBACK_LABEL[result]}",
        detail={"referral": target["id"], "result": result},
        extra={"routes": routes},
    )
    case.__dict__.update({k: getattr(locked, k) for k in ("state", "version", "extra")})
    return locked


@transaction.atomic
def intake_close(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    return case_transition_apply(
        case=case,
        code="close",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="routed",
        extra={"closure": {"on": on.isoformat(), "note": (note or "").strip()[:500]}},
    )


@transaction.atomic
def intake_answer(*, case: Case, by: Any, on: dt.date, answer: str, expected_version: int | None = None) -> Case:
    """当场解答: the matter needed no channel (a question answered at the window); recorded with the answer."""
    answer = _required(answer, "answer", "解答内容")
    return case_transition_apply(
        case=case,
        code="answer",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="answered",
        extra={"answer": {"on": on.isoformat(), "text": answer[:1000]}},
    )
