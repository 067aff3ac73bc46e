"""信访 services: intake (with repeat detection), one service per transition (spec.py names them). Each runs in a
transaction, changes state only through `case_transition_apply` (which applies the clock steps declared beside the
transition), extends the handling clock through `fazhi.cases.clocks` (never adding days itself) and issues the
written notice the 《信访工作条例》 requires as a .docx from the docket's editable templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, Party, PartyRole
from fazhi.cases.services import (
    PartyInput,
    attachment_add,
    attachment_check,
    case_create,
    case_event_add,
    case_transition_apply,
    party_validate,
    today_local,
)
from fazhi.core.cn import cn_date as _cn
from fazhi.core.crypto import blind_index
from fazhi.core.errors import DomainError

from .codes import (
    CHANNEL_LABEL,
    HANDOVER_ROUTES,
    NOT_ACCEPT_LABEL,
    OPINION_LABEL,
    OPINION_TEXT,
    RECEIVER_LABEL,
    ROUTE_LABEL,
    ROUTE_WAY,
    TYPE_LABEL,
)

DOCKET = "petitions"
INVALID = "invalid"
MAX_REPRESENTATIVES = 5  # 《信访工作条例》第十九条: 多人提出同一信访事项的，推选代表，代表人数不超过5人


def _required(value: Any, field: str, label: str) -> str:
    if value is None or not str(value).strip():
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return str(value).strip()


def _not_future(on: dt.date | None, field: str, label: str) -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}{_cn(on)}不能晚于今天（{_cn(today_local())}）。", field=field)
    return on


def _served(on: dt.date, served_on: dt.date | None) -> dt.date:
    """The day the petitioner received the written opinion: the windows of Arts. 35, 36 run from it."""
    if served_on is None:
        return on
    served_on = _not_future(served_on, "served_on", "送达日期")
    if served_on < on:
        raise DomainError(INVALID, f"送达日期{_cn(served_on)}不能早于出具日期{_cn(on)}。", field="served_on")
    return served_on


# ---- repeat and joint petitions -------------------------------------------------------------------------------------
def petition_repeats(
    *, petitioner: PartyInput, object_unit: Any = None, object_name: str = "", exclude: int | None = None
) -> list[Case]:
    """Earlier petitions of the same petitioner (by the blind index of the ID number, else of name + phone) about the
    same object (the unit complained of, or its name), oldest first."""
    qs = Party.objects.filter(role=PartyRole.APPLICANT, case__docket=DOCKET)
    if petitioner.id_number:
        qs = qs.filter(id_number_index=blind_index(petitioner.id_number, "party.id_number"))
    elif petitioner.phone:
        qs = qs.filter(
            name_index=blind_index(petitioner.name, "party.name"),
            phone_index=blind_index(petitioner.phone, "party.phone"),
        )
    else:
        return []
    cases = Case.objects.filter(pk__in=qs.values("case_id"))
    if object_unit is not None:
        cases = cases.filter(respondent_unit=object_unit)
    elif object_name:
        cases = cases.filter(respondent_unit=None, extra__object_name=object_name)
    else:
        return []
    if exclude:
        cases = cases.exclude(pk=exclude)
    return list(cases.order_by("received_on", "pk").only("pk", "case_number", "state", "extra", "received_on"))


@transaction.atomic
def petition_register(
    *,
    by: Any,
    handling_unit: Any,
    type: str,
    petitioner: PartyInput,
    content: str,
    channel: str,
    received_on: dt.date | None,
    receiver: str = "authority",
    object_unit: Any = None,
    object_name: str = "",
    request: str = "",
    joint_count: int = 1,
    representatives: Iterable[PartyInput] = (),
    new_facts: str = "",
    transferred_from: dict[str, Any] | None = None,
    submit_token: Any = None,
    with_receipt: bool = False,
    files: Any = (),
) -> Case:
    """Register a 信访事项. A 信访部门 (receiver "office") registers and routes it within 15 days (Art. 22); the body
    with power (receiver "authority") tells the petitioner in writing within 15 days whether it accepts (Art. 23),
    and for a transferred or assigned matter may object within 5 working days. Earlier petitions of the same
    petitioner about the same object are linked; after a 复核 (final) the same request is flagged (Art. 36)."""
    if handling_unit is None:
        raise DomainError(INVALID, "请选择登记机关。", field="handling_unit")
    if type not in TYPE_LABEL:
        raise DomainError(INVALID, "信访事项类别应为建议意见类、检举控告类或申诉求决类。", field="type")
    if channel not in CHANNEL_LABEL:
        raise DomainError(INVALID, "信访形式应为来信、来访、网上信访或转送交办。", field="channel")
    if receiver not in RECEIVER_LABEL:
        raise DomainError(INVALID, "请选择收到信访事项的机关类型。", field="receiver")
    content = _required(content, "content", "信访事项（反映的问题）")
    received_on = _not_future(received_on, "received_on", "收到日期")
    try:
        joint_count = 1 if joint_count in (None, "") else int(joint_count)
    except (TypeError, ValueError):
        raise DomainError(INVALID, "信访人数须为正整数。", field="joint_count") from None
    if joint_count < 1:
        raise DomainError(INVALID, "信访人数须为正整数。", field="joint_count")
    reps = [r for r in representatives if (r.name or "").strip()]
    if len(reps) > MAX_REPRESENTATIVES:
        raise DomainError(
            INVALID,
            f"多人提出同一信访事项的，代表人数不超过{MAX_REPRESENTATIVES}人（《信访工作条例》第十九条）。",
            field="representatives",
        )
    if submit_token:
        existing = Case.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    files = list(files)
    for i, f in enumerate(files):
        attachment_check(f, field="files" if i == 0 else f"files-{i}")
    petitioner = party_validate(
        PartyInput(**{**petitioner.__dict__, "role": PartyRole.APPLICANT}), prefix="petitioner_"
    )
    reps = [
        party_validate(PartyInput(**{**r.__dict__, "role": PartyRole.APPLICANT}), prefix="representatives-")
        for r in reps
    ]
    object_name = (object_name or "").strip() or (object_unit.name if object_unit is not None else "")
    origin = (transferred_from or {}).get("id")  # a transferred matter is not a repeat of its own transfer
    earlier = petition_repeats(petitioner=petitioner, object_unit=object_unit, object_name=object_name, exclude=origin)
    final = next((c for c in reversed(earlier) if c.state == "final" and c.extra.get("type") == type), None)
    new_facts = (new_facts or "").strip()
    extra: dict[str, Any] = {
        "type": type,
        "content": content,
        "request": (request or "").strip(),
        "receiver": receiver,
        "object_name": object_name,
        "joint": {"count": max(joint_count, 1 + len(reps)), "representatives": len(reps)},
        "repeat_of": [{"id": c.pk, "case_number": c.case_number, "state": c.state} for c in earlier],
    }
    if final is not None and not new_facts:
        extra["after_final"] = {"id": final.pk, "case_number": final.case_number}
    if new_facts:
        extra["new_facts"] = new_facts
    if transferred_from:
        extra["transferred_from"] = transferred_from
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received_on,
        by=by,
        channel=channel,
        title=content[:300],
        respondent_unit=object_unit,
        submit_token=submit_token,
        parties=[petitioner, *reps],
        with_receipt=with_receipt,
        event_label=f"收到信访事项（{CHANNEL_LABEL[channel]}）",
        extra=extra,
    )
    if not getattr(case, "just_created", False):
        return case
    if earlier:
        numbers = "、".join(c.case_number for c in earlier)
        label = f"重复信访：同一信访人就同一对象此前已有信访事项 {numbers}"
        if "after_final" in extra:
            label += "；其中已复核终结，同一事实和理由的请求不再受理（第三十六条）"
        case_event_add(case=case, kind="repeat", label=label, on=received_on, by=by)
    for f in files:
        attachment_add(
            case=case, by=by, file=f, kind="application", label=f"信访材料：{f.name}", from_public=with_receipt
        )
    if receiver == "office":
        clocks.case_clock_start(case=case, key="registration", trigger_date=received_on, by=by)
    else:
        clocks.case_clock_start(case=case, key="acceptance", trigger_date=received_on, by=by)
        if channel == "transfer":
            clocks.case_clock_start(case=case, key="remit_objection", trigger_date=received_on, by=by)
    return case


# ---- documents ------------------------------------------------------------------------------------------------------
def _petitioners(case: Case) -> list[Party]:
    return [p for p in case.parties.all() if p.role == PartyRole.APPLICANT]


def _context(case: Case, on: dt.date, **more: Any) -> dict[str, Any]:
    people = _petitioners(case)
    n = (case.extra.get("joint") or {}).get("count", 1)
    name = people[0].name if people else ""
    if n > 1:
        name = f"{name}等{n}人"
    accepted = (case.extra.get("accepted") or {}).get("on", "")
    return {
        "信访人": name,
        "收到日期": _cn(case.received_on),
        "信访编号": case.receipt_number or case.case_number,
        "信访事项": case.extra.get("content", case.title),
        "受理日期": _cn(accepted),
        "日期": _cn(on),
        **more,
    }


def _doc(case: Case, code: str, by: Any, on: dt.date, **more: Any) -> Any:
    return case_document_generate(case=case, code=code, by=by, context=_context(case, on, **more))


def _due(case: Case, key: str) -> dt.date | None:
    clock = clocks.case_clock(case, key)
    return clock.due_date if clock is not None else None


def _late(case: Case, key: str, on: dt.date, field: str, what: str, article: str) -> None:
    due = _due(case, key)
    if due is not None and on > due:
        raise DomainError(
            INVALID, f"{what}日期{_cn(on)}已超过期限（{_cn(due)}，《信访工作条例》{article}）。", field=field
        )


# ---- the steps --------------------------------------------------------------------------------------------------------
@transaction.atomic
def case_route(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    route: str,
    note: str = "",
    expected_version: int | None = None,
    hand_over: bool = False,
    handling_unit: Any = None,
    act: str = "",
    request: str = "",
) -> Case:
    """Art. 31 (诉访分离): a matter for litigation, arbitration, 复议, a disclosure request … is routed to that channel
    with a written explanation; counted apart, never handled as a 信访事项. With `hand_over` a 复议 or 公开申请 matter
    also goes to `handling_unit` (the 行政复议机构 / 受理机关) as an application there, without re-typing, in the same
    transaction (the kernel's hand-over; `act` and `request` are the 复议 application's, the petition's request by
    default). A refused hand-over routes nothing."""
    if route not in ROUTE_LABEL:
        raise DomainError(INVALID, "请选择法定途径。", field="route")
    if hand_over and route not in HANDOVER_ROUTES:
        labels = "、".join(ROUTE_LABEL[r] for r in HANDOVER_ROUTES)
        raise DomainError(INVALID, f"只有{labels}可以同时移交，其他途径请书面告知信访人。", field="hand_over")
    case = case_transition_apply(
        case=case,
        code="route",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=f"routed.{route}",
        closed_on=on,
        extra={"routed": {"route": route, "on": on.isoformat(), "note": (note or "").strip()}},
        event_label=f"诉访分离：告知通过{ROUTE_LABEL[route]}解决",
    )
    _doc(
        case,
        "routing_notice",
        by,
        on,
        法定途径=ROUTE_LABEL[route],
        途径说明=ROUTE_WAY[route],
        说明=(note or "").strip(),
    )
    if hand_over:
        from fazhi.cases.handover import case_hand_over

        options: dict[str, Any] = {"handling_unit": handling_unit}
        if route == "reconsideration":
            options.update(act=(act or "").strip(), request=(request or "").strip() or case.extra.get("request", ""))
        case_hand_over(source=case, docket=route, by=by, options=options, on=on, step="route")
    return case


@transaction.atomic
def case_transfer(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    to_unit: Any,
    mode: str = "transfer",
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """Art. 22: the 信访部门 transfers (转送) or assigns (交办) the matter to the body with power within 15 days. The
    receiving body gets the matter as its own 信访事项 (the petitioners, content and object copied, received on the
    transfer day) with its Art. 23 clocks."""
    if to_unit is None:
        raise DomainError(INVALID, "请选择有权处理的机关、单位。", field="to_unit")
    if to_unit.pk == case.handling_unit_id:
        raise DomainError(INVALID, "转送、交办的机关不能是本机关。", field="to_unit")
    if mode not in ("transfer", "assign"):
        raise DomainError(INVALID, "请选择转送或交办。", field="mode")
    verb = "转送" if mode == "transfer" else "交办"
    x = case.extra
    people = _petitioners(case)
    first, reps = people[0], people[1:]

    def as_input(p: Party) -> PartyInput:
        return PartyInput(
            role=PartyRole.APPLICANT,
            name=p.name,
            kind=p.kind,
            id_number=p.id_number,
            phone=p.phone,
            address=p.address,
            credit_code=p.credit_code,
        )

    target = petition_register(
        by=by,
        handling_unit=to_unit,
        type=x["type"],
        petitioner=as_input(first),
        content=x["content"],
        channel="transfer",
        received_on=on,
        object_unit=case.respondent_unit,
        object_name=x.get("object_name", ""),
        request=x.get("request", ""),
        joint_count=(x.get("joint") or {}).get("count", 1),
        representatives=[as_input(p) for p in reps],
        new_facts=x.get("new_facts", ""),
        transferred_from={
            "id": case.pk,
            "case_number": case.case_number,
            "unit": case.handling_unit.name,
            "mode": mode,
        },
    )
    case = case_transition_apply(
        case=case,
        code="transfer",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="transferred",
        closed_on=on,
        extra={
            "transfer": {
                "on": on.isoformat(),
                "mode": mode,
                "to_unit": to_unit.pk,
                "to_name": to_unit.name,
                "case_id": target.pk,
                "case_number": target.case_number,
                "note": (note or "").strip(),
            }
        },
        event_label=f"{verb}{to_unit.name}（{target.case_number}）",
    )
    _doc(case, "transfer_notice", by, on, 承办机关=to_unit.name, 转送方式=verb)
    return case


@transaction.atomic
def case_accept(*, case: Case, by: Any, on: dt.date, procedure: str = "", expected_version: int | None = None) -> Case:
    """Art. 23: the written notice of acceptance (受理告知书) naming the procedure; the 60-day clock starts (Art. 34)."""
    procedure = (procedure or "").strip() or "信访程序"
    case = case_transition_apply(
        case=case,
        code="accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"accepted": {"on": on.isoformat(), "procedure": procedure}},
    )
    _doc(case, "acceptance_notice", by, on, 办理程序=procedure)
    return case


@transaction.atomic
def case_not_accept(
    *, case: Case, by: Any, on: dt.date, reason: str, note: str = "", expected_version: int | None = None
) -> Case:
    if reason not in NOT_ACCEPT_LABEL:
        raise DomainError(INVALID, "请选择不予受理的理由。", field="reason")
    if reason == "other" and not (note or "").strip():
        raise DomainError(INVALID, "请写明不予受理的具体理由。", field="note")
    case = case_transition_apply(
        case=case,
        code="not_accept",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="not_accepted",
        closed_on=on,
        extra={"not_accepted": {"on": on.isoformat(), "reason": reason, "note": (note or "").strip()}},
        event_label=f"不予受理：{NOT_ACCEPT_LABEL[reason]}",
    )
    if reason != "no_contact":  # Art. 23: no notice when the petitioner's name or address is unclear
        _doc(case, "not_accepted_notice", by, on, 不予受理理由=NOT_ACCEPT_LABEL[reason], 说明=(note or "").strip())
    return case


@transaction.atomic
def case_object(*, case: Case, by: Any, on: dt.date, reason: str, expected_version: int | None = None) -> Case:
    """Art. 23: a transferred or assigned matter outside the remit — objection within 5 working days of receipt."""
    reason = _required(reason, "reason", "异议理由")
    _late(case, "remit_objection", on, "on", "提出异议", "第二十三条：自收到之日起5个工作日内")
    source = case.extra.get("transferred_from") or {}
    case = case_transition_apply(
        case=case,
        code="object",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="objected",
        closed_on=on,
        extra={"objection": {"on": on.isoformat(), "reason": reason}},
    )
    _doc(case, "objection_letter", by, on, 转送机关=source.get("unit", "转送机关"), 异议理由=reason)
    return case


@transaction.atomic
def case_extend(
    *, case: Case, by: Any, on: dt.date, days: int, reason: str, expected_version: int | None = None
) -> Case:
    """Art. 34: complex cases — extended with the head's approval (the step's action) by at most 30 days, the reason
    told to the petitioner (延期办理告知书)."""
    reason = _required(reason, "reason", "延期理由")
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise DomainError(INVALID, "延长天数须为1至30之间的整数。", field="days") from None
    if not 1 <= days <= 30:
        raise DomainError(
            INVALID, "延长天数须为1至30日（《信访工作条例》第三十四条：延长期限不得超过30日）。", field="days"
        )
    case = case_transition_apply(
        case=case,
        code="extend",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "extension": {"on": on.isoformat(), "days": days, "reason": reason, "approver": getattr(by, "pk", None)}
        },
        event_label=f"延期办理{days}日（负责人批准）",
    )
    clock = clocks.case_clock_extend(case=case, key="handling", units=days, approver=by, reason=reason, by=by)
    due = clock.due_date if clock is not None else None
    _doc(case, "extension_notice", by, on, 延期理由=reason, 延长天数=days, 延长后期限=_cn(due))
    return case


def _opinion(outcome: str, facts: str, opinion: str) -> tuple[str, str, str]:
    if outcome not in OPINION_LABEL:
        raise DomainError(INVALID, "请选择处理结果（支持、解释说明、不予支持）。", field="outcome")
    return outcome, _required(facts, "facts", "查明的事实"), _required(opinion, "opinion", "处理意见")


def _opinion_record(on: dt.date, served: dt.date, outcome: str, facts: str, opinion: str, due: Any) -> dict[str, Any]:
    return {
        "on": on.isoformat(),
        "served_on": served.isoformat(),
        "outcome": outcome,
        "facts": facts,
        "opinion": opinion,
        "due": due.isoformat() if due else "",
        "on_time": bool(due is None or on <= due),
    }


@transaction.atomic
def case_decide(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    outcome: str,
    facts: str,
    opinion: str,
    basis: str = "",
    served_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Case:
    """Arts. 31–34: 申诉求决类 — 信访处理意见书 within 60 days of acceptance (+ the extension) with one of the outcomes
    of Art. 32. The case stays open while the petitioner may ask for 复查 (30 days from receipt, Art. 35)."""
    outcome, facts, opinion = _opinion(outcome, facts, opinion)
    served = _served(on, served_on)
    record = _opinion_record(on, served, outcome, facts, opinion, _due(case, "handling"))
    record["basis"] = (basis or "").strip()
    case = case_transition_apply(
        case=case,
        code="decide",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=outcome,
        extra={"opinion": record},
        event_label=f"出具信访处理意见书：{OPINION_LABEL[outcome]}",
        detail={"outcome": outcome},
    )
    window = _due(case, "review_window")
    case.extra["review_window"] = window.isoformat() if window else ""
    case.save(update_fields=["extra", "updated_at"])  # a save: the signals keep the list stamp and the metric counts
    _doc(
        case,
        "opinion",
        by,
        on,
        查明事实=facts,
        处理结果=OPINION_LABEL[outcome],
        结果说明=OPINION_TEXT[outcome],
        处理意见=opinion,
        依据=f"；{record['basis']}" if record["basis"] else "",
    )
    return case


@transaction.atomic
def case_reply(*, case: Case, by: Any, on: dt.date, content: str, expected_version: int | None = None) -> Case:
    """建议意见类 (Art. 29) and 检举控告类 (Art. 30): concluded with a written reply within the Art. 34 period."""
    content = _required(content, "content", "答复内容")
    due = _due(case, "handling")
    case = case_transition_apply(
        case=case,
        code="reply",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="replied",
        closed_on=on,
        extra={
            "reply": {
                "on": on.isoformat(),
                "content": content,
                "due": due.isoformat() if due else "",
                "on_time": bool(due is None or on <= due),
            }
        },
    )
    _doc(case, "reply_letter", by, on, 答复内容=content)
    return case


def _request(case: Case, code: str, on: dt.date, body: str, reason: str, key: str, exp: int | None, by: Any) -> Case:
    level, article = ("复查", "第三十五条") if code == "request_review" else ("复核", "第三十六条")
    window = "review_window" if code == "request_review" else "rereview_window"
    _late(case, window, on, "on", f"收到{level}请求", f"{article}：自收到书面答复之日起30日内")
    body = (body or "").strip()
    if not body:
        parent = case.handling_unit.parent
        body = parent.name if parent is not None else ""
    return case_transition_apply(
        case=case,
        code=code,
        by=by,
        on=on,
        expected_version=exp,
        extra={key: {"requested_on": on.isoformat(), "body": body, "reason": (reason or "").strip()}},
        event_label=f"收到{level}请求（{level}机关：{body or '上一级机关'}）",
    )


@transaction.atomic
def case_request_review(
    *, case: Case, by: Any, on: dt.date, body: str = "", reason: str = "", expected_version: int | None = None
) -> Case:
    """Art. 35: the petitioner asks the original body's superior for 复查 within 30 days; answered within 30 days."""
    return _request(case, "request_review", on, body, reason, "review", expected_version, by)


@transaction.atomic
def case_request_rereview(
    *, case: Case, by: Any, on: dt.date, body: str = "", reason: str = "", expected_version: int | None = None
) -> Case:
    """Art. 36: 复核 by the reviewing body's superior, asked within 30 days; answered within 30 days."""
    return _request(case, "request_rereview", on, body, reason, "rereview", expected_version, by)


def _level_decide(
    case: Case,
    code: str,
    key: str,
    by: Any,
    on: dt.date,
    outcome: str,
    facts: str,
    opinion: str,
    served_on: Any,
    exp: Any,
) -> tuple[Case, dict[str, Any]]:
    outcome, facts, opinion = _opinion(outcome, facts, opinion)
    served = _served(on, served_on)
    clock_key = "review" if key == "review" else "rereview"
    record = {
        **(case.extra.get(key) or {}),
        **_opinion_record(on, served, outcome, facts, opinion, _due(case, clock_key)),
    }
    level = "复查" if key == "review" else "复核"
    case = case_transition_apply(
        case=case,
        code=code,
        by=by,
        on=on,
        expected_version=exp,
        outcome=outcome,
        closed_on=on if key == "rereview" else None,
        extra={key: record},
        event_label=f"出具{level}意见书：{OPINION_LABEL[outcome]}",
        detail={"outcome": outcome},
    )
    return case, record


@transaction.atomic
def case_review_decide(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    outcome: str,
    facts: str,
    opinion: str,
    basis: str = "",
    served_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Case:
    case, record = _level_decide(
        case, "review_decide", "review", by, on, outcome, facts, opinion, served_on, expected_version
    )
    window = _due(case, "rereview_window")
    case.extra["rereview_window"] = window.isoformat() if window else ""
    case.save(update_fields=["extra", "updated_at"])
    _doc(
        case,
        "review_opinion",
        by,
        on,
        原办理机关=case.handling_unit.name,
        请求日期=_cn(record.get("requested_on")),
        查明事实=record["facts"],
        处理结果=OPINION_LABEL[outcome],
        结果说明=OPINION_TEXT[outcome],
        处理意见=record["opinion"],
    )
    return case


@transaction.atomic
def case_hearing_start(
    *, case: Case, by: Any, on: dt.date, place: str = "", note: str = "", expected_version: int | None = None
) -> Case:
    """Art. 36: the 复核 body may hold a hearing; the hearing's time is not counted (the clock pauses from its first
    day)."""
    return case_transition_apply(
        case=case,
        code="hearing_start",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"hearing": {"open": True, "start": on.isoformat(), "place": (place or "").strip()}},
        detail={"place": (place or "").strip()},
    )


@transaction.atomic
def case_hearing_end(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """The hearing's last day `on` is still hearing time: counting resumes the next day (Art. 36)."""
    hearing = {**(case.extra.get("hearing") or {}), "open": False, "end": on.isoformat()}
    case = case_transition_apply(
        case=case,
        code="hearing_end",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"hearing": hearing, "hearings": [*case.extra.get("hearings", []), hearing]},
        event_label=f"听证结束（{hearing.get('start', '')}至{on.isoformat()}不计入复核期限）",
    )
    # not deadline arithmetic: the pause covers the hearing's days, both ends included (ClockPause FROM–TO)
    clocks.case_clock_resume(case=case, key="rereview", on=on + dt.timedelta(days=1), by=by)
    return case


@transaction.atomic
def case_rereview_decide(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    outcome: str,
    facts: str,
    opinion: str,
    basis: str = "",
    served_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Case:
    """Art. 36: the 复核 opinion is final; the same request on the same facts is not accepted again."""
    hearings = case.extra.get("hearings", [])
    case, record = _level_decide(
        case, "rereview_decide", "rereview", by, on, outcome, facts, opinion, served_on, expected_version
    )
    heard = "（经听证）" if hearings else ""
    _doc(
        case,
        "rereview_opinion",
        by,
        on,
        请求日期=_cn(record.get("requested_on")),
        听证情况=heard,
        查明事实=record["facts"],
        处理结果=OPINION_LABEL[outcome],
        结果说明=OPINION_TEXT[outcome],
        处理意见=record["opinion"],
    )
    return case


@transaction.atomic
def case_conclude(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """The 复查 / 复核 window ran out without a request: the matter is concluded under the last opinion."""
    return case_transition_apply(
        case=case,
        code="conclude",
        by=by,
        on=on,
        expected_version=expected_version,
        closed_on=on,
        event_label="申请期限届满未请求复查（复核），办结",
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
