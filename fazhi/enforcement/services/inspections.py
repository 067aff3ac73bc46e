"""Writes of 涉企行政检查 records (国办发〔2024〕54号, legal-rules.md §12.4): certified officers only, an item of the lead
body's list, the enterprise by a valid 统一社会信用代码, and the per-enterprise per-body annual cap — a record that would
go over it is refused with the warning first (warn before) and, once confirmed, saved and flagged (flag after)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.core.validators import validate_credit_code
from fazhi.deadlines.selectors import today_local

from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, Case, Inspection
from ..policies import CasePolicy
from ..rules import settings_value
from ..states import ConfirmState, MatterKind
from ._common import event, is_user, need, who
from .cases import _matter, _officers
from .plans import outside_plan, plan_in_effect, quiet_periods_for


def inspections_counted(body: Body, enterprise_code: str, year: int) -> int:
    """How many inspections of the enterprise count against `body`'s cap in `year`. A joint inspection counts once
    for each participant (setting JOINT_COUNTS "each", default) or only for its lead body ("lead") — never once per
    officer or per participant for the same body."""
    qs = Inspection.objects.filter(enterprise_code=enterprise_code, on__year=year)
    if settings_value("JOINT_COUNTS", "each") == "lead":
        return qs.filter(body=body).count()
    return qs.filter(Q(body=body) | Q(partners=body)).distinct().count()


def cap_warnings(bodies: list[Body], enterprise_code: str, on: dt.date) -> list[str]:
    """Before recording: each body whose cap this inspection would exceed."""
    out = []
    counted_bodies = bodies[:1] if settings_value("JOINT_COUNTS", "each") == "lead" else bodies
    for b in counted_bodies:
        if b.inspection_cap is None:
            continue
        n = inspections_counted(b, enterprise_code, on.year) + 1
        if n > b.inspection_cap:
            out.append(
                f"该企业{on.year}年度接受{b.unit.name}的检查将达{n}次，超过公布的年度上限{b.inspection_cap}次"
                "（国办发〔2024〕54号）"
            )
    return out


@transaction.atomic
def inspection_record(
    *,
    by: Any,
    body: Body,
    on: dt.date,
    matter_code: str,
    enterprise_code: str,
    enterprise_name: str,
    officer_numbers: list[str],
    partners: list[Body] | None = None,
    result: str = "",
    confirm_over_cap: bool = False,
    submit_token: UUID | None = None,
    cause: str = "",
    special: bool = False,
) -> Inspection:
    if submit_token and (existing := Inspection.objects.filter(submit_token=submit_token).first()):
        return existing
    if is_user(by) and not CasePolicy.can(by, "record", Case(unit=body.unit)):
        raise DomainError(E.FORBIDDEN, "您无权为该执法主体记录检查。")
    if on > today_local():
        raise DomainError(E.DATE, "检查日期不能晚于今天。", field="on")
    try:
        code = validate_credit_code(enterprise_code)
    except ValidationError as exc:
        raise DomainError(E.CREDIT_CODE, exc.messages[0], field="enterprise_code") from None
    name = need(enterprise_name, "enterprise_name", "企业名称")
    matter = _matter(body, matter_code)
    if matter.kind != MatterKind.INSPECTION:
        raise DomainError(E.UNKNOWN_MATTER, f"事项“{matter.code}”不是行政检查事项。", field="matter")
    partners = [p for p in (partners or []) if p.pk != body.pk]
    officers: list[Any] = []
    known = {o.certificate_number: o.body_id for o in _all_officers(officer_numbers)}
    for b in [body, *partners]:
        own = {b.pk, b.entrusted_by_id} - {None}
        numbers = [n for n in officer_numbers if known.get(n.strip().upper()) in own]
        officers.extend(_officers(b, numbers, on, set(), what="行政检查"))
    unknown = [n for n in officer_numbers if n.strip().upper() not in {o.certificate_number for o in officers}]
    if unknown:
        raise DomainError(
            E.UNKNOWN_OFFICER, f"执法证号{unknown[0].strip().upper()}不是参加检查单位登记的执法人员。", field="officers"
        )
    if not officers:
        raise DomainError(E.INVALID, "请填写执法人员执法证号。", field="officers")
    cause = (cause or "").strip()[:200]
    quiet = quiet_periods_for([body, *partners], code, on)
    if quiet and not cause:
        p = quiet[0]
        raise DomainError(
            E.QUIET,
            f"{on:%Y-%m-%d}处于无事不扰期“{p.reason}”（{p.starts_on:%Y-%m-%d}至{p.ends_on:%Y-%m-%d}），"
            f"无投诉举报、转办交办等线索不得开展涉企行政检查（{p.basis}）。确需检查的，请填写检查启动原因。",
            field="cause",
        )
    plan = plan_in_effect(body, on)
    over_quota = bool(
        special
        and plan is not None
        and plan.special_quota is not None
        and Inspection.objects.filter(body=body, special=True, on__year=on.year).count() + 1 > plan.special_quota
    )
    warnings = cap_warnings([body, *partners], code, on)
    if warnings and not confirm_over_cap:
        raise DomainError(E.OVER_CAP, "；".join(warnings) + "。确需检查的，请确认后提交。", field="confirm_over_cap")
    published = matter.published_on is not None and matter.published_on <= on
    insp = Inspection.objects.create(
        body=body,
        unit=body.unit,
        on=on,
        matter=matter,
        enterprise_code=code,
        enterprise_name=name,
        result=(result or "").strip(),
        unpublished_item=not published,
        over_cap=bool(warnings),
        outside_plan=bool(outside_plan(body, matter, on)),
        special=special,
        over_quota=over_quota,
        in_quiet_period=bool(quiet),
        cause=cause,
        created_by=who(by),
        submit_token=submit_token,
        confirm_code=secrets.token_urlsafe(24),  # 192 random bits: the link is the enterprise's only key
    )
    insp.partners.set(partners)
    insp.officers.set(officers)
    event(insp, Ev.INSPECTION_RECORDED, by, enterprise=code, matter=matter.code, over_cap=bool(warnings))
    return insp


def _all_officers(numbers: list[str]) -> list[Any]:
    from ..models import Officer

    return list(Officer.objects.filter(certificate_number__in=[n.strip().upper() for n in numbers]))


RATING_MAX = 5


@transaction.atomic
def inspection_confirm(*, code: str, answer: str, rating: int | None = None, note: str = "") -> Inspection:
    """The enterprise's answer through the inspection's code link (扫码确认, issue #21 §4): it confirms the inspection
    took place as recorded, or disputes it (a note is then required); it may rate it 1–5. Anonymous by design — the
    unguessable code is the key; one answer per inspection."""
    insp = Inspection.objects.select_for_update(of=("self",)).filter(confirm_code=code or "-").first()
    if insp is None or not code:
        raise DomainError(E.INVALID, "确认链接无效。", field="code")
    if insp.confirm_state != ConfirmState.PENDING:
        raise DomainError(E.INVALID, "该检查已经确认过，不能重复提交。", field="answer")
    if answer not in (ConfirmState.CONFIRMED, ConfirmState.DISPUTED):
        raise DomainError(E.INVALID, "请选择“确认”或“有异议”。", field="answer")
    if rating is not None and not 1 <= rating <= RATING_MAX:
        raise DomainError(E.INVALID, f"评价须在1至{RATING_MAX}之间。", field="rating")
    note = (note or "").strip()
    if answer == ConfirmState.DISPUTED and not note:
        raise DomainError(E.INVALID, "有异议的，请填写异议内容。", field="note")
    insp.confirm_state = answer
    insp.confirm_rating = rating
    insp.confirm_note = note
    insp.confirmed_at = timezone.now()
    insp.save(update_fields=["confirm_state", "confirm_rating", "confirm_note", "confirmed_at", "updated_at"])
    event(insp, Ev.INSPECTION_CONFIRMED, "enterprise", answer=answer, rating=rating, enterprise=insp.enterprise_code)
    return insp
