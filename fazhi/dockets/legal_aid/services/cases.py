"""法律援助 services: the application and one service per transition (spec.py names them). Each runs in a
transaction, changes state only through `case_transition_apply` (which applies the clock steps declared beside each
transition) and issues the decisions as .docx from the docket's editable templates. Refusals name the field and
change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, case_create, case_transition_apply, today_local
from fazhi.core.cn import cn_date as _cn
from fazhi.core.errors import DomainError

from ..codes import (
    ADVANCE_GROUND_LABEL,
    AID_PERSON_KIND_LABEL,
    EXEMPTION_LABEL,
    MATTER_LABEL,
    QUALITY_LABEL,
)
from ..models import AidPerson
from ._common import DOCKET, INVALID
from ._common import choice as _choice
from ._common import required as _required


@transaction.atomic
def legal_aid_apply(
    *,
    by: Any,
    handling_unit: Any,
    applicant: PartyInput,
    matter: str,
    request: str,
    received_on: dt.date,
    channel: str = "in_person",
    submit_token: Any = None,
    intake_ref: str = "",
) -> Case:
    """An application to a 法律援助机构 (the handling unit). The decision clock (第四十三条) starts on receipt."""
    if handling_unit is None:
        raise DomainError(INVALID, "请选择法律援助机构。", field="handling_unit")
    _choice(matter, MATTER_LABEL, "matter", "援助事项类别")
    request = _required(request, "request", "申请事项和理由")
    if received_on is None:
        raise DomainError(INVALID, "请填写收到申请日期。", field="received_on")
    applicant = PartyInput(**{**applicant.__dict__, "role": PartyRole.APPLICANT})
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received_on,
        by=by,
        channel=channel,
        title=f"{MATTER_LABEL[matter]}：{request}"[:300],
        submit_token=submit_token,
        parties=[applicant],
        event_label="收到法律援助申请",
        extra={"matter": matter, "request": request, "intake_ref": intake_ref},
    )
    if getattr(case, "just_created", False):
        clocks.case_clock_start(case=case, key="decision", trigger_date=received_on, by=by)
    return case


def _applicant_name(case: Case) -> str:
    p = next((p for p in case.parties.all() if p.role == PartyRole.APPLICANT), None)
    return p.name if p else ""


def _doc(case: Case, code: str, by: Any, on: dt.date, **more: Any) -> None:
    case_document_generate(
        case=case,
        code=code,
        by=by,
        context={
            "申请人": _applicant_name(case),
            "申请日期": _cn(case.received_on),
            "事项": case.extra.get("request", ""),
            "日期": _cn(on),
            **more,
        },
    )


@transaction.atomic
def case_request_materials(
    *, case: Case, by: Any, on: dt.date, items: str, expected_version: int | None = None
) -> Case:
    items = _required(items, "items", "需要补充的材料")
    return case_transition_apply(
        case=case,
        code="request_materials",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"materials": {"on": on.isoformat(), "items": items}},
    )


@transaction.atomic
def case_receive_materials(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    m = {**case.extra.get("materials", {}), "received_on": on.isoformat()}
    return case_transition_apply(
        case=case, code="receive_materials", by=by, on=on, expected_version=expected_version, extra={"materials": m}
    )


def _aid_person(case: Case, person: Any, field: str = "person") -> dict[str, Any]:
    """The registry's person, as the case records them (so the case reads the same after an edit of the registry):
    an active person of the case's own centre (the handling unit), locked against a concurrent deactivation."""
    if person is None or person == "":
        raise DomainError(INVALID, "请从法律援助人员名册中选择承办人员。", field=field)
    pk = getattr(person, "pk", person)
    p = AidPerson.objects.select_for_update().filter(pk=pk).first()
    if p is None or p.centre_id != case.handling_unit_id:
        raise DomainError(INVALID, "所选人员不在本案法律援助机构的名册中。", field=field)
    if not p.is_active:
        raise DomainError(INVALID, f"{p.name}已停用，不能指派，请选择在册人员。", field=field)
    return {
        "person_id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "organisation": p.organisation,
        "licence": p.licence_number,
    }


def _person_label(person: dict[str, Any]) -> str:
    org = f"（{person['organisation']}）" if person.get("organisation") else ""
    return f"{AID_PERSON_KIND_LABEL.get(person['kind'], '')}{person['name']}{org}"


@transaction.atomic
def case_advance(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    ground: str,
    person: Any,
    expected_version: int | None = None,
) -> Case:
    """第四十四条: aid first (a limitation period under 7 days away, urgent preservation …); the application is examined
    afterwards, and the assignment page offers the person who gave it."""
    _choice(ground, ADVANCE_GROUND_LABEL, "ground", "先行提供法律援助的情形")
    aid = _aid_person(case, person)
    return case_transition_apply(
        case=case,
        code="advance",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"advance": {"on": on.isoformat(), "ground": ground, **aid}},
        event_label=f"先行提供法律援助：{ADVANCE_GROUND_LABEL[ground]}（{_person_label(aid)}）",
    )


def _decided_on_time(case: Case, on: dt.date) -> dict[str, Any]:
    clock = clocks.case_clock(case, "decision")
    due = clock.due_date if clock is not None else None
    return {"due": due.isoformat() if due else "", "on_time": bool(due is None or on <= due)}


@transaction.atomic
def case_grant(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    exemption: str = "",
    pledge: bool = False,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """给予 (第四十一条, 第四十二条): an applicant of an exempt group needs no financial check; every other applicant
    shows financial hardship by a personal 诚信承诺. After 先行援助 the assignment page offers the person who gave it."""
    if exemption and exemption not in EXEMPTION_LABEL:
        raise DomainError(INVALID, "免予核查的人员类别不在可选范围内。", field="exemption")
    if not exemption and not pledge:
        raise DomainError(
            INVALID,
            "申请人不属于免予核查经济困难状况的人员，须提交经济困难状况的个人诚信承诺（《法律援助法》第四十一条）。",
            field="pledge",
        )
    timing = _decided_on_time(case, on)
    condition = EXEMPTION_LABEL[exemption] if exemption else "经济困难（已提交个人诚信承诺）"
    case = case_transition_apply(
        case=case,
        code="grant",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "decision": {
                "result": "granted",
                "on": on.isoformat(),
                "exemption": exemption,
                "pledge": bool(pledge),
                "note": (note or "").strip(),
                **timing,
            }
        },
    )
    _doc(case, "grant_notice", by, on, 条件=condition)
    return case


@transaction.atomic
def case_refuse(*, case: Case, by: Any, on: dt.date, reasons: str, expected_version: int | None = None) -> Case:
    """不予 with the reasons and the remedy (an objection to the 司法行政部门, 第四十九条), in the decision."""
    reasons = _required(reasons, "reasons", "不予法律援助的理由")
    timing = _decided_on_time(case, on)
    case = case_transition_apply(
        case=case,
        code="refuse",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="refused",
        closed_on=on,
        extra={"decision": {"result": "refused", "on": on.isoformat(), "reasons": reasons, **timing}},
    )
    _doc(case, "refusal_notice", by, on, 理由=reasons)
    return case


@transaction.atomic
def case_assign(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    person: Any,
    expected_version: int | None = None,
) -> Case:
    """指派 (第四十三条): an active person of the case's centre from the registry; the case keeps their name, kind,
    firm and licence as of the day (cases assigned before the registry keep the typed name)."""
    aid = _aid_person(case, person)
    clock = clocks.case_clock(case, "assignment")
    due = clock.due_date if clock is not None else None
    return case_transition_apply(
        case=case,
        code="assign",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "assignment": {
                "on": on.isoformat(),
                **aid,
                "due": due.isoformat() if due else "",
                "on_time": bool(due is None or on <= due),
            }
        },
        event_label=f"指派{_person_label(aid)}",
    )


@transaction.atomic
def case_object(*, case: Case, by: Any, on: dt.date, content: str, expected_version: int | None = None) -> Case:
    content = _required(content, "content", "异议内容")
    return case_transition_apply(
        case=case,
        code="object",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"objection": {"on": on.isoformat(), "content": content}},
    )


def _objection_result(case: Case, code: str, by: Any, on: dt.date, result: str, note: str, version: Any) -> Case:
    o = {**case.extra.get("objection", {}), "result": result, "result_on": on.isoformat(), "note": (note or "").strip()}
    return case_transition_apply(
        case=case,
        code=code,
        by=by,
        on=on,
        expected_version=version,
        extra={"objection": o},
        outcome="refused" if result == "upheld" else None,
        closed_on=on if result == "upheld" else None,
    )


@transaction.atomic
def case_uphold(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    return _objection_result(case, "uphold", by, on, "upheld", note, expected_version)


@transaction.atomic
def case_correct(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """The 司法行政部门 orders the body to correct its refusal: the case reopens as granted, to be assigned."""
    return _objection_result(case, "correct", by, on, "corrected", note, expected_version)


@transaction.atomic
def case_terminate(*, case: Case, by: Any, on: dt.date, reason: str, expected_version: int | None = None) -> Case:
    """终止 (第四十八条 ⚠: e.g. the aided person's circumstances change, the aided person ends it)."""
    reason = _required(reason, "reason", "终止法律援助的理由")
    return case_transition_apply(
        case=case,
        code="terminate",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="terminated",
        closed_on=on,
        extra={"terminated": {"on": on.isoformat(), "reason": reason}},
    )


@transaction.atomic
def case_close(
    *, case: Case, by: Any, on: dt.date, report: str, result: str = "", expected_version: int | None = None
) -> Case:
    """结案: the aid person's closure report (结案报告) with the result."""
    report = _required(report, "report", "结案报告")
    return case_transition_apply(
        case=case,
        code="close",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="concluded",
        closed_on=on,
        extra={"closure": {"on": on.isoformat(), "report": report, "result": (result or "").strip()}},
    )


@transaction.atomic
def case_evaluate(
    *, case: Case, by: Any, on: dt.date, grade: str, note: str = "", expected_version: int | None = None
) -> Case:
    _choice(grade, QUALITY_LABEL, "grade", "评估等次（优秀、良好、合格、不合格）")
    return case_transition_apply(
        case=case,
        code="evaluate",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"evaluation": {"on": on.isoformat(), "grade": grade, "note": (note or "").strip()}},
        event_label=f"质量评估：{QUALITY_LABEL[grade]}",
    )


@transaction.atomic
def case_withdraw(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    return case_transition_apply(
        case=case,
        code="withdraw",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="withdrawn",
        closed_on=on,
        extra={"withdrawn": {"on": on.isoformat(), "note": (note or "").strip()}},
    )


def today() -> dt.date:
    return today_local()


def legal_aid_handover_create(
    *, by: Any, values: dict[str, Any], parties: list[PartyInput], received_on: dt.date, submit_token: Any
) -> Case:
    """The hand-over's registration (spec `handover`): an application to the chosen 法律援助机构 with the source's
    applicant, as if typed in (legal_aid_apply's checks; the decision clock starts on the carried received date)."""
    from fazhi.cases.handover import handover_unit, parties_split

    applicants, _respondents = parties_split(parties)
    if not applicants:
        raise DomainError(INVALID, "来源记录没有可作为申请人的当事人，请先补充当事人。", field="parties-0-name")
    return legal_aid_apply(
        by=by,
        handling_unit=handover_unit(values.get("handling_unit"), field="handling_unit", label="法律援助机构"),
        applicant=applicants[0],
        matter=values.get("matter", ""),
        request=values.get("request", ""),
        received_on=received_on,
        channel="transfer",
        submit_token=submit_token,
        intake_ref=values.get("intake_ref", ""),
    )
