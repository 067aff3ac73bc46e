"""涉企行政检查 plans and 无事不扰 (国办发〔2024〕54号, legal-rules.md §12.4 ⚠ the plan's contents and the quiet periods
are local practice, data): a body's annual plan (items: matter, subjects, frequency; the 专项检查 quota), approved by
the government and filed before it binds; quiet periods checked when an inspection is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.validators import validate_credit_code
from fazhi.deadlines.selectors import today_local

from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, InspectionPlan, InspectionPlanItem, QuietPeriod
from ..policies import BodyPolicy
from ..states import MatterKind
from ._common import event, is_user, need, who


def _may(by: Any, body: Body) -> None:
    if is_user(by) and not BodyPolicy.can(by, "matters", body):
        raise DomainError(E.FORBIDDEN, "您无权维护该执法主体的检查计划。")


@transaction.atomic
def plan_save(*, by: Any, body: Body, year: int, special_quota: int | None = None) -> InspectionPlan:
    """Create (or return) the body's plan for `year`; an approved plan keeps its quota."""
    _may(by, body)
    if not 2000 <= year <= 2999:
        raise DomainError(E.INVALID, "请填写正确的年度。", field="year")
    if special_quota is not None and special_quota < 0:
        raise DomainError(E.INVALID, "专项检查次数上限不能为负数。", field="special_quota")
    plan, made = InspectionPlan.objects.get_or_create(
        body=body, year=year, defaults={"special_quota": special_quota, "created_by": who(by)}
    )
    if made:
        event(plan, Ev.PLAN_SAVED, by, year=year, special_quota=special_quota)
    return plan


@transaction.atomic
def plan_item_add(
    *, by: Any, plan: InspectionPlan, matter_code: str, subjects: str, frequency: int
) -> InspectionPlanItem:
    """An item of a plan not yet approved: an 行政检查 matter of the body's list, its subjects and frequency."""
    plan = InspectionPlan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    _may(by, plan.body)
    if plan.approved_on is not None:
        raise DomainError(E.STATE, "检查计划已经批准，不能再增加事项。", field="matter")
    matter = plan.body.matters.filter(code=(matter_code or "").strip(), is_active=True).first()
    if matter is None:
        raise DomainError(E.UNKNOWN_MATTER, f"事项编码“{matter_code}”不在该执法主体的执法事项清单中。", field="matter")
    if matter.kind != MatterKind.INSPECTION:
        raise DomainError(E.UNKNOWN_MATTER, f"事项“{matter.code}”不是行政检查事项。", field="matter")
    if plan.items.filter(matter=matter).exists():
        raise DomainError(E.DUPLICATE, f"事项“{matter.code}”已在检查计划中。", field="matter")
    if frequency < 1:
        raise DomainError(E.INVALID, "检查频次至少为每年1次。", field="frequency")
    item = InspectionPlanItem.objects.create(
        plan=plan, matter=matter, subjects=need(subjects, "subjects", "检查对象")[:200], frequency=frequency
    )
    event(plan, Ev.PLAN_SAVED, by, item=matter.code, frequency=frequency)
    return item


@transaction.atomic
def plan_approve(
    *, by: Any, plan: InspectionPlan, approved_on: dt.date, approved_by: str, filed_on: dt.date, expected_version: int
) -> InspectionPlan:
    """Record the government's approval and the filing (备案): from the later of the two days the plan binds.
    Refused: no item, a filing before the approval, a day after today, already approved, a stale version."""
    plan = InspectionPlan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    _may(by, plan.body)
    if plan.version != expected_version:
        raise ConflictError()
    if plan.approved_on is not None:
        raise DomainError(E.STATE, f"检查计划已于{plan.approved_on:%Y-%m-%d}批准。", field="approved_on")
    if not plan.items.exists():
        raise DomainError(E.INVALID, "检查计划没有检查事项，不能报批。", field="items")
    today = today_local()
    for d, field, label in ((approved_on, "approved_on", "批准日期"), (filed_on, "filed_on", "备案日期")):
        if d > today:
            raise DomainError(E.DATE, f"{label}{d:%Y-%m-%d}不能晚于今天。", field=field)
    if filed_on < approved_on:
        raise DomainError(
            E.DATE, f"备案日期{filed_on:%Y-%m-%d}不能早于批准日期{approved_on:%Y-%m-%d}。", field="filed_on"
        )
    plan.approved_on, plan.filed_on = approved_on, filed_on
    plan.approved_by = need(approved_by, "approved_by", "批准机关")[:100]
    plan.published_on = plan.published_on or filed_on
    plan.save_versioned(
        expected_version=expected_version, update_fields=["approved_on", "approved_by", "filed_on", "published_on"]
    )
    event(plan, Ev.PLAN_APPROVED, by, approved_on=approved_on.isoformat(), filed_on=filed_on.isoformat())
    return plan


def plan_in_effect(body: Body, on: dt.date) -> InspectionPlan | None:
    """The body's plan for `on`'s year, approved and filed on or before `on`."""
    return (
        InspectionPlan.objects.filter(body=body, year=on.year, approved_on__lte=on, filed_on__lte=on)
        .prefetch_related("items")
        .first()
    )


def outside_plan(body: Body, matter: Any, on: dt.date) -> str:
    """ "" when the inspection's matter is an item of the plan in effect; else why not (flagged, not refused)."""
    plan = plan_in_effect(body, on)
    if plan is None:
        return f"{body.unit.name}{on.year}年度无经批准并备案的行政检查计划"
    if not any(i.matter_id == matter.pk for i in plan.items.all()):
        return f"检查事项“{matter.code}”不在{plan}中"
    return ""


def quiet_periods_for(bodies: list[Body], enterprise_code: str, on: dt.date) -> list[QuietPeriod]:
    qs = QuietPeriod.objects.filter(starts_on__lte=on, ends_on__gte=on).filter(
        Q(body__isnull=True) | Q(body__in=bodies)
    )
    return [
        p for p in qs.order_by("starts_on", "id") if not p.enterprise_codes or enterprise_code in p.enterprise_codes
    ]


@transaction.atomic
def quiet_period_save(
    *,
    by: Any,
    body: Body | None,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    enterprise_codes: list[str] = (),  # type: ignore[assignment]
    basis: str = "",
) -> QuietPeriod:
    """A 无事不扰 period as data (the office: every body; a body's own staff: its own). Refused: the end before the
    start, a malformed 统一社会信用代码 (naming it)."""
    from django.core.exceptions import ValidationError

    if body is not None:
        _may(by, body)
    elif is_user(by):
        from fazhi.orgs.scopes import grants_for

        if not grants_for(by).has("enforcement.body.manage"):
            raise DomainError(E.FORBIDDEN, "只有行政执法监督机构可以设定适用于全部执法主体的无事不扰期。")
    if ends_on < starts_on:
        raise DomainError(E.DATE, f"截止日期{ends_on:%Y-%m-%d}不能早于起始日期{starts_on:%Y-%m-%d}。", field="ends_on")
    codes = []
    for raw in enterprise_codes:
        if not (raw or "").strip():
            continue
        try:
            codes.append(validate_credit_code(raw))
        except ValidationError as exc:
            raise DomainError(E.CREDIT_CODE, f"{raw.strip()}：{exc.messages[0]}", field="enterprise_codes") from None
    p = QuietPeriod.objects.create(
        body=body,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=need(reason, "reason", "名称或理由")[:200],
        enterprise_codes=sorted(set(codes)),
        basis=(basis or "").strip()[:200] or "国办发〔2024〕54号",
    )
    event(p, Ev.QUIET_PERIOD_SAVED, by, body=body.pk if body else None, starts=starts_on.isoformat())
    return p
