"""Fieldwork and findings. A fieldwork record checks one checklist item at one inspected unit by one method (the
settings' list) and says whether it found a problem; a finding (问题清单) names its basis, severity, responsible unit
and due date, and becomes at once a supervisable item on that unit's board (`fazhi.supervision.item_raise`, kind
`inspections.finding`) — in the same transaction: a refused finding leaves no item, a refused item no finding."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.supervision.services import item_raise

from .. import settings as conf
from ..errors import InspectionErrorCode as E
from ..events import InspectionEvent as V
from ..models import ChecklistItem, Fieldwork, Finding, FindingSource, InspectionPlan, PlanState, Target
from ..sources import KIND
from ._common import event, need, not_future, plan_lock, who


@transaction.atomic
def fieldwork_record(
    *,
    plan: InspectionPlan,
    by: Any,
    target: Target | None,
    checklist_item: ChecklistItem | None,
    method: str,
    on: dt.date | None,
    has_finding: bool,
    note: str = "",
    submit_token: UUID | None = None,
) -> Fieldwork:
    if submit_token and (done := Fieldwork.objects.filter(submit_token=submit_token).first()) is not None:
        return done
    p = plan_lock(plan, by, "record")
    if p.state != PlanState.UNDERWAY:
        raise DomainError(E.STATE, f"督察当前为“{p.get_state_display()}”，不能记录督察情况。", field="state")
    if target is None or target.plan_id != p.pk:
        raise DomainError(E.REQUIRED, "请选择被督察单位。", field="target")
    if checklist_item is None or checklist_item.plan_id != p.pk:
        raise DomainError(E.REQUIRED, "请选择督察清单事项。", field="checklist_item")
    if method not in dict(conf.methods()):
        raise DomainError(E.INVALID, "请选择督察方式。", field="method")
    on = not_future(on, "on", "督察日期")
    if on < p.start_on:
        raise DomainError(E.DATE, f"督察日期不能早于督察开始日期（{p.start_on:%Y-%m-%d}）。", field="on")
    if has_finding:
        need(note, "note", "发现的问题（督察情况）")
    w = Fieldwork.objects.create(
        plan=p,
        target=target,
        checklist_item=checklist_item,
        method=method,
        on=on,
        has_finding=has_finding,
        note=(note or "").strip(),
        by=who(by),
        submit_token=submit_token,
    )
    event(
        p,
        V.FIELDWORK_RECORDED,
        by,
        target.unit,
        unit=target.unit.name,
        item=checklist_item.number,
        method=method,
        finding=has_finding,
    )
    return w


def finding_check(
    *, responsible_unit: Any, text: str, basis: str, severity: str, found_on: dt.date | None, due_on: dt.date | None
) -> None:
    """The checks a finding passes wherever it comes from (fieldwork, a feedback document, 回头看)."""
    if responsible_unit is None:
        raise DomainError(E.REQUIRED, "请选择问题的责任单位。", field="responsible_unit")
    need(text, "text", "问题描述")
    need(basis, "basis", "问题的依据")
    if severity not in dict(conf.severities()):
        raise DomainError(E.INVALID, "请选择严重程度。", field="severity")
    not_future(found_on, "found_on", "发现日期")
    if due_on is None:
        raise DomainError(E.REQUIRED, "请填写整改期限。", field="due_on")
    assert found_on is not None
    if due_on < found_on:
        raise DomainError(
            E.DATE, f"整改期限（{due_on:%Y-%m-%d}）不能早于发现日期（{found_on:%Y-%m-%d}）。", field="due_on"
        )
    today = today_local()
    if due_on < today:
        raise DomainError(E.DATE, f"整改期限（{due_on:%Y-%m-%d}）不能早于今天（{today:%Y-%m-%d}）。", field="due_on")


def _raise(p: InspectionPlan, by: Any, **values: Any) -> Finding:
    number = (Finding.objects.filter(plan=p).aggregate(n=Max("number"))["n"] or 0) + 1
    f = Finding.objects.create(plan=p, organizer=p.organizer, number=number, **values)
    try:
        item = item_raise(
            source=f,
            kind=KIND,
            unit=f.responsible_unit,
            reason=f"法治督察整改：{p.title}问题{number}",
            text=f.text,
            due=f.due_on,
            dedupe_key=f"inspections.finding.{f.pk}",
            by=who(by),
        )
    except DomainError as exc:  # the shared mechanism's field names → the finding's
        exc.field = {"unit": "responsible_unit", "due": "due_on", "reason": "text"}.get(exc.field or "", exc.field)
        raise
    f.item = item
    f.save(update_fields=["item", "updated_at"])
    event(
        f,
        V.FINDING_RAISED,
        by,
        f.responsible_unit,
        plan=p.pk,
        number=number,
        unit=f.responsible_unit.name,
        severity=f.severity,
        due_on=f.due_on.isoformat(),
        item=item.pk,
    )
    return f


@transaction.atomic
def finding_raise(
    *,
    plan: InspectionPlan,
    by: Any,
    responsible_unit: Any,
    text: str,
    basis: str,
    severity: str,
    found_on: dt.date | None,
    due_on: dt.date | None,
    fieldwork: Fieldwork | None = None,
    source: str = FindingSource.FIELDWORK,
    recheck_of: Finding | None = None,
    submit_token: UUID | None = None,
) -> Finding:
    if submit_token and (done := Finding.objects.filter(submit_token=submit_token).first()) is not None:
        return done
    p = plan_lock(plan, by, "record")
    if source == FindingSource.FIELDWORK and p.state != PlanState.UNDERWAY:
        raise DomainError(E.STATE, f"督察当前为“{p.get_state_display()}”，不能登记问题。", field="state")
    if fieldwork is not None and fieldwork.plan_id != p.pk:
        raise DomainError(E.INVALID, "督察记录不属于该督察。", field="fieldwork")
    finding_check(
        responsible_unit=responsible_unit, text=text, basis=basis, severity=severity, found_on=found_on, due_on=due_on
    )
    if fieldwork is not None and not fieldwork.has_finding:
        Fieldwork.objects.filter(pk=fieldwork.pk).update(has_finding=True)
    return _raise(
        p,
        by,
        source=source,
        fieldwork=fieldwork,
        checklist_item=fieldwork.checklist_item if fieldwork else None,
        recheck_of=recheck_of,
        text=text.strip(),
        basis=basis.strip(),
        severity=severity,
        responsible_unit=responsible_unit,
        found_on=found_on,
        due_on=due_on,
        submit_token=submit_token,
    )
