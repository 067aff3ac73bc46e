"""Plan import: resolve the written unit names, remember confirmed mappings as aliases, create the plan and assign it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit, UnitGroup
from fazhi.orgs.selectors import normalize_unit_name, units_resolve
from fazhi.orgs.services import unit_alias_add, unit_group_save

from .. import clocks
from ..errors import PlansErrorCode
from ..events import PlansEvent
from ..models import AssignmentRole, Plan, PlanSection, PlanTask
from ..parsing import ParsedPlan
from ._common import _task_assign
from .drafting import draft_units_set

# ------------------------------------------------------------------------------------------------ unit resolution


def unit_names_resolve(names: Iterable[str]) -> dict[str, Unit | UnitGroup | None]:
    """Each written name → the unit or group it stands for (names, short names, aliases), or None."""
    out: dict[str, Unit | UnitGroup | None] = {}
    for name in names:
        r = units_resolve(name)
        out[name] = r.unit if r.unit is not None else r.group
    return out


def _remember_mapping(*, by: Any, name: str, target: Unit | UnitGroup) -> None:
    """A mapping confirmed in the preview becomes an alias, so the next import resolves it on its own."""
    if isinstance(target, Unit):
        unit_alias_add(by=by, unit=target, alias=name, source="plan_import")
    else:
        key = normalize_unit_name(name)
        if key != target.name and key not in target.aliases:
            unit_group_save(
                by=by,
                group=target,
                code=target.code,
                name=target.name,
                aliases=[*target.aliases, key],
                members=list(target.members.all()),
                description=target.description,
            )


# ------------------------------------------------------------------------------------------------ import


@transaction.atomic
def plan_import(
    *,
    by: Any,
    parsed: ParsedPlan,
    name: str,
    kind: str,
    year: int | None,
    mapping: dict[str, Unit | UnitGroup] | None = None,
    source_name: str = "",
    submit_token: uuid.UUID | None = None,
    start_clocks_on: dt.date | None = None,
    dispatch: bool = True,
) -> Plan:
    """Create the plan, its sections and tasks, and assign every task to its units (groups expanded).

    With `dispatch=False` (the import page, #13) the plan is a draft: each task keeps its resolved units as
    DraftUnit rows, is edited on the draft page and assigned later by `plan_dispatch`, in full or by section.

    Every written unit name must resolve (or be mapped in `mapping`); otherwise nothing is saved."""
    if submit_token is not None:
        existing = Plan.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    if not name.strip():
        raise DomainError(PlansErrorCode.TEXT_REQUIRED, "计划名称不能为空。", field="name")
    mapping = dict(mapping or {})
    resolved = unit_names_resolve(parsed.unit_names())
    unresolved = [n for n, target in resolved.items() if target is None and n not in mapping]
    if unresolved:
        raise DomainError(
            PlansErrorCode.UNIT_UNRESOLVED,
            f"以下单位名称无法识别，请先对应到系统中的单位：{'、'.join(unresolved)}。",
            field="units",
        )
    for written, target in mapping.items():
        if resolved.get(written) is None:
            _remember_mapping(by=by, name=written, target=target)
        resolved[written] = target

    plan = Plan.objects.create(
        name=name.strip()[:200],
        kind=kind,
        year=year or parsed.plan_year,
        source_name=source_name[:200],
        created_by=by if getattr(by, "pk", None) else None,
        submit_token=submit_token,
    )
    sections: dict[tuple[str, ...], PlanSection] = {}
    order = 0
    trigger = start_clocks_on or clocks.today()
    for pt in parsed.tasks:
        parent = None
        path: tuple[str, ...] = ()
        for level, title in enumerate(pt.section):
            path = (*path, title)
            if path not in sections:
                order += 1
                sections[path] = PlanSection.objects.create(
                    plan=plan, parent=parent, title=title[:300], level=level, order=order
                )
            parent = sections[path]
        task = PlanTask.objects.create(
            plan=plan,
            section=parent,
            number=pt.number,
            title=pt.title[:300],
            text=pt.text,
            lead_units_written=pt.lead_units,
            co_units_written=pt.co_units,
            due_date=pt.due,
            rhythm=pt.rhythm or plan.rhythm,
            targets=pt.targets,
            dispatched_at=timezone.now() if dispatch else None,
        )
        shares: list[tuple[Unit | UnitGroup, str]] = [(resolved[n], AssignmentRole.LEAD) for n in pt.lead_units]
        shares += [(resolved[n], AssignmentRole.CO) for n in pt.co_units]
        if dispatch:
            _task_assign(task=task, shares=shares, by=by, trigger=trigger)
        else:
            draft_units_set(task, shares)
    record_event(
        actor=by,
        action=PlansEvent.PLAN_IMPORTED,
        obj=plan,
        summary={
            "tasks": len(parsed.tasks),
            "source": source_name,
            "mapped": sorted(mapping),
            "dispatched": dispatch,
        },
    )
    return plan
