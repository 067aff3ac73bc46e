"""行政复议 services: one per transition (spec.py names them), plus intake and the daily deemed-acceptance job.

Each runs in a transaction, changes state only through `case_transition_apply`, starts/stops clocks through
`fazhi.cases.clocks` (never adding days itself) and generates the step's document from its editable template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.cases import clocks
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.selectors import case_users_who_can
from fazhi.cases.services import (
    PartyInput,
    attachment_add,
    attachment_check,
    case_create,
    case_event_add,
    case_lock,
    case_transition_apply,
    party_add,
    party_validate,
    today_local,
)
from fazhi.core.errors import DomainError
from fazhi.core.pii import mask_name
from fazhi.notifications.services import notify

from .codes import (
    COMPENSATION_WITH,
    DECISION_OUTCOMES,
    FIELD_LABELS,
    REMAKE_WITH,
    REQUEST_KINDS,
    SIMPLIFIED_BASE,
    SIMPLIFIED_KINDS,
    SUSPEND_GROUNDS,
    TERMINATE_GROUNDS,
)
from .guards import pending_requests
from .spec import OUTCOMES

DOCKET = "reconsideration"
INVALID = "invalid"


def _past(on: dt.date | None, field: str = "on", label: str = "日期") -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}不能晚于今天。", field=field)
    return on


def _required(value: Any, field: str, label: str) -> Any:
    if value in (None, "", [], ()):
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return value


def _cn(d: dt.date | str | None) -> str:
    if not d:
        return ""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return f"{d.year}年{d.month}月{d.day}日"


def _names(case: Case, role: str) -> str:
    return "、".join(p.name for p in case.parties.filter(role=role, represents__isnull=True))


def _context(case: Case, **more: Any) -> dict[str, Any]:
    x = case.extra
    applicant = _names(case, PartyRole.APPLICANT)
    respondent = case.respondent_unit.name if case.respondent_unit else x.get("respondent_name", "")
    return {
        "申请人": applicant,
        "被申请人": respondent,
        "当事人": "、".join(filter(None, [applicant, respondent])),
        "行政行为": x.get("act", ""),
        "复议请求": x.get("request", ""),
        "收到日期": _cn(case.received_on),
        "受理日期": _cn(x.get("accepted_on")),
        "复议机关": case.handling_unit.name,
        "程序": "简易程序" if x.get("procedure") == "simplified" else "普通程序",
        **more,
    }


def _doc(case: Case, code: str, by: Any, on: dt.date, **more: Any) -> None:
    case_document_generate(case=case, code=code, by=by, context=_context(case, 日期=_cn(on), **more))


# ---- approvals: who is told (in-app, after commit) --------------------------------------------------------------

APPROVING_TRANSITION = {
    "extension": "approve_extension",
    "switch": "approve_switch",
    "decision": "approve_decision",
    "termination": "terminate",
}


def _requested_by(case: Case, kind: str, by: Any) -> dict[str, Any]:
    """The `extra` update remembering who asked, so the answer goes back to them."""
    return {"requested_by": {**case.extra.get("requested_by", {}), kind: getattr(by, "pk", None)}}


def _notify_approvers(case: Case, kind: str, by: Any) -> None:
    """Tell every user who may take the approving step on this case (action + data scope), except the requester."""
    recipients = [u for u in case_users_who_can(case, APPROVING_TRANSITION[kind]) if u.pk != getattr(by, "pk", None)]
    label = dict(REQUEST_KINDS)[kind]
    title = f"待审批：{case.case_number} {label}"
    key = f"reconsideration.{case.pk}.{kind}.requested.v{case.version}"
    link = case.get_absolute_url()
    transaction.on_commit(lambda: notify(recipients=recipients, title=title, dedupe_key=key, link=link))


def _notify_requester(case: Case, kind: str, by: Any, *, approved: bool, reason: str = "") -> None:
    """Tell the handler (and whoever asked) that the head approved or refused."""
    from fazhi.orgs.models import User

    ids = {case.extra.get("requested_by", {}).get(kind), case.handler_id} - {None, getattr(by, "pk", None)}
    recipients = list(User.objects.filter(pk__in=ids, is_active=True))
    label = dict(REQUEST_KINDS)[kind]
    title = f"{label}{'已获批准' if approved else '未获批准'}：{case.case_number}"
    key = f"reconsideration.{case.pk}.{kind}.{'approved' if approved else 'refused'}.v{case.version}"
    link = case.get_absolute_url()
    transaction.on_commit(lambda: notify(recipients=recipients, title=title, body=reason, dedupe_key=key, link=link))


# ---- intake ------------------------------------------------------------------------------------------------------


@transaction.atomic
def reconsideration_intake(
    *,
    by: Any,
    handling_unit: Any,
    received_on: dt.date,
    channel: str,
    applicant: PartyInput,
    act: str,
    request: str,
    facts: str = "",
    respondent_unit: Any = None,
    respondent_name: str = "",
    submit_token: Any = None,
    files: Iterable[UploadedFile] = (),
    with_receipt: bool = False,
    agent: PartyInput | None = None,
    agents: Iterable[PartyInput] = (),
    handler: Any = None,
    co_handlers: Iterable[Any] = (),
) -> Case:
    """Register an application (staff intake or the portal). Starts the 5-working-day acceptance review clock.

    Agents (代理人) represent the applicant; the handler (承办人) and co-handlers (协办人) must belong to the
    handling unit. A repeated `submit_token` returns the first case and adds nothing."""
    _required(act, "act", "被申请复议的行政行为")
    _required(request, "request", "行政复议请求")
    if not respondent_unit and not respondent_name:
        raise DomainError(INVALID, "请填写被申请人。", field="respondent_name")
    files = list(files)
    for i, f in enumerate(files):
        attachment_check(f, field="files" if i == 0 else f"files-{i}")
    parties = [applicant]
    if respondent_unit or respondent_name:
        parties.append(
            PartyInput(
                role=PartyRole.RESPONDENT,
                kind="organisation",
                name=respondent_unit.name if respondent_unit else respondent_name,
                unit=respondent_unit,
            )
        )
    agent_inputs = [*([agent] if agent is not None else []), *agents]
    for i, a in enumerate(agent_inputs):
        a.role = PartyRole.AGENT
        party_validate(a, prefix=f"agents-{i}-")
    co = list(co_handlers)
    for user in [handler, *co]:
        if user is not None and user.unit_id != getattr(handling_unit, "pk", None):
            field = "handler" if user is handler else "co_handlers"
            raise DomainError(INVALID, f"{user}不属于承办单位，不能承办或协办本案。", field=field)
    if handler is not None and handler in co:
        raise DomainError(INVALID, "承办人不能同时作为协办人。", field="co_handlers")
    received = _past(received_on, "received_on", "收到日期")
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received,
        by=by,
        channel=channel,
        title=act[:300],
        respondent_unit=respondent_unit,
        handler=handler,
        co_handlers=co,
        submit_token=submit_token,
        parties=parties,
        with_receipt=with_receipt,
        event_label="收到行政复议申请",
        extra={
            "act": act,
            "request": request,
            "facts": facts,
            "respondent_name": respondent_name,
            "review_start": received.isoformat(),
        },
    )
    if not getattr(case, "just_created", False):
        return case  # a repeated submit: the first record, unchanged
    applicant_party = case.parties.filter(role=PartyRole.APPLICANT).first()
    for a in agent_inputs:
        party_add(case=case, by=by, party=a, represents=applicant_party)
    for f in files:
        attachment_add(case=case, by=by, file=f, label=f"申请材料：{f.name}", from_public=with_receipt)
    clocks.case_clock_start(case=case, key="acceptance", trigger_date=received, by=by)
    clocks.case_clock_start(case=case, key="correction_notice", trigger_date=received, by=by)
    return case


# ---- acceptance review (Arts. 30, 31) -----------------------------------------------------------------------------


@transaction.atomic
def case_request_correction(
    *, case: Case, by: Any, on: dt.date, defects: str, expected_version: int | None = None
) -> Case:
    _past(on)
    _required((defects or "").strip(), "defects", "需要补正的事项")
    case = case_transition_apply(
        case=case,
        code="request_correction",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"correction_defects": defects, "correction_notice_on": on.isoformat()},
        detail={"defects": defects},
    )
    clocks.case_clock_complete(case=case, key="correction_notice", on=on, by=by)
    clocks.case_clock_pause(case=case, key="acceptance", on=on, reason="补正", by=by)
    clocks.case_clock_start(case=case, key="correction_reply", trigger_date=on, by=by)
    _doc(case, "correction_notice", by, on, 补正事项=defects)
    return case


@transaction.atomic
def case_receive_correction(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    """Art. 31: the review period counts again from receipt of the corrected materials."""
    _past(on)
    if case.extra.get("correction_notice_on") and on.isoformat() < case.extra["correction_notice_on"]:
        raise DomainError(INVALID, "收到补正材料日期不能早于补正通知日期。", field="on")
    case = case_transition_apply(
        case=case,
        code="receive_correction",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"correction_received_on": on.isoformat(), "review_start": on.isoformat()},
        detail={"note": note},
    )
    clocks.case_clock_complete(case=case, key="correction_reply", on=on, by=by)
    clocks.case_clock_restart(case=case, key="acceptance", trigger_date=on, by=by)
    return case


@transaction.atomic
def case_abandon(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    _past(on)
    case = case_transition_apply(
        case=case,
        code="abandon",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="abandoned",
        detail={"note": note},
    )
    clocks.case_clock_complete(case=case, key="correction_reply", on=on, by=by)
    clocks.case_clock_complete(case=case, key="acceptance", on=on, by=by)
    return case


def _simplified_check(conditions: list[str]) -> None:
    base = {c for c, _ in SIMPLIFIED_BASE}
    kinds = {c for c, _ in SIMPLIFIED_KINDS}
    chosen = set(conditions or [])
    if "parties_agree" in chosen:
        return
    if not base <= chosen or not (chosen & kinds):
        raise DomainError(
            INVALID,
            "适用简易程序须同时满足事实清楚、权利义务关系明确、争议不大，并具备第五十三条所列情形之一"
            "（或当事人各方同意）。",
            field="simplified_conditions",
        )


def _start_hearing_clocks(case: Case, on: dt.date, by: Any) -> None:
    simplified = case.extra.get("procedure") == "simplified"
    clocks.case_clock_complete(case=case, key="acceptance", on=on, by=by)
    clocks.case_clock_start(case=case, key="simplified_copy" if simplified else "copy", trigger_date=on, by=by)
    clocks.case_clock_start(case=case, key="simplified_decision" if simplified else "decision", trigger_date=on, by=by)


@transaction.atomic
def case_accept(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    procedure: str = "ordinary",
    simplified_conditions: list[str] | None = None,
    expected_version: int | None = None,
) -> Case:
    _past(on)
    if on < case.received_on:
        raise DomainError(INVALID, "受理日期不能早于收到申请日期。", field="on")
    if procedure == "simplified":
        _simplified_check(simplified_conditions or [])
    case = case_transition_apply(
        case=case,
        code="accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "accepted_on": on.isoformat(),
            "procedure": procedure,
            "simplified_conditions": simplified_conditions or [],
        },
        detail={"procedure": procedure},
    )
    _start_hearing_clocks(case, on, by)
    _doc(case, "acceptance_notice", by, on)
    return case


@transaction.atomic
def case_deem_accept(*, case: Case, on: dt.date, by: Any = None, expected_version: int | None = None) -> Case:
    """Art. 30 ¶3: no decision within the review period → deemed accepted on the period's last day."""
    case = case_transition_apply(
        case=case,
        code="deem_accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"accepted_on": on.isoformat(), "procedure": "ordinary", "deemed_accepted": True},
        event_label="审查期限届满未作决定，视为受理",
    )
    _start_hearing_clocks(case, on, by)
    return case


def review_due(case: Case) -> dt.date | None:
    """The acceptance review's last day, from the clock engine (trigger: receipt or correction receipt)."""
    from fazhi.deadlines.engine import compute_due

    start = case.extra.get("review_start") or case.received_on.isoformat()
    return compute_due("reconsideration.acceptance", dt.date.fromisoformat(start)).due


def reconsideration_deem_accept_due(*, today: dt.date | None = None) -> list[Case]:
    """The daily job: every case still under review whose review period ended before today is deemed accepted."""
    today = today or today_local()
    done = []
    for case in Case.objects.filter(docket=DOCKET, state="received"):
        due = review_due(case)
        if due is not None and due < today:
            with transaction.atomic():
                locked = case_lock(case)
                if locked.state != "received":
                    continue
                done.append(case_deem_accept(case=locked, on=due))
    return done


@transaction.atomic
def case_reject(
    *, case: Case, by: Any, on: dt.date, reasons: str, competent_body: str = "", expected_version: int | None = None
) -> Case:
    _past(on)
    _required((reasons or "").strip(), "reasons", "不予受理理由")
    case = case_transition_apply(
        case=case,
        code="reject",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="not_accepted",
        extra={"rejection_reasons": reasons, "competent_body": competent_body},
        detail={"reasons": reasons, "competent_body": competent_body},
    )
    clocks.case_clock_complete(case=case, key="acceptance", on=on, by=by)
    tell = f"本案属于{competent_body}管辖，你（单位）可以向其提出申请。" if competent_body else ""
    _doc(case, "rejection_decision", by, on, 不予受理理由=reasons, 告知=tell or "特此决定。")
    return case


# ---- hearing the case (Arts. 48–55, 62) -------------------------------------------------------------------------


def _simplified(case: Case) -> bool:
    return case.extra.get("procedure") == "simplified"


@transaction.atomic
def case_send_copy(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    _past(on)
    case = case_transition_apply(
        case=case,
        code="send_copy",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"copy_sent_on": on.isoformat()},
        detail={"note": note},
    )
    s = _simplified(case)
    clocks.case_clock_complete(case=case, key="simplified_copy" if s else "copy", on=on, by=by)
    clocks.case_clock_start(case=case, key="simplified_reply" if s else "reply", trigger_date=on, by=by)
    _doc(case, "reply_notice", by, on, 答复期限="五个工作日" if s else "十个工作日")
    return case


@transaction.atomic
def case_record_reply(*, case: Case, by: Any, on: dt.date, summary: str, expected_version: int | None = None) -> Case:
    _past(on)
    _required((summary or "").strip(), "summary", "答复要点")
    case = case_transition_apply(
        case=case,
        code="record_reply",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"reply_received_on": on.isoformat(), "reply_summary": summary},
    )
    clocks.case_clock_complete(case=case, key="simplified_reply" if _simplified(case) else "reply", on=on, by=by)
    return case


def hearing_earliest(notice_on: dt.date) -> dt.date:
    """Art. 51: notice at least five working days before the hearing — the legal calendar says which day that is."""
    from fazhi.deadlines.engine import calendar_default

    return calendar_default().nth_working_day_after(notice_on, 5)


@transaction.atomic
def case_schedule_hearing(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    hearing_on: dt.date,
    place: str,
    matters: str = "",
    expected_version: int | None = None,
) -> Case:
    _past(on, label="通知日期")
    _required(place, "place", "听证地点")
    earliest = hearing_earliest(on)
    if hearing_on < earliest:
        raise DomainError(
            INVALID,
            f"听证日期须在通知之日起至少五个工作日后，最早为{_cn(earliest)}（第五十一条）。",
            field="hearing_on",
        )
    hearings = [
        *case.extra.get("hearings", []),
        {"notice_on": on.isoformat(), "hearing_on": hearing_on.isoformat(), "place": place},
    ]
    case = case_transition_apply(
        case=case,
        code="schedule_hearing",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"hearings": hearings},
        event_label=f"通知听证：{_cn(hearing_on)}在{place}举行",
        detail={"hearing_on": hearing_on.isoformat(), "place": place},
    )
    _doc(case, "hearing_notice", by, on, 听证日期=_cn(hearing_on), 听证地点=place, 听证事项=matters or "本案争议事项")
    return case


@transaction.atomic
def case_request_switch(*, case: Case, by: Any, reason: str, expected_version: int | None = None) -> Case:
    _required((reason or "").strip(), "reason", "理由")
    case = case_transition_apply(
        case=case,
        code="request_switch",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"switch_requested": True, "switch_reason": reason, **_requested_by(case, "switch", by)},
        detail={"reason": reason},
    )
    _notify_approvers(case, "switch", by)
    return case


@transaction.atomic
def case_approve_switch(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    """Art. 55: switching to the ordinary procedure needs the 复议机构 head's approval; the ordinary decision period
    runs from acceptance."""
    _past(on)
    case = case_transition_apply(
        case=case,
        code="approve_switch",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"procedure": "ordinary", "switch_requested": False, "switched_on": on.isoformat()},
        event_label="经批准转为普通程序",
        detail={"note": note},
    )
    clocks.case_clock_complete(case=case, key="simplified_decision", on=on, by=by)
    accepted = dt.date.fromisoformat(case.extra["accepted_on"])
    clocks.case_clock_start(case=case, key="decision", trigger_date=accepted, by=by)
    _notify_requester(case, "switch", by, approved=True)
    return case


@transaction.atomic
def case_request_extension(*, case: Case, by: Any, days: int, reason: str, expected_version: int | None = None) -> Case:
    if not days or days < 1 or days > 30:
        raise DomainError(INVALID, "延长期限应为1至30日（第六十二条第一款）。", field="days")
    _required((reason or "").strip(), "reason", "延期理由")
    case = case_transition_apply(
        case=case,
        code="request_extension",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"extension_requested": days, "extension_reason": reason, **_requested_by(case, "extension", by)},
        detail={"days": days, "reason": reason},
    )
    _notify_approvers(case, "extension", by)
    return case


@transaction.atomic
def case_approve_extension(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    _past(on)
    days = int(case.extra.get("extension_requested") or 0)
    reason = case.extra.get("extension_reason", "")
    case = case_transition_apply(
        case=case,
        code="approve_extension",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"extension_requested": 0, "extension_days": days, "extension_approved_on": on.isoformat()},
        event_label=f"经批准延长审理期限{days}日",
        detail={"days": days},
    )
    clocks.case_clock_extend(case=case, key="decision", units=days, approver=by, reason=reason, by=by)
    _doc(case, "extension_notice", by, on, 延期理由=reason, 延长天数=days)
    _notify_requester(case, "extension", by, approved=True)
    return case


@transaction.atomic
def case_suspend(
    *, case: Case, by: Any, on: dt.date, ground: str, note: str = "", expected_version: int | None = None
) -> Case:
    grounds = dict(SUSPEND_GROUNDS)
    if ground not in grounds:
        raise DomainError(INVALID, "请选择第三十九条规定的中止情形。", field="ground")
    _past(on)
    case = case_transition_apply(
        case=case,
        code="suspend",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"suspended_on": on.isoformat(), "suspend_ground": ground},
        event_label=f"中止审理（{grounds[ground]}）",
        detail={"ground": ground, "note": note},
    )
    key = "simplified_decision" if _simplified(case) else "decision"
    clocks.case_clock_pause(case=case, key=key, on=on, reason=f"行政复议中止：{grounds[ground]}", by=by)
    _doc(case, "suspension_notice", by, on, 中止理由=grounds[ground])
    return case


@transaction.atomic
def case_resume(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    _past(on)
    if case.extra.get("suspended_on") and on.isoformat() < case.extra["suspended_on"]:
        raise DomainError(INVALID, "恢复日期不能早于中止日期。", field="on")
    case = case_transition_apply(
        case=case,
        code="resume",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"resumed_on": on.isoformat()},
        detail={"note": note},
    )
    key = "simplified_decision" if _simplified(case) else "decision"
    clocks.case_clock_resume(case=case, key=key, on=on, by=by)
    _doc(case, "resumption_notice", by, on)
    return case


def _complete_open_clocks(case: Case, on: dt.date, by: Any) -> None:
    for key in ("copy", "reply", "decision", "simplified_copy", "simplified_reply", "simplified_decision"):
        clocks.case_clock_complete(case=case, key=key, on=on, by=by)  # idempotent; absent clocks are skipped


def _decision_due(case: Case) -> str:
    clock = clocks.case_clock(case, "simplified_decision" if _simplified(case) else "decision")
    due = getattr(clock, "due_date", None) if clock is not None else None
    return due.isoformat() if due else ""


@transaction.atomic
def case_terminate(
    *, case: Case, by: Any, on: dt.date, ground: str, note: str = "", expected_version: int | None = None
) -> Case:
    grounds = dict(TERMINATE_GROUNDS)
    if ground not in grounds:
        raise DomainError(INVALID, "请选择第四十一条规定的终止情形。", field="ground")
    _past(on)
    _check_t5(case, ground)
    requested = bool(case.extra.get("termination_requested"))
    case = case_transition_apply(
        case=case,
        code="terminate",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="terminated",
        extra={"terminate_ground": ground, "decision_due": _decision_due(case), "termination_requested": None},
        event_label=f"终止行政复议（{grounds[ground]}）",
        detail={"ground": ground},
    )
    _complete_open_clocks(case, on, by)
    _doc(case, "termination_notice", by, on, 终止理由=grounds[ground])
    if requested:
        _notify_requester(case, "termination", by, approved=True)
    return case


def _check_t5(case: Case, ground: str) -> None:
    if ground == "T5" and case.extra.get("suspend_ground") not in ("S1", "S2", "S4"):
        raise DomainError(INVALID, "仅因第三十九条第一款第一、二、四项中止满六十日的案件可依此项终止。", field="ground")


@transaction.atomic
def case_request_termination(
    *, case: Case, by: Any, ground: str, note: str = "", expected_version: int | None = None
) -> Case:
    """The handler proposes 终止 (Art. 41); the 复议机构 head decides (terminate or refuse)."""
    grounds = dict(TERMINATE_GROUNDS)
    if ground not in grounds:
        raise DomainError(INVALID, "请选择第四十一条规定的终止情形。", field="ground")
    _check_t5(case, ground)
    case = case_transition_apply(
        case=case,
        code="request_termination",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"termination_requested": {"ground": ground, "note": note}, **_requested_by(case, "termination", by)},
        event_label=f"申请终止行政复议（{grounds[ground]}）",
        detail={"ground": ground},
    )
    _notify_approvers(case, "termination", by)
    return case


REFUSE_CLEARS = {
    "extension": lambda x: {"extension_requested": 0},
    "switch": lambda x: {"switch_requested": False},
    "decision": lambda x: {"decision": None, "decision_returned": x.get("decision")},
    "termination": lambda x: {"termination_requested": None},
}


@transaction.atomic
def case_refuse(*, case: Case, by: Any, request: str, reason: str, expected_version: int | None = None) -> Case:
    """The head refuses a pending request (extension, switch, decision draft, termination); the handler is told why.
    A refused decision draft is kept as `decision_returned` so the handler can revise it."""
    labels = dict(REQUEST_KINDS)
    if request not in pending_requests(case):
        raise DomainError(INVALID, f"没有待审批的{labels.get(request, '事项')}。", field="request")
    _required((reason or "").strip(), "reason", "理由")
    case = case_transition_apply(
        case=case,
        code="refuse",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra=REFUSE_CLEARS[request](case.extra),
        event_label=f"不予批准：{labels[request]}",
        detail={"request": request, "reason": reason},
    )
    _notify_requester(case, request, by, approved=False, reason=reason)
    return case


# ---- decisions (Arts. 61–74) ------------------------------------------------------------------------------------


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
def case_draft_decision(*, case: Case, by: Any, expected_version: int | None = None, **fields: Any) -> Case:
    data = decision_validate({k: fields.get(k) for k in DECISION_FIELDS})
    case = case_transition_apply(
        case=case,
        code="draft_decision",
        by=by,
        on=today_local(),
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
    _complete_open_clocks(case, on, by)
    _doc(
        case,
        "decision",
        by,
        on,
        查明事实=d["facts"],
        理由=d["reasons"],
        法律依据=d["article"],
        决定结果=label,
        决定内容=d["decision_text"],
        附加内容=_decision_sentence(d) or " ",
    )
    _notify_requester(case, "decision", by, approved=True)
    return case


ID_RE = re.compile(r"\d{17}[\dXx]|\d{15}")
PHONE_RE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")


def publication_text(case: Case) -> dict[str, str]:
    """The decision as published (Art. 79): natural persons' names masked, ID numbers, phones and addresses dropped."""
    d = case.extra["decision"]
    persons = list(case.parties.filter(kind="person"))

    def scrub(text: str) -> str:
        for p in persons:
            if p.name:
                text = text.replace(p.name, mask_name(p.name))
            if p.address:
                text = text.replace(p.address, "")
        return PHONE_RE.sub("", ID_RE.sub("", text))

    applicants = "、".join(p.masked_name for p in case.parties.filter(role=PartyRole.APPLICANT))
    respondent = case.respondent_unit.name if case.respondent_unit else case.extra.get("respondent_name", "")
    body = [
        f"申请人：{applicants}",
        f"被申请人：{respondent}",
        f"申请人不服被申请人{case.extra.get('act', '')}，向本机关申请行政复议。",
        f"经审理查明：{d['facts']}",
        f"本机关认为：{d['reasons']}",
        f"根据《中华人民共和国行政复议法》{d['article']}的规定，决定如下：{dict(OUTCOMES)[d['outcome']]}。"
        f"{d['decision_text']}",
        _decision_sentence(d),
    ]
    return {"title": f"{case.case_number} 行政复议决定书", "text": scrub("\n".join(b for b in body if b))}


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


def case_note(*, case: Case, by: Any, on: dt.date, label: str, public: bool = False) -> None:
    """A timeline line that is not a transition (e.g. a phone call with the applicant)."""
    case_event_add(case=case, kind="note", label=label, on=on, by=by, public=public)
    record_event(actor=by, action="reconsideration.case.note", obj=case, unit=case.handling_unit)
