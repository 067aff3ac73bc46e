"""执法投诉: complaints about enforcement to the 行政执法监督机构 (issue #21 §5; 《行政执法监督条例》, 国务院令第825号 ⚠ its
articles on complaints are unread, legal-rules.md §12.1: the handling period is a setting, the steps a declared
table in states.py). From the portal (a query code and the phone follow it), from a 12345 work order about
enforcement (one complaint per order, idempotent), or registered by the office. 受理 → 调查 → 处理结果 (or 不予受理)
on the clock `enforcement.complaint`; a closure after the due day is flagged late."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.cases.services.attachments import attachment_check
from fazhi.core.errors import ConflictError, DomainError
from fazhi.deadlines.models import Clock
from fazhi.deadlines.selectors import today_local
from fazhi.deadlines.services import clock_complete, clock_start

from ..clocks import COMPLAINT_RULE
from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, Complaint, ComplaintAttachment, SupervisionCounter
from ..policies import ComplaintPolicy
from ..rules import COMPLAINT_HOTLINE_TYPES, complaint_hotline_categories, settings_value
from ..states import (
    COMPLAINT_STEP_LABELS,
    COMPLAINT_TRANSITIONS,
    ComplaintChannel,
    ComplaintOutcome,
    complaint_may,
)
from ._common import event, is_user, need, who

CLOCK_KEY = "handling"
PHONE = re.compile(r"^[0-9+\-]{7,20}$")


def complaint_clock(c: Complaint) -> Clock | None:
    return (
        Clock.objects.filter(
            content_type=ContentType.objects.get_for_model(Complaint), object_id=str(c.pk), key=CLOCK_KEY
        )
        .order_by("-id")
        .first()
    )


def _number(year: int) -> str:
    counter, _ = SupervisionCounter.objects.get_or_create(year=year, kind="complaint")
    counter = SupervisionCounter.objects.select_for_update(of=("self",)).get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"执法投诉〔{year}〕{counter.last}号"


@transaction.atomic
def complaint_receive(
    *,
    by: Any,
    body: Body | None,
    channel: str,
    name: str,
    phone: str,
    subject: str,
    content: str,
    request: str = "",
    received_on: dt.date | None = None,
    submit_token: UUID | None = None,
    hotline_case: Any = None,
    files: list[Any] | None = None,
) -> Complaint:
    """Register a complaint about `body`'s enforcement; the handling clock starts on the day it arrived. A repeated
    `submit_token` is the first complaint. Refused (nothing saved), naming the field: no body or an inactive one, an
    unknown channel, no name, a malformed phone (required on the portal, where it follows the complaint), no 事项 or
    内容, a date after today, more files than COMPLAINT_MAX_FILES or a file the upload check refuses (naming it; every
    file is checked before anything is stored)."""
    if submit_token and (existing := Complaint.objects.filter(submit_token=submit_token).first()):
        return existing
    if body is None:
        raise DomainError(E.INVALID, "请选择被投诉的执法主体。", field="body")
    if is_user(by) and not ComplaintPolicy.can(by, "handle", Complaint(unit=body.unit)):
        raise DomainError(E.FORBIDDEN, "您无权登记对该执法主体的投诉。")
    if not body.is_active:
        raise DomainError(E.INVALID, f"执法主体{body.unit.name}已停用。", field="body")
    if channel not in ComplaintChannel.values:
        raise DomainError(E.INVALID, "未知的投诉来源。", field="channel")
    name = need(name, "name", "投诉人姓名")[:50]
    phone = re.sub(r"\s", "", phone or "")
    if phone and not PHONE.match(phone):
        raise DomainError(E.INVALID, f"联系电话“{phone}”格式不正确，应为7至20位数字。", field="phone")
    if not phone and channel == ComplaintChannel.PORTAL:
        raise DomainError(E.INVALID, "请填写联系电话（查询办理进度时需要输入）。", field="phone")
    today = today_local()
    received_on = received_on or today
    if received_on > today:
        raise DomainError(E.DATE, f"收到日期{received_on:%Y-%m-%d}不能晚于今天。", field="received_on")
    files = [f for f in (files or []) if f]
    limit = int(settings_value("COMPLAINT_MAX_FILES", 5))
    if len(files) > limit:
        raise DomainError(E.INVALID, f"最多可以提交{limit}份材料，您选择了{len(files)}份。", field="files")
    for f in files:
        attachment_check(f, field="files")
    c = Complaint.objects.create(
        number=_number(received_on.year),
        query_code=secrets.token_urlsafe(12),
        channel=channel,
        body=body,
        unit=body.unit,
        complainant_name=name,
        complainant_phone=phone,
        subject=need(subject, "subject", "投诉事项")[:200],
        content=need(content, "content", "投诉内容"),
        request=(request or "").strip(),
        received_on=received_on,
        hotline_case=hotline_case,
        created_by=who(by),
        submit_token=submit_token,
    )
    clock = clock_start(
        obj=c, rule_id=COMPLAINT_RULE, trigger_date=received_on, by=by or "portal", unit=body.unit, key=CLOCK_KEY
    )
    c.due_on = clock.due_date
    c.save(update_fields=["due_on"])
    for f in files:
        _attachment_store(c, f, from_public=channel == ComplaintChannel.PORTAL)
    event(
        c,
        Ev.COMPLAINT_RECEIVED,
        by or "portal",
        number=c.number,
        channel=channel,
        body=body.pk,
        attachments=[{"name": a.original_name, "sha256": a.sha256} for a in c.attachments.all()],
    )
    return c


def _attachment_store(c: Complaint, f: Any, *, from_public: bool) -> ComplaintAttachment:
    import hashlib
    import uuid
    from pathlib import PurePath

    digest = hashlib.sha256()
    for chunk in f.chunks():
        digest.update(chunk)
    f.seek(0)
    att = ComplaintAttachment(
        complaint=c,
        original_name=(f.name or "")[:255],
        size=f.size or 0,
        sha256=digest.hexdigest(),
        from_public=from_public,
    )
    att.file.save(f"{uuid.uuid4().hex}{PurePath(f.name or '').suffix.lower()}", f, save=False)
    att.save()
    return att


def complaint_attachment_read(*, attachment: ComplaintAttachment, by: Any) -> ComplaintAttachment:
    """Record that `by` opened a complaint's file (every download audited); refused for anyone the complaint's
    policy does not let see it."""
    from fazhi.audit.services import record_event

    c = attachment.complaint
    if not ComplaintPolicy.can(by, "view", c):
        raise DomainError(E.FORBIDDEN, "您无权查看该投诉的材料。")
    record_event(
        actor=by,
        action=str(Ev.COMPLAINT_ATTACHMENT_READ),
        obj=c,
        summary={"attachment_id": attachment.pk, "name": attachment.original_name, "sha256": attachment.sha256},
        unit=c.unit,
    )
    return attachment


def hotline_order_problem(order: Any) -> str:
    """ "" when a 12345 work order is about enforcement (its 诉求类型 投诉 / 举报 and its 诉求分类 in the setting
    COMPLAINT_HOTLINE_CATEGORIES); else why not."""
    if getattr(order, "docket", "") != "hotline":
        return "所选记录不是12345热线工单。"
    extra = order.extra or {}
    if extra.get("type") not in COMPLAINT_HOTLINE_TYPES:
        return "只有诉求类型为投诉或举报的12345工单可以转为执法投诉。"
    cats = complaint_hotline_categories()
    if extra.get("category") not in cats:
        return f"该工单的诉求分类“{extra.get('category', '')}”不属于行政执法类（设置 COMPLAINT_HOTLINE_CATEGORIES）。"
    return ""


@transaction.atomic
def complaint_from_hotline(*, by: Any, order: Any, body: Body | None = None) -> Complaint:
    """Turn a 12345 work order about enforcement into a complaint: the same order twice (a retried click, two
    users) is the first complaint. The body is the one given, else the 执法主体 of the unit the order was dispatched
    to. The caller's name and phone are copied (encrypted) from the order's applicant."""
    from fazhi.cases.models import Case

    order = Case.objects.select_for_update(of=("self",)).get(pk=order.pk)  # two clicks: the second waits, then finds
    existing = Complaint.objects.filter(hotline_case=order).first()
    if existing is not None:
        return existing
    problem = hotline_order_problem(order)
    if problem:
        raise DomainError(E.NOT_ENFORCEMENT, problem, field="order")
    if body is None:
        unit_ids = [u for u in (order.respondent_unit_id, order.handling_unit_id) if u]
        body = Body.objects.filter(unit_id__in=unit_ids, is_active=True).select_related("unit").first()
    if body is None:
        raise DomainError(E.INVALID, "该工单的承办单位不是执法主体，请选择被投诉的执法主体。", field="body")
    caller = order.parties.filter(role="applicant").order_by("id").first()
    extra = order.extra or {}
    return complaint_receive(
        by=by,
        body=body,
        channel=ComplaintChannel.HOTLINE,
        name=(caller.name if caller is not None else "") or "12345来电人",
        phone=(caller.phone if caller is not None else "") or "",
        subject=f"12345工单{extra.get('source_id', order.pk)}：{order.title}"[:200],
        content=extra.get("content") or order.title,
        received_on=today_local(),
        hotline_case=order,
    )


@transaction.atomic
def complaint_step(
    *,
    by: Any,
    complaint: Complaint,
    step: str,
    on: dt.date,
    expected_version: int,
    text: str = "",
    outcome: str = "",
) -> Complaint:
    """One step of the declared table (states.COMPLAINT_TRANSITIONS): 受理 (`accept`), 不予受理 (`reject`, a reason
    required; the clock completes), 登记调查情况 (`investigate`, the text required), 处理结果 (`conclude`: an outcome
    and the result; the clock completes; after the due day the complaint is flagged late). Refused: a step the state
    does not allow, a date before the complaint arrived (or before 受理) or after today, a stale version."""
    c = Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)
    if is_user(by) and not ComplaintPolicy.can(by, "handle", c):
        raise DomainError(E.FORBIDDEN, "您无权办理该执法投诉。")
    if c.version != expected_version:
        raise ConflictError()
    if step not in COMPLAINT_STEP_LABELS or not complaint_may(c.state, step):
        raise DomainError(
            E.STATE,
            f"投诉当前为“{c.get_state_display()}”，不能{COMPLAINT_STEP_LABELS.get(step, '办理该步骤')}。",
            field="step",
        )
    if on > today_local():
        raise DomainError(E.DATE, f"日期{on:%Y-%m-%d}不能晚于今天。", field="on")
    start = c.accepted_on or c.received_on
    if on < start:
        raise DomainError(
            E.DATE, f"日期{on:%Y-%m-%d}不能早于{'受理' if c.accepted_on else '收到'}日期{start:%Y-%m-%d}。", field="on"
        )
    fields = ["state", "handled_by"]
    if step == "accept":
        c.accepted_on = on
        fields.append("accepted_on")
    elif step == "investigate":
        c.investigation = need(text, "text", "调查情况")
        fields.append("investigation")
    else:
        if step == "conclude":
            if outcome not in ComplaintOutcome.values:
                raise DomainError(E.INVALID, "请选择处理结论。", field="outcome")
            if not c.investigation.strip():
                raise DomainError(E.INVALID, "请先登记调查情况，再作出处理结果。", field="text")
            c.outcome = outcome
            fields.append("outcome")
        c.result = need(text, "text", "处理结果" if step == "conclude" else "不予受理的理由")
        c.closed_on = on
        c.late = c.due_on is not None and on > c.due_on
        fields += ["result", "closed_on", "late"]
        clock = complaint_clock(c)
        if clock is not None and clock.completed_on is None:
            clock_complete(clock=clock, on=on, by=by)
    c.state = COMPLAINT_TRANSITIONS[(c.state, step)]
    c.handled_by = who(by)
    c.save_versioned(expected_version=expected_version, update_fields=fields)
    event(c, Ev.COMPLAINT_STEP, by, step=step, on=on.isoformat(), state=c.state)
    return c
