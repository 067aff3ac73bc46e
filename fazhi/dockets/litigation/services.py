"""行政应诉 services: registration, and one service per transition (spec.py names them).

Each runs in a transaction, changes state only through `case_transition_apply` (which audits every step), starts and
completes the defence clock through `fazhi.cases.clocks` (never adding days itself). A lost case's rectification task
is created through `fazhi.plans.services.rectification_task_create`, so plans supervises it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.models import Case, PartyKind, PartyRole
from fazhi.cases.services import PartyInput, case_create, case_transition_apply, today_local
from fazhi.core.errors import DomainError

from .codes import (
    HEAD_POSITION_LABEL,
    INSTANCES,
    JUDGMENT_OUTCOMES,
    NEXT_INSTANCE,
    OUTCOME_ARTICLE,
    OUTCOMES,
    QUALIFYING_POSITIONS,
)

DOCKET = "litigation"
INVALID = "invalid"
INSTANCE_LABEL = dict(INSTANCES)


def _past(on: dt.date | None, field: str = "on", label: str = "日期") -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}不能晚于今天。", field=field)
    return on


def _required(value: Any, field: str, label: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return value.strip() if isinstance(value, str) else value


def _not_before_service(case: Case, on: dt.date, field: str = "on") -> None:
    served = case.extra.get("served_on")
    if served and on.isoformat() < served:
        raise DomainError(INVALID, "日期不能早于收到起诉状副本的日期。", field=field)


def reconsideration_case_find(*, number: str, by: Any) -> Case | None:
    """The 行政复议 case a lawsuit followed (read through the kernel; dockets do not import each other)."""
    from fazhi.cases.selectors import cases_visible_to

    qs = (
        cases_visible_to(by, docket="reconsideration")
        if by is not None
        else Case.objects.filter(docket="reconsideration")
    )
    return qs.filter(case_number=number.strip()).first()


# ---- registration ------------------------------------------------------------------------------------------------


@transaction.atomic
def litigation_register(
    *,
    by: Any,
    handling_unit: Any,
    court: str,
    court_case_number: str,
    plaintiff: PartyInput,
    cause: str,
    instance: str,
    served_on: dt.date,
    defendant_unit: Any = None,
    defendant_name: str = "",
    after_reconsideration: bool = False,
    reconsideration_number: str = "",
    appeal_of: Case | None = None,
    submit_token: Any = None,
    imported: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> Case:
    """Register a lawsuit against a unit. The complaint copy's service date starts the 15-day defence clock
    (行政诉讼法 Art. 67: 答辩状, evidence and the normative basis within 15 days of receiving the copy)."""
    court = _required(court, "court", "受理法院")
    court_case_number = _required(court_case_number, "court_case_number", "法院案号")
    cause = _required(cause, "cause", "案由")
    if instance not in INSTANCE_LABEL:
        raise DomainError(INVALID, "审级应为一审、二审或再审。", field="instance")
    if not defendant_unit and not (defendant_name or "").strip():
        raise DomainError(INVALID, "请填写被告（本市单位或其他名称）。", field="defendant_name")
    served = _past(served_on, "served_on", "收到起诉状副本日期")
    if submit_token:
        existing = Case.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    if Case.objects.filter(docket=DOCKET, extra__court_case_number=court_case_number).exists():
        raise DomainError(INVALID, f"法院案号“{court_case_number}”已登记。", field="court_case_number")
    link: dict[str, Any] = {}
    if (reconsideration_number or "").strip():
        recon = reconsideration_case_find(number=reconsideration_number, by=by)
        if recon is None:
            raise DomainError(
                INVALID, f"未找到行政复议案件“{reconsideration_number.strip()}”。", field="reconsideration_number"
            )
        link = {"reconsideration_case_id": recon.pk, "reconsideration_case_number": recon.case_number}
        after_reconsideration = True
    if appeal_of is not None:
        link.update({"appeal_of_id": appeal_of.pk, "appeal_of_number": appeal_of.case_number})
    defendant = defendant_unit.name if defendant_unit else defendant_name.strip()
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=served,
        by=by,
        channel="transfer",
        title=cause[:300],
        respondent_unit=defendant_unit,
        submit_token=submit_token,
        parties=[
            plaintiff,
            PartyInput(role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION, name=defendant, unit=defendant_unit),
        ],
        event_label=f"收到起诉状副本（{INSTANCE_LABEL[instance]}，{court}{court_case_number}）",
        imported=imported,
        extra={
            "court": court,
            "court_case_number": court_case_number,
            "cause": cause,
            "instance": instance,
            "after_reconsideration": bool(after_reconsideration),
            "defendant_name": defendant,
            "served_on": served.isoformat(),
            "hearings": [],
            **link,
            **(extra or {}),
        },
    )
    if imported:
        return case  # a historical case: no live clock
    clock = clocks.case_clock_start(case=case, key="defense", trigger_date=served, by=by)
    if clock is not None:
        case.extra["defence_due"] = clock.due_date.isoformat()
        Case.objects.filter(pk=case.pk).update(extra=case.extra)
    return case


# ---- transitions -------------------------------------------------------------------------------------------------


@transaction.atomic
def case_submit_defence(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    _past(on, "on", "提交答辩状日期")
    _not_before_service(case, on)
    due = case.extra.get("defence_due")
    on_time = None if not due else on.isoformat() <= due
    case = case_transition_apply(
        case=case,
        code="submit_defence",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"defence_submitted_on": on.isoformat(), "defence_on_time": on_time, "defence_note": note},
        event_label="提交答辩状及证据、依据" + ("（逾期）" if on_time is False else ""),
        detail={"on_time": on_time},
    )
    clocks.case_clock_complete(case=case, key="defense", on=on, by=by)
    return case


@transaction.atomic
def case_schedule_hearing(
    *,
    case: Case,
    by: Any,
    hearing_on: dt.date,
    place: str = "",
    requires_head: bool = True,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """A hearing date (there may be several). 法释〔2020〕3号 Art. 1: heads should appear at every instance."""
    if hearing_on is None:
        raise DomainError(INVALID, "请填写开庭日期。", field="hearing_on")
    _not_before_service(case, hearing_on, "hearing_on")
    hearings = [*(case.extra.get("hearings") or [])]
    if any(h["on"] == hearing_on.isoformat() for h in hearings):
        raise DomainError(INVALID, "该日期的开庭已登记。", field="hearing_on")
    hearings.append({"on": hearing_on.isoformat(), "place": place, "requires_head": bool(requires_head), "note": note})
    hearings.sort(key=lambda h: h["on"])
    return case_transition_apply(
        case=case,
        code="schedule_hearing",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"hearings": hearings},
        event_label=f"登记开庭：{hearing_on:%Y-%m-%d}{(' ' + place) if place else ''}",
        detail={"hearing_on": hearing_on.isoformat()},
    )


def appearance_validate(
    *,
    hearing: dict[str, Any],
    head_attended: bool,
    head_name: str,
    head_position: str,
    absence_reason: str,
    appeared: str,
) -> dict[str, Any]:
    if head_attended:
        _required(head_name, "head_name", "出庭负责人姓名")
        if head_position not in HEAD_POSITION_LABEL:
            raise DomainError(INVALID, "请选择出庭负责人的职务。", field="head_position")
    else:
        if hearing.get("requires_head", True) and not (absence_reason or "").strip():
            raise DomainError(
                INVALID,
                "负责人不能出庭的，应当说明正当理由（法释〔2020〕3号第九条）。",
                field="absence_reason",
            )
        if not (appeared or "").strip():
            raise DomainError(
                INVALID,
                "负责人不能出庭的，应当委托相应的工作人员出庭，不得仅委托律师（行政诉讼法第三条第三款）。",
                field="appeared",
            )
    qualifying = bool(head_attended and head_position in QUALIFYING_POSITIONS)
    return {
        "head_attended": bool(head_attended),
        "head_name": (head_name or "").strip() if head_attended else "",
        "head_position": head_position if head_attended else "",
        "qualifying": qualifying,
        "absence_reason": "" if head_attended else (absence_reason or "").strip(),
        "appeared": (appeared or "").strip(),
    }


@transaction.atomic
def case_record_appearance(
    *,
    case: Case,
    by: Any,
    hearing: str,
    head_attended: bool,
    head_name: str = "",
    head_position: str = "",
    absence_reason: str = "",
    appeared: str = "",
    expected_version: int | None = None,
) -> Case:
    """Who appeared at one hearing. Only the heads of 解释 Art. 128 count as 负责人出庭 (not entrusted or lower
    agencies' heads); an absent head needs a justified reason and the agency's own staff in court."""
    hearings = [dict(h) for h in (case.extra.get("hearings") or [])]
    idx = next((i for i, h in enumerate(hearings) if h["on"] == str(hearing)), None)
    if idx is None:
        raise DomainError(INVALID, "请选择开庭日期。", field="hearing")
    if hearings[idx]["on"] > today_local().isoformat():
        raise DomainError(INVALID, "开庭尚未进行，不能登记出庭情况。", field="hearing")
    appearance = appearance_validate(
        hearing=hearings[idx],
        head_attended=head_attended,
        head_name=head_name,
        head_position=head_position,
        absence_reason=absence_reason,
        appeared=appeared,
    )
    hearings[idx]["appearance"] = appearance
    if appearance["head_attended"]:
        who = f"{HEAD_POSITION_LABEL[appearance['head_position']]}{appearance['head_name']}出庭应诉"
    else:
        who = f"负责人未出庭（{appearance['absence_reason'] or '无需负责人出庭'}），{appearance['appeared']}出庭"
    return case_transition_apply(
        case=case,
        code="record_appearance",
        by=by,
        on=dt.date.fromisoformat(hearings[idx]["on"]),
        expected_version=expected_version,
        extra={"hearings": hearings},
        event_label=f"{hearings[idx]['on']}开庭：{who}",
        detail={"hearing_on": hearings[idx]["on"], "qualifying": appearance["qualifying"]},
    )


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
    if not case.extra.get("defence_submitted_on"):
        clocks.case_clock_complete(case=case, key="defense", on=on, by=by)
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
    """国办发〔2016〕54号: a lost case is analysed and its causes fixed. The fix becomes a supervised plans task
    (kind 整改清单) assigned to the responsible unit (default: the defendant unit)."""
    from fazhi.plans.services import rectification_task_create

    analysis = _required(analysis, "analysis", "败诉原因分析")
    measures = _required(measures, "measures", "整改措施")
    unit = responsible_unit or case.respondent_unit
    if unit is None:
        raise DomainError(INVALID, "请选择整改责任单位。", field="responsible_unit")
    if due_date is not None and due_date < today_local():
        raise DomainError(INVALID, "整改期限不能早于今天。", field="due_date")
    outcome = dict(OUTCOMES).get(case.outcome, case.outcome)
    task = rectification_task_create(
        by=by,
        unit=unit,
        title=f"行政应诉败诉整改：{case.case_number}（{case.extra.get('court_case_number', '')}）",
        text=f"案由：{case.title}\n裁判结果：{outcome}\n败诉原因分析：{analysis}\n整改措施：{measures}",
        due_date=due_date,
        year=(case.closed_on or today_local()).year,
        plan_name=f"{(case.closed_on or today_local()).year}年行政应诉败诉案件整改清单",
        source=f"行政应诉 {case.case_number}",
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
                "task_id": task.pk,
            }
        },
        event_label=f"败诉分析，整改任务交{unit.name}办理",
        detail={"task_id": task.pk},
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
    from .spec import SPEC

    return SPEC.transition(code).refusal(case)
