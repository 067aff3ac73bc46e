"""依申请公开 services: intake (the Art. 31 receipt date per channel) and one service per transition (spec.py names
them). Each runs in a transaction, changes state only through `case_transition_apply` (which also applies the clock
steps declared beside the transition), extends the reply clock through `fazhi.cases.clocks` (never adding days
itself) and issues the notice the law requires as a .docx from the docket's editable templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.documents import case_document_generate
from fazhi.cases.models import Case, Party, PartyKind, PartyRole
from fazhi.cases.services import (
    PartyInput,
    attachment_add,
    attachment_check,
    case_create,
    case_transition_apply,
    today_local,
)
from fazhi.core.cn import cn_date as _cn
from fazhi.core.errors import DomainError

from .codes import APPLICANT_TYPE_LABEL, CHANNEL_LABEL, EXEMPTION, REPLY_TYPE, ROW
from .fees import METHOD_LABEL, fee_compute

DOCKET = "disclosure"
INVALID = "invalid"


def _required(value: Any, field: str, label: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    return value.strip() if isinstance(value, str) else value


def _past(on: dt.date | None, field: str, label: str) -> dt.date:
    if on is None:
        raise DomainError(INVALID, f"请填写{label}。", field=field)
    if on > today_local():
        raise DomainError(INVALID, f"{label}{_cn(on)}不能晚于今天（{_cn(today_local())}）。", field=field)
    return on


# ---- intake ---------------------------------------------------------------------------------------------------------
def receipt_date(
    *,
    channel: str,
    submitted_on: dt.date | None = None,
    mail_kind: str = "",
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> tuple[dt.date, str]:
    """The day the agency received the request (《政府信息公开条例》第三十一条) and the rule applied:
    (一) in person: the day it was handed in; (二) by post: the day the agency signed for it, or — for ordinary letters
    that need no signature — the day the office confirmed it with the applicant; (三) online or by the office's fax:
    the day both sides confirmed it. Other channels: the day the agency received it (not covered by Art. 31)."""
    if channel not in CHANNEL_LABEL:
        raise DomainError(INVALID, "请选择收到方式（当面、邮寄、网络、传真、其他）。", field="channel")
    if channel == "in_person":
        on = _past(submitted_on, "submitted_on", "当面提交日期")
        why = "当面提交的，以提交之日为收到申请之日（《政府信息公开条例》第三十一条第（一）项）"
    elif channel == "mail" and mail_kind == "registered":
        on = _past(signed_on, "signed_on", "签收日期")
        why = "以邮寄方式提交的，以行政机关签收之日为收到申请之日（《政府信息公开条例》第三十一条第（二）项）"
    elif channel == "mail":
        if mail_kind != "ordinary":
            raise DomainError(INVALID, "请选择邮件类型（需签收的邮件或平常信函）。", field="mail_kind")
        on = _past(confirmed_on, "confirmed_on", "与申请人确认日期")
        why = "以平常信函等无需签收的方式邮寄的，以与申请人确认之日为收到申请之日（《政府信息公开条例》第三十一条第（二）项）"
    elif channel in ("online", "fax"):
        on = _past(confirmed_on, "confirmed_on", "双方确认日期")
        why = "通过互联网或传真提交的，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第（三）项）"
    else:
        on = _past(submitted_on, "submitted_on", "收到日期")
        why = "以本机关实际收到之日为收到申请之日（其他方式，第三十一条未作规定）"
    if submitted_on and channel != "in_person" and on < submitted_on:
        raise DomainError(
            INVALID, f"确认或签收日期{_cn(on)}不能早于提交日期{_cn(submitted_on)}。", field="confirmed_on"
        )
    return on, why


@transaction.atomic
def disclosure_register(
    *,
    by: Any,
    handling_unit: Any,
    applicant_type: str,
    applicant: PartyInput,
    content: str,
    channel: str,
    submitted_on: dt.date | None = None,
    mail_kind: str = "",
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    purpose: str = "",
    form: str = "",
    submit_token: Any = None,
    with_receipt: bool = False,
    imported: dict[str, Any] | None = None,
    received_on: dt.date | None = None,
    files: Any = (),
) -> Case:
    """Register a request. The receipt date follows Art. 31 (`receipt_date`), or is given (`received_on`, the import);
    it starts the 20-working-day reply clock (Art. 33) and the 7-working-day correction window (Art. 30)."""
    if handling_unit is None:
        raise DomainError(INVALID, "请选择受理机关。", field="handling_unit")
    if applicant_type not in APPLICANT_TYPE_LABEL:
        raise DomainError(
            INVALID,
            "申请人类型应为自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他。",
            field="applicant_type",
        )
    content = _required(content, "content", "申请内容")
    if submit_token:
        existing = Case.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    if received_on is None:
        received_on, why = receipt_date(
            channel=channel,
            submitted_on=submitted_on,
            mail_kind=mail_kind,
            signed_on=signed_on,
            confirmed_on=confirmed_on,
        )
    else:
        if channel not in CHANNEL_LABEL:
            raise DomainError(INVALID, "收到方式应为当面、邮寄、网络、传真或其他。", field="channel")
        received_on = _past(received_on, "received_on", "收到日期")
        why = ""
    files = list(files)
    for i, f in enumerate(files):
        attachment_check(f, field="files" if i == 0 else f"files-{i}")
    kind = PartyKind.PERSON if applicant_type == "natural_person" else PartyKind.ORGANISATION
    applicant = PartyInput(**{**applicant.__dict__, "role": PartyRole.APPLICANT, "kind": kind})
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received_on,
        by=by,
        channel=channel,
        title=content[:300],
        submit_token=submit_token,
        parties=[applicant],
        with_receipt=with_receipt,
        event_label=f"收到政府信息公开申请（{CHANNEL_LABEL[channel]}）",
        imported=imported,
        extra={
            "applicant_type": applicant_type,
            "content": content,
            "purpose": (purpose or "").strip(),
            "form": form,
            "mail_kind": mail_kind if channel == "mail" else "",
            "submitted_on": submitted_on.isoformat() if submitted_on else "",
            "receipt_rule": why,
        },
    )
    if not getattr(case, "just_created", False):
        return case  # a repeated submit: the first record, unchanged
    for f in files:
        attachment_add(
            case=case, by=by, file=f, kind="application", label=f"申请材料：{f.name}", from_public=with_receipt
        )
    if imported and imported.get("state") in ("replied", "closed", "routed"):
        return case  # a concluded historical request: no live clock
    clocks.case_clock_start(case=case, key="reply", trigger_date=received_on, by=by)
    if not imported:
        clocks.case_clock_start(case=case, key="correction_notice", trigger_date=received_on, by=by)
    return case


def _applicant(case: Case) -> Party | None:
    return next((p for p in case.parties.all() if p.role == PartyRole.APPLICANT), None)


def _context(case: Case, on: dt.date, **more: Any) -> dict[str, Any]:
    applicant = _applicant(case)
    return {
        "申请人": applicant.name if applicant else "",
        "收到日期": _cn(case.received_on),
        "申请编号": case.receipt_number or case.case_number,
        "申请内容": case.extra.get("content", case.title),
        "日期": _cn(on),
        **more,
    }


def _doc(case: Case, code: str, by: Any, on: dt.date, **more: Any) -> Any:
    return case_document_generate(case=case, code=code, by=by, context=_context(case, on, **more))


def _due(case: Case, key: str) -> dt.date | None:
    clock = clocks.case_clock(case, key)
    return clock.due_date if clock is not None else None


# ---- the steps --------------------------------------------------------------------------------------------------------
@transaction.atomic
def case_confirm_clear(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    return case_transition_apply(
        case=case,
        code="confirm_clear",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"clear_on": on.isoformat()},
    )


@transaction.atomic
def case_request_correction(
    *, case: Case, by: Any, on: dt.date, defects: str, expected_version: int | None = None
) -> Case:
    """Art. 30: one notice naming every defect and a reasonable period (FAZHI_DISCLOSURE CORRECTION_DAYS)."""
    defects = _required(defects, "defects", "需要补正的事项")
    case = case_transition_apply(
        case=case,
        code="request_correction",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"correction": {"on": on.isoformat(), "defects": defects}},
        detail={"defects": defects},
    )
    due = _due(case, "correction_reply")
    case.extra["correction"]["due"] = due.isoformat() if due else ""
    case.save(update_fields=["extra", "updated_at"])  # a save: the signals keep the list stamp and the metric counts
    _doc(case, "correction_notice", by, on, 补正事项=defects, 补正期限=_cn(due))
    return case


@transaction.atomic
def case_receive_correction(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    """Art. 30: the reply period runs again from the day the corrected request is received."""
    corr = {**case.extra.get("correction", {}), "received_on": on.isoformat()}
    return case_transition_apply(
        case=case,
        code="receive_correction",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"correction": corr},
    )


@transaction.atomic
def case_close_uncorrected(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    return case_transition_apply(
        case=case,
        code="close_uncorrected",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="other.1",
        closed_on=on,
        event_label="逾期未补正，不再处理（《政府信息公开条例》第三十条）",
    )


def _consult(
    case: Case, code: str, by: Any, on: dt.date, party: str, matter: str, expected_version: int | None
) -> Case:
    party = _required(party, "party", "被征求意见方")
    kind = "third_party" if code == "consult_third_party" else "agency"
    case = case_transition_apply(
        case=case,
        code=code,
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"consultation": {"kind": kind, "party": party, "matter": (matter or "").strip(), "on": on.isoformat()}},
        detail={"party": party},
    )
    if kind == "third_party":
        _doc(case, "third_party_letter", by, on, 第三方=party)
    else:
        _doc(case, "agency_letter", by, on, 被征求意见机关=party)
    return case


@transaction.atomic
def case_consult_third_party(
    *, case: Case, by: Any, on: dt.date, party: str, matter: str = "", expected_version: int | None = None
) -> Case:
    """Art. 32: the third party answers within 15 working days; silence → the agency decides. Excluded time."""
    return _consult(case, "consult_third_party", by, on, party, matter, expected_version)


@transaction.atomic
def case_consult_agency(
    *, case: Case, by: Any, on: dt.date, party: str, matter: str = "", expected_version: int | None = None
) -> Case:
    """Art. 34: the other agency answers within 15 working days; silence = consent. Excluded time."""
    return _consult(case, "consult_agency", by, on, party, matter, expected_version)


OPINIONS = {"agree": "同意公开", "disagree": "不同意公开", "none": "期满未提出意见"}


@transaction.atomic
def case_receive_opinion(
    *, case: Case, by: Any, on: dt.date, opinion: str, summary: str = "", expected_version: int | None = None
) -> Case:
    if opinion not in OPINIONS:
        raise DomainError(INVALID, "请选择意见（同意公开、不同意公开、期满未提出意见）。", field="opinion")
    c = dict(case.extra.get("consultation") or {})
    done = [
        *case.extra.get("consultations", []),
        {**c, "opinion": opinion, "summary": summary, "answered_on": on.isoformat()},
    ]
    label = f"收到{c.get('party', '')}意见：{OPINIONS[opinion]}"
    if opinion == "none":
        label += "（第三方逾期未提出意见的由本机关决定；其他机关逾期未提出意见的视为同意）"
    return case_transition_apply(
        case=case,
        code="receive_opinion",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"consultation": None, "consultations": done},
        event_label=label,
    )


@transaction.atomic
def case_extend(
    *, case: Case, by: Any, on: dt.date, days: int, reason: str, expected_version: int | None = None
) -> Case:
    """Art. 33 ¶2: with the consent of the disclosure office's head (the step's action), once, at most 20 working days;
    the applicant is told (延期答复告知书)."""
    reason = _required(reason, "reason", "延期理由")
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise DomainError(INVALID, "延长天数须为1至20之间的整数。", field="days") from None
    if not 1 <= days <= 20:
        raise DomainError(
            INVALID,
            "延长天数须为1至20个工作日（《政府信息公开条例》第三十三条第二款：延长的期限最长不得超过20个工作日）。",
            field="days",
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
        event_label=f"延期答复{days}个工作日（负责人同意）",
    )
    clock = clocks.case_clock_extend(case=case, key="reply", units=days, approver=by, reason=reason, by=by)
    due = clock.due_date if clock is not None else None
    _doc(case, "extension_notice", by, on, 延期理由=reason, 延长天数=days, 延长后期限=_cn(due))
    return case


@transaction.atomic
def case_excessive(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    reason: str,
    due_date: dt.date | None = None,
    period: str = "",
    expected_version: int | None = None,
) -> Case:
    """Art. 35: a request clearly beyond a reasonable range — the agency may ask for reasons and, finding them
    reasonable but the Art. 33 period too short, fix a reasonable later date for the reply (`due_date`): the reply
    clock then falls due on that date and the applicant is told (延迟答复告知书)."""
    reason = _required(reason, "reason", "认定理由")
    case = case_transition_apply(
        case=case,
        code="excessive",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "excessive": {
                "on": on.isoformat(),
                "reason": reason,
                "period": (period or "").strip(),
                "due_date": due_date.isoformat() if due_date else "",
            }
        },
        detail={"reason": reason, **({"due_date": due_date.isoformat()} if due_date else {})},
    )
    if due_date is not None:
        clocks.case_clock_set_due(case=case, key="reply", due_date=due_date, reason=reason, by=by)
        _doc(case, "delay_notice", by, on, 认定理由=reason, 答复期限=_cn(due_date))
    return case


def item_number(case: Case) -> int:
    """The request's number among its applicant's requests received in the same calendar month (按件计收 counts per
    applicant per natural month, 国办函〔2020〕109号 第六条)."""
    applicant = _applicant(case)
    if applicant is None:
        return 1
    first = case.received_on.replace(day=1)
    same = Party.objects.filter(
        role=PartyRole.APPLICANT,
        name_index=applicant.name_index,
        case__docket=DOCKET,
        case__received_on__gte=first,
        case__received_on__lte=case.received_on,
    )
    if applicant.id_number_index:
        same = same.filter(id_number_index=applicant.id_number_index)
    return same.exclude(case__received_on=case.received_on, case_id__gt=case.pk).values("case_id").distinct().count()


@transaction.atomic
def case_fee_notice(
    *, case: Case, by: Any, on: dt.date, method: str, reason: str, pages: int = 0, expected_version: int | None = None
) -> Case:
    """Art. 42: a fee only for requests clearly beyond a reasonable range; computed from 国办函〔2020〕109号. The reply
    clock stops; no payment in the period (FAZHI_DISCLOSURE FEE_PAYMENT_DAYS) ends the request (三(六)2)."""
    if method not in METHOD_LABEL:
        raise DomainError(INVALID, "请选择计费方式（按件或按量计收）。", field="method")
    reason = _required(reason, "reason", "收费理由（数量、频次明显超过合理范围的情形）")
    try:
        pages = int(pages or 0)
    except (TypeError, ValueError):
        raise DomainError(INVALID, "页数须为非负整数。", field="pages") from None
    if method == "page" and pages <= 0:
        raise DomainError(INVALID, "按量计收须填写页数。", field="pages")
    fee = fee_compute(method=method, item_number=item_number(case), pages=pages)
    if fee.amount <= 0:
        raise DomainError(INVALID, f"{fee.explanation}不收费，不能发出收费通知。", field="method")
    case = case_transition_apply(
        case=case,
        code="fee_notice",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "fee": {
                "notified_on": on.isoformat(),
                "method": method,
                "quantity": fee.quantity,
                "amount": fee.amount,
                "explanation": fee.explanation,
                "reason": reason,
            }
        },
        event_label=f"发出收费通知：{fee.amount}元",
    )
    due = _due(case, "fee_payment")
    case.extra["fee"]["due"] = due.isoformat() if due else ""
    case.save(update_fields=["extra", "updated_at"])  # a save: the signals keep the list stamp and the metric counts
    _doc(case, "fee_notice", by, on, 收费理由=reason, 金额=fee.amount, 计费说明=fee.explanation, 缴费期限=_cn(due))
    return case


@transaction.atomic
def case_fee_paid(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    fee = {**case.extra.get("fee", {}), "paid_on": on.isoformat()}
    return case_transition_apply(
        case=case, code="fee_paid", by=by, on=on, expected_version=expected_version, extra={"fee": fee}
    )


@transaction.atomic
def case_close_unpaid(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    return case_transition_apply(
        case=case,
        code="close_unpaid",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="other.2",
        closed_on=on,
        event_label="逾期未缴费，不再处理（《政府信息公开条例》第四十二条）",
    )


@transaction.atomic
def case_reply(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    reply_type: str,
    row: str = "",
    content: str = "",
    expected_version: int | None = None,
) -> Case:
    """Arts. 36–38: the reply, with its legal citation and the remedies; its table row is the request's one final
    outcome. A refusal names its exemption (Arts. 14–16) through the row (不予公开 1–7)."""
    rt = REPLY_TYPE.get(reply_type)
    if rt is None:
        raise DomainError(INVALID, "请选择答复类型。", field="reply_type")
    if len(rt.rows) == 1:
        row = rt.rows[0]
    elif row not in rt.rows:
        raise DomainError(INVALID, f"请选择“{rt.label}”的具体情形（不予公开的理由）。", field="row")
    reason = ""
    if row in EXEMPTION:
        text, basis = EXEMPTION[row]
        reason = f"，所申请公开的信息{text}（{basis}）"
    if reply_type == "partial" and not (content or "").strip():
        raise DomainError(INVALID, "部分公开须写明公开的部分和不予公开的部分及理由。", field="content")
    due = _due(case, "reply")
    case = case_transition_apply(
        case=case,
        code="reply",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome=row,
        closed_on=on,
        extra={
            "reply": {
                "type": reply_type,
                "row": row,
                "on": on.isoformat(),
                "content": (content or "").strip(),
                "basis": ROW[row].basis,
                "due": due.isoformat() if due else "",
                "on_time": bool(due is None or on <= due),
            }
        },
        event_label=f"答复：{rt.label}",
        detail={"reply_type": reply_type, "row": row},
    )
    _doc(case, f"reply_{reply_type}", by, on, 答复内容=(content or "").strip(), 理由依据=reason)
    return case


@transaction.atomic
def case_route_out(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    category: str = "信访、投诉、举报",
    channel: str = "信访渠道",
    expected_version: int | None = None,
) -> Case:
    """Art. 39 ¶1: a petition, complaint or report in the form of a request is not handled as one (三(五)1)."""
    case = case_transition_apply(
        case=case,
        code="route_out",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="not_processed.1",
        closed_on=on,
        extra={"routed": {"category": category, "channel": channel, "on": on.isoformat()}},
    )
    _doc(case, "routing_notice", by, on, 事项类别=category, 渠道=channel)
    return case


@transaction.atomic
def case_withdraw(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """The applicant withdraws the request (三(六)3 其他)."""
    return case_transition_apply(
        case=case,
        code="withdraw",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="other.3",
        closed_on=on,
        extra={"withdrawn": {"on": on.isoformat(), "note": (note or "").strip()}},
    )


def disclosure_handover_create(
    *, by: Any, values: dict[str, Any], parties: list[PartyInput], received_on: dt.date, submit_token: Any
) -> Case:
    """The hand-over's registration (spec `handover`, e.g. 诉访分离: a petition that is a request for government
    information): registered with the chosen 受理机关 as if typed in; received on the hand-over date (条例 第三十一条:
    the date the agency receives the request), so the 20-working-day reply clock runs from it."""
    from fazhi.cases.handover import handover_unit, parties_split

    applicants, _respondents = parties_split(parties)
    if not applicants:
        raise DomainError(INVALID, "来源记录没有可作为申请人的当事人，请先补充当事人。", field="parties-0-name")
    applicant = applicants[0]
    applicant_type = values.get("applicant_type") or ("natural_person" if applicant.kind == "person" else "other")
    return disclosure_register(
        by=by,
        handling_unit=handover_unit(values.get("handling_unit"), field="handling_unit", label="受理机关"),
        applicant_type=applicant_type,
        applicant=applicant,
        content=values.get("content", ""),
        channel="other",
        received_on=received_on,
        purpose=values.get("purpose", ""),
        submit_token=submit_token,
    )
