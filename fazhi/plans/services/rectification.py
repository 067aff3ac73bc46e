"""Rectification tasks (整改清单) created by another module, supervised like any plan task."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import AssignmentRole, Plan, PlanTask
from ._common import _task_assign

# ------------------------------------------------------------------------------------------------ rectification tasks
# Added for 行政应诉 (issue #4): another module (a docket) creates one supervised rectification task for a unit
# without importing a plan document. The task lives in the year's 整改清单 plan (created on first use).


@transaction.atomic
def rectification_task_create(
    *,
    by: Any,
    unit: Unit,
    title: str,
    text: str,
    due_date: dt.date | None,
    year: int,
    plan_name: str = "",
    source: str = "",
) -> PlanTask:
    """One task in the year's rectification plan (kind 整改清单), assigned to `unit` as lead: it is then signed,
    reported, reviewed and supervised like any plan task. Audited as plans.task.assigned (plus the plan creation)."""
    if not title.strip():
        raise DomainError(PlansErrorCode.TEXT_REQUIRED, "整改任务名称不能为空。", field="title")
    name = (plan_name or f"{year}年整改清单").strip()[:200]
    plan = Plan.objects.select_for_update().filter(name=name, kind="rectification", year=year).first()
    if plan is None:
        plan = Plan.objects.create(
            name=name,
            kind="rectification",
            year=year,
            rhythm="",
            created_by=by if getattr(by, "pk", None) else None,
            source_name=source[:200],
        )
        record_event(
            actor=by if by is not None else "system",
            action=PlansEvent.PLAN_IMPORTED,
            obj=plan,
            summary={"tasks": 0, "source": source, "rectification": True},
        )
    number = (plan.tasks.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    task = PlanTask.objects.create(
        plan=plan,
        number=number,
        title=title.strip()[:300],
        text=text,
        lead_units_written=[unit.name],
        due_date=due_date,
    )
    _task_assign(
        task=task, shares=[(unit, AssignmentRole.LEAD)], by=by if by is not None else "system", trigger=clocks.today()
    )
    return task
