"""12345 work-order services: intake (idempotent on the source system's id), one service per transition. State only
through `case_transition_apply` (which applies the declared clock steps); the responsible unit moves with the order
(`case_update`: handling unit = who holds it now, respondent unit = the unit it is dispatched to, scored against);
periods through `fazhi.cases.clocks` (a longer statutory period or an approved extension = clock extension units)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, case_create, case_transition_apply, case_update, today_local
from fazhi.core.errors import DomainError
from fazhi.deadlines.rules import rule_get

from .codes import DIVERSION_LABEL, RETURN_LABEL, SATISFACTION_LABEL, TYPE_LABEL, auto_dispatch
from .tree import category_codes, category_route

DOCKET = "hotline"
INVALID = "invalid"
SOURCE_NS = uuid.UUID("6f1c1e0c-3d9f-4b8e-9a57-0d0a12345000")


def _required(value: Any, field: str, label: str) -> str:
    if value is None or not str(value).strip():
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return str(value).strip()


def source_token(source: str, source_id: str) -> uuid.UUID:
    """One work order per (source system, its id): a replayed intake finds the first record."""
    return uuid.uuid5(SOURCE_NS, f"{source}\x1f{source_id}")


@transaction.atomic
def hotline_register(
    *,
    by: Any,
    centre: Any,
    source: str,
    source_id: str,
    received_on: dt.date | None,
    type: str,
    category: str,
    content: str,
    caller: PartyInput | None = None,
    location: str = "",
    area: str = "",
    urgency: str = "normal",
    channel: str = "online",
) -> Case:
    """A work order as the hotline's system sends it. The same (source, source_id) twice → the first order,
    unchanged. Statutory-channel matters are diverted at the centre (`order_divert`), never dispatched."""
    if centre is None:
        raise DomainError(INVALID, "请选择热线工作机构。", field="centre")
    source = _required(source, "source", "来源系统")
    source_id = _required(source_id, "source_id", "工单编号")
    if type not in TYPE_LABEL:
        raise DomainError(INVALID, "诉求类型应为咨询、求助、投诉、举报或建议。", field="type")
    cats = category_codes()
    if category not in cats:
        raise DomainError(INVALID, f"未知的诉求分类“{category}”。", field="category")
    content = _required(content, "content", "诉求内容")
    if received_on is None:
        raise DomainError(INVALID, "请填写受理时间。", field="received_on")
    if received_on > today_local():
        raise DomainError(INVALID, f"受理时间{received_on.isoformat()}不能晚于今天。", field="received_on")
    if urgency not in ("normal", "urgent"):
        raise DomainError(INVALID, "紧急程度应为一般或紧急。", field="urgency")
    token = source_token(source, source_id)
    existing = Case.objects.filter(submit_token=token).first()
    if existing is not None:
        return existing
    parties = []
    if caller is not None and (caller.name or "").strip():
        parties.append(PartyInput(**{**caller.__dict__, "role": PartyRole.APPLICANT}))
    # 派单目录: the unit the category tree names for this category and area (tree.py)
    proposed = category_route(category, area)
    case = case_create(
        docket=DOCKET,
        handling_unit=centre,
        received_on=received_on,
        by=by,
        channel=channel if channel in ("online", "other") else "online",
        title=content[:300],
        submit_token=token,
        parties=parties,
        event_label=f"受理12345诉求（{TYPE_LABEL[type]}，{cats[category]}）"
        + (f"；派单目录承办单位：{proposed.name}" if proposed is not None else ""),
        extra={
            "type": type,
            "category": category,
            "content": content,
            "location": (location or "").strip(),
            "area": (area or "").strip(),
            "urgency": urgency,
            "source": source,
            "source_id": source_id,
            "centre": centre.pk,
            "proposed_unit": proposed.pk if proposed is not None else None,
        },
    )
    if proposed is not None and auto_dispatch():
        case = order_dispatch(case=case, by=by, on=today_local(), to_unit=proposed, note="按派单目录自动派单")
    return case


def _due(case: Case, key: str) -> dt.date | None:
    clock = clocks.case_clock(case, key)
    return clock.due_date if clock is not None else None


def _handling_key(case: Case) -> str:
    return f"handling_{case.extra.get('type', 'consult')}"


@transaction.atomic
def order_dispatch(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    to_unit: Any,
    final: bool = False,
    period_days: int | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """派单 to the responsible unit; after a 退单 the centre re-assigns or rules finally (the unit must then take it).
    `period_days`: a longer period a statute sets for this order (working days from 签收)."""
    if to_unit is None:
        raise DomainError(INVALID, "请选择承办单位。", field="to_unit")
    if final and case.state != "returned":
        raise DomainError(INVALID, "最终派单裁定只在承办单位退单后作出。", field="final")
    base = rule_get(f"hotline.handling.{case.extra.get('type', 'consult')}").length
    if period_days not in (None, ""):
        try:
            period_days = int(period_days)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise DomainError(INVALID, "办理期限须为整数个工作日。", field="period_days") from None
        if not base <= period_days <= base + 60:
            raise DomainError(
                INVALID, f"办理期限须为{base}至{base + 60}个工作日（默认{base}个工作日）。", field="period_days"
            )
    case = case_update(
        case=case,
        by=by,
        expected_version=expected_version,
        changes={
            "handling_unit": to_unit,
            "respondent_unit": to_unit,
            "extra": {"final_ruling": bool(final), "period_days": period_days or base},
        },
        event_label=f"派单至{to_unit.name}",
        action="hotline.case.dispatch",
    )
    label = f"{'最终裁定派单' if final else '派单'}：{to_unit.name}"
    dispatches = [*case.extra.get("dispatches", []), {"on": on.isoformat(), "unit": to_unit.pk, "final": bool(final)}]
    return case_transition_apply(
        case=case, code="dispatch", by=by, on=on, extra={"dispatches": dispatches}, event_label=label
    )


@transaction.atomic
def order_sign(*, case: Case, by: Any, on: dt.date, expected_version: int | None = None) -> Case:
    """签收: the response is on time when signed by the sign clock's due day; the type's period starts."""
    due = _due(case, "sign")
    case = case_transition_apply(
        case=case,
        code="sign",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "signed": {
                "on": on.isoformat(),
                "due": due.isoformat() if due else "",
                "on_time": bool(due is None or on <= due),
            }
        },
    )
    key = _handling_key(case)
    extra_days = int(case.extra.get("period_days") or 0) - rule_get(f"hotline.handling.{case.extra['type']}").length
    if extra_days > 0:
        clocks.case_clock_extend(
            case=case, key=key, units=extra_days, approver=by, reason="法律、法规规定的更长办理期限", by=by
        )
    return case


@transaction.atomic
def order_return(
    *, case: Case, by: Any, on: dt.date, reason: str, note: str = "", expected_version: int | None = None
) -> Case:
    """退单 with a reason; the order goes back to the centre, which re-assigns it or rules finally."""
    if reason not in RETURN_LABEL:
        raise DomainError(INVALID, "请选择退单理由。", field="reason")
    note = (note or "").strip()
    if reason == "other" and not note:
        raise DomainError(INVALID, "请写明退单的具体理由。", field="note")
    unit = case.handling_unit
    returns = [
        *case.extra.get("returns", []),
        {"on": on.isoformat(), "unit": unit.pk, "unit_name": unit.name, "reason": reason, "note": note},
    ]
    case = case_transition_apply(
        case=case,
        code="return_order",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"returns": returns},
        event_label=f"{unit.name}退单：{RETURN_LABEL[reason]}",
    )
    from fazhi.orgs.models import Unit

    centre = Unit.objects.get(pk=case.extra["centre"])
    return case_update(
        case=case,
        by=by,
        expected_version=None,
        changes={"handling_unit": centre},
        event_label="退回热线工作机构",
        action="hotline.case.return",
    )


@transaction.atomic
def order_extend(
    *, case: Case, by: Any, on: dt.date, days: int, reason: str, expected_version: int | None = None
) -> Case:
    reason = _required(reason, "reason", "延期理由")
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise DomainError(INVALID, "延长天数须为正整数。", field="days") from None
    if days < 1:
        raise DomainError(INVALID, "延长天数须为正整数。", field="days")
    case = case_transition_apply(
        case=case,
        code="extend",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "extensions": [*case.extra.get("extensions", []), {"on": on.isoformat(), "days": days, "reason": reason}]
        },
        event_label=f"批准延期{days}个工作日",
    )
    clocks.case_clock_extend(case=case, key=_handling_key(case), units=days, approver=by, reason=reason, by=by)
    return case


@transaction.atomic
def order_reply(*, case: Case, by: Any, on: dt.date, content: str, expected_version: int | None = None) -> Case:
    content = _required(content, "content", "办理结果")
    due = _due(case, _handling_key(case))
    return case_transition_apply(
        case=case,
        code="reply",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "reply": {
                "on": on.isoformat(),
                "content": content,
                "due": due.isoformat() if due else "",
                "on_time": bool(due is None or on <= due),
            }
        },
    )


@transaction.atomic
def order_visit(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    satisfaction: str,
    solved: bool = False,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """回访: the caller's rating (满意 / 基本满意 / 不满意) and whether solved; or not reached."""
    if satisfaction not in (*SATISFACTION_LABEL, "unreached"):
        raise DomainError(INVALID, "请选择回访结果（满意、基本满意、不满意或未联系上）。", field="satisfaction")
    reached = satisfaction != "unreached"
    return case_transition_apply(
        case=case,
        code="visit",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=satisfaction,
        closed_on=on,
        extra={
            "visit": {
                "on": on.isoformat(),
                "satisfaction": satisfaction,
                "solved": bool(solved) and reached,
                "note": (note or "").strip(),
            }
        },
        event_label=f"回访：{SATISFACTION_LABEL.get(satisfaction, '未联系上诉求人')}{'，已解决' if solved and reached else ''}",
    )


@transaction.atomic
def order_divert(
    *, case: Case, by: Any, on: dt.date, route: str, note: str = "", expected_version: int | None = None
) -> Case:
    """北京条例 Art. 11: a statutory-channel matter goes to that channel; counted as diverted, never scored."""
    if route not in DIVERSION_LABEL:
        raise DomainError(INVALID, "请选择分流的法定途径。", field="route")
    return case_transition_apply(
        case=case,
        code="divert",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=f"diverted.{route}",
        closed_on=on,
        extra={"diverted": {"on": on.isoformat(), "route": route, "note": (note or "").strip()}},
        event_label=f"依法分流：告知通过{DIVERSION_LABEL[route]}途径解决",
    )


@transaction.atomic
def order_answer(*, case: Case, by: Any, on: dt.date, content: str, expected_version: int | None = None) -> Case:
    content = _required(content, "content", "答复内容")
    return case_transition_apply(
        case=case,
        code="answer",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="answered",
        closed_on=on,
        extra={"answered": {"on": on.isoformat(), "content": content}},
    )
