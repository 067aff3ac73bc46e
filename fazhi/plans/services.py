"""Writes: plan import, assignment and every step of the supervision workflow. One door per state change."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.notifications.services import notify
from fazhi.orgs.models import Unit, UnitGroup, User
from fazhi.orgs.selectors import normalize_unit_name, units_resolve
from fazhi.orgs.services import unit_alias_add, unit_group_save

from . import clocks
from .errors import PlansErrorCode
from .events import PlansEvent
from .models import (
    AssignmentRole,
    ExtensionRequest,
    ExtensionState,
    Plan,
    PlanSection,
    PlanTask,
    ReportKind,
    ReviewDecision,
    TaskAssignment,
    TaskAttachment,
    TaskReport,
    TaskReview,
)
from .parsing import ParsedPlan
from .policies import TaskAssignmentPolicy
from .states import OPEN_STATES, TRANSITIONS, AssignmentState

S = AssignmentState


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
) -> Plan:
    """Create the plan, its sections and tasks, and assign every task to its units (groups expanded).

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
        )
        shares: list[tuple[Unit | UnitGroup, str]] = [(resolved[n], AssignmentRole.LEAD) for n in pt.lead_units]
        shares += [(resolved[n], AssignmentRole.CO) for n in pt.co_units]
        _task_assign(task=task, shares=shares, by=by, trigger=trigger)
    record_event(
        actor=by,
        action=PlansEvent.PLAN_IMPORTED,
        obj=plan,
        summary={"tasks": len(parsed.tasks), "source": source_name, "mapped": sorted(mapping)},
    )
    return plan


def _task_assign(
    *, task: PlanTask, shares: Sequence[tuple[Unit | UnitGroup, str]], by: Any, trigger: dt.date
) -> list[TaskAssignment]:
    """Expand groups to their members; a unit named as lead and as co is lead; each unit gets one assignment."""
    roles: dict[int, tuple[Unit, str, UnitGroup | None]] = {}
    for target, role in shares:
        if isinstance(target, UnitGroup):
            task.groups.add(target)
            members = list(target.members.filter(is_active=True).order_by("path"))
            for u in members:
                if u.pk not in roles:
                    roles[u.pk] = (u, role, target)
        elif target.pk not in roles or (role == AssignmentRole.LEAD and roles[target.pk][1] != AssignmentRole.LEAD):
            roles[target.pk] = (target, role, None)
    existing = set(task.assignments.values_list("unit_id", flat=True))
    created = []
    for unit, role, group in roles.values():
        if unit.pk in existing:
            continue
        a = TaskAssignment.objects.create(task=task, unit=unit, role=role, via_group=group, due_date=task.due_date)
        clocks.clock_start_for(a, trigger_date=trigger, by=by)
        created.append(a)
    record_event(
        actor=by,
        action=PlansEvent.TASK_ASSIGNED,
        obj=task,
        summary={"units": [{"unit": a.unit.display_name, "role": a.role} for a in created]},
    )
    recipients = _liaisons(unit_ids=[a.unit_id for a in created])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"新任务待签收：{task.title}",
            dedupe_key=f"plans.assigned.{task.pk}",
            link=task.get_absolute_url(),
        )
    )
    return created


@transaction.atomic
def plan_task_assign(*, task: PlanTask, units: Sequence[Unit | UnitGroup], role: str, by: Any) -> list[TaskAssignment]:
    """Add units (or groups, expanded to members) to a task after import."""
    return _task_assign(task=task, shares=[(u, role) for u in units], by=by, trigger=clocks.today())


def _liaisons(*, unit_ids: Iterable[int]) -> list[User]:
    ids = list(set(unit_ids))
    users = list(User.objects.filter(unit_id__in=ids, is_active=True, is_liaison=True))
    covered = {u.unit_id for u in users}
    missing = [i for i in ids if i not in covered]
    if missing:  # a unit without a named liaison: tell its active users instead of nobody
        users += list(User.objects.filter(unit_id__in=missing, is_active=True))
    return users


# ------------------------------------------------------------------------------------------------ workflow


def _lock(assignment: TaskAssignment) -> TaskAssignment:
    return TaskAssignment.objects.select_for_update().select_related("task", "unit").get(pk=assignment.pk)


def _apply(assignment: TaskAssignment, transition: str, by: Any) -> TaskAssignment:
    """Lock, check the policy and the state table, then move to the transition's target state."""
    t = TRANSITIONS[transition]
    a = _lock(assignment)
    if not TaskAssignmentPolicy.can(by, transition, a):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权对该任务执行此操作。")
    if a.role not in t.roles:
        raise DomainError(
            PlansErrorCode.NOT_LEAD, f"“{t.label}”只能由{'牵头' if 'lead' in t.roles else '配合'}单位办理。"
        )
    if a.state not in t.sources:
        raise DomainError(
            PlansErrorCode.TRANSITION_NOT_ALLOWED,
            f"任务当前状态为“{a.get_state_display()}”，不能{t.label}。",
            field="state",
        )
    if t.target is not None:
        a.state = t.target
    return a


def _event(a: TaskAssignment, action: str, by: Any, **summary: Any) -> None:
    record_event(
        actor=by,
        action=action,
        obj=a.task,
        summary={"assignment": a.pk, "unit": a.unit.display_name, "role": a.role, "state": a.state, **summary},
    )


def _save_report(
    a: TaskAssignment,
    *,
    kind: str,
    text: str,
    by: Any,
    files: Sequence[Any],
    percent: int | None,
    submit_token: uuid.UUID | None,
) -> TaskReport:
    if not text.strip():
        raise DomainError(PlansErrorCode.TEXT_REQUIRED, "请填写报送内容。", field="text")
    report = TaskReport.objects.create(
        assignment=a, kind=kind, text=text.strip(), percent=percent, created_by=by, submit_token=submit_token
    )
    for f in files:
        TaskAttachment.objects.create(report=report, file=f, name=(f.name or "附件")[:200], size=f.size or 0)
    return report


def _replayed(submit_token: uuid.UUID | None) -> TaskReport | None:
    return TaskReport.objects.filter(submit_token=submit_token).first() if submit_token else None


@transaction.atomic
def assignment_sign(*, assignment: TaskAssignment, by: Any) -> TaskAssignment:
    a = _apply(assignment, "sign", by)
    a.signed_at = timezone.now()
    a.save(update_fields=["state", "signed_at", "updated_at"])
    _event(a, PlansEvent.TASK_SIGNED, by)
    return a


@transaction.atomic
def assignment_report(
    *,
    assignment: TaskAssignment,
    by: Any,
    text: str,
    files: Sequence[Any] = (),
    percent: int | None = None,
    submit_token: uuid.UUID | None = None,
) -> TaskReport:
    """A periodic progress report (with attachments). On a returned task the state stays 已退回 until completed."""
    if (done := _replayed(submit_token)) is not None:
        return done
    a = _apply(assignment, "report", by)
    if assignment.state == S.RETURNED:
        a.state = S.RETURNED
    a.save(update_fields=["state", "updated_at"])
    report = _save_report(
        a, kind=ReportKind.PROGRESS, text=text, by=by, files=files, percent=percent, submit_token=submit_token
    )
    _event(a, PlansEvent.TASK_REPORTED, by, report=report.pk, percent=percent, attachments=len(files))
    return report


@transaction.atomic
def assignment_contribute(
    *, assignment: TaskAssignment, by: Any, text: str, files: Sequence[Any] = (), submit_token: uuid.UUID | None = None
) -> TaskReport:
    """A co-unit hands its input to the lead unit, which consolidates it into the completion report."""
    if (done := _replayed(submit_token)) is not None:
        return done
    a = _apply(assignment, "contribute", by)
    a.save(update_fields=["state", "updated_at"])
    report = _save_report(
        a, kind=ReportKind.CO_INPUT, text=text, by=by, files=files, percent=None, submit_token=submit_token
    )
    _event(a, PlansEvent.TASK_CONTRIBUTED, by, report=report.pk, attachments=len(files))
    leads = a.task.assignments.filter(role=AssignmentRole.LEAD).values_list("unit_id", flat=True)
    recipients = _liaisons(unit_ids=leads)
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"{a.unit.display_name}已报送协办意见：{a.task.title}",
            dedupe_key=f"plans.co_input.{report.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return report


@transaction.atomic
def assignment_complete(
    *, assignment: TaskAssignment, by: Any, text: str, files: Sequence[Any] = (), submit_token: uuid.UUID | None = None
) -> TaskReport:
    """The lead unit's completion report; it consolidates the co-units' input received so far."""
    if (done := _replayed(submit_token)) is not None:
        return done
    a = _apply(assignment, "complete", by)
    a.submitted_at = timezone.now()
    a.save(update_fields=["state", "submitted_at", "updated_at"])
    report = _save_report(
        a, kind=ReportKind.COMPLETION, text=text, by=by, files=files, percent=100, submit_token=submit_token
    )
    co_inputs = list(
        TaskReport.objects.filter(assignment__task=a.task, kind=ReportKind.CO_INPUT).values_list("pk", flat=True)
    )
    _event(a, PlansEvent.TASK_COMPLETED, by, report=report.pk, co_inputs=co_inputs, attachments=len(files))
    recipients = _office_users()
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"任务待审核：{a.task.title}（{a.unit.display_name}）",
            dedupe_key=f"plans.submitted.{report.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return report


@transaction.atomic
def assignment_accept(*, assignment: TaskAssignment, by: Any, reason: str = "") -> TaskAssignment:
    """销号. When every lead share is accepted the task closes, and its co-units' shares with it."""
    a = _apply(assignment, "accept", by)
    now = timezone.now()
    on = timezone.localdate(now)
    a.closed_at = now
    submitted_on = timezone.localdate(a.submitted_at) if a.submitted_at else on
    a.closed_on_time = a.due_date is None or submitted_on <= a.due_date
    a.save(update_fields=["state", "closed_at", "closed_on_time", "updated_at"])
    TaskReview.objects.create(assignment=a, decision=ReviewDecision.ACCEPTED, reason=reason, by=by)
    clocks.clock_complete_for(a, on=submitted_on, by=by)
    _event(a, PlansEvent.TASK_ACCEPTED, by, reason=reason, on_time=a.closed_on_time)
    task = a.task
    if not task.assignments.filter(role=AssignmentRole.LEAD).exclude(state=S.ACCEPTED).exists():
        for co in task.assignments.select_for_update().filter(role=AssignmentRole.CO).exclude(state=S.ACCEPTED):
            co.state, co.closed_at = S.ACCEPTED, now
            co.closed_on_time = co.due_date is None or submitted_on <= co.due_date
            co.save(update_fields=["state", "closed_at", "closed_on_time", "updated_at"])
            clocks.clock_complete_for(co, on=submitted_on, by=by)
        PlanTask.objects.filter(pk=task.pk).update(closed_at=now)
        record_event(actor=by, action=PlansEvent.TASK_CLOSED, obj=task, summary={"on_time": a.closed_on_time})
    recipients = _liaisons(unit_ids=[a.unit_id])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"任务已销号：{task.title}",
            dedupe_key=f"plans.accepted.{a.pk}",
            link=task.get_absolute_url(),
        )
    )
    return a


@transaction.atomic
def assignment_send_back(*, assignment: TaskAssignment, by: Any, reason: str) -> TaskAssignment:
    if not reason.strip():
        raise DomainError(PlansErrorCode.REASON_REQUIRED, "退回必须填写理由。", field="reason")
    a = _apply(assignment, "send_back", by)
    a.save(update_fields=["state", "updated_at"])
    review = TaskReview.objects.create(assignment=a, decision=ReviewDecision.RETURNED, reason=reason.strip(), by=by)
    _event(a, PlansEvent.TASK_RETURNED, by, reason=reason.strip())
    recipients = _liaisons(unit_ids=[a.unit_id])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"任务被退回：{a.task.title}",
            body=reason,
            dedupe_key=f"plans.returned.{review.pk}",
            link=a.task.get_absolute_url(),
            level="yellow",
        )
    )
    return a


@transaction.atomic
def extension_request(*, assignment: TaskAssignment, by: Any, reason: str, new_date: dt.date) -> ExtensionRequest:
    if not reason.strip():
        raise DomainError(PlansErrorCode.REASON_REQUIRED, "请填写延期理由。", field="reason")
    a = _apply(assignment, "extend_request", by)
    if a.due_date is not None and new_date <= a.due_date:
        raise DomainError(
            PlansErrorCode.EXTENSION_DATE, f"申请延至日期应晚于原完成时限{a.due_date:%Y-%m-%d}。", field="new_date"
        )
    if a.extensions.filter(state=ExtensionState.PENDING).exists():
        raise DomainError(PlansErrorCode.EXTENSION_PENDING, "已有待审批的延期申请。", field="new_date")
    ext = ExtensionRequest.objects.create(
        assignment=a, reason=reason.strip(), old_date=a.due_date, new_date=new_date, requested_by=by
    )
    _event(a, PlansEvent.EXTENSION_REQUESTED, by, extension=ext.pk, new_date=new_date.isoformat(), reason=ext.reason)
    recipients = _office_users(action="plans.task.extend_approve")
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"延期申请待审批：{a.task.title}",
            dedupe_key=f"plans.extension.{ext.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return ext


@transaction.atomic
def extension_decide(*, extension: ExtensionRequest, by: Any, approve: bool, note: str = "") -> ExtensionRequest:
    ext = (
        ExtensionRequest.objects.select_for_update()
        .select_related("assignment__task", "assignment__unit")
        .get(pk=extension.pk)
    )
    a = ext.assignment
    if not TaskAssignmentPolicy.can(by, "extend_approve", a):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权审批该延期申请。")
    if ext.state != ExtensionState.PENDING:
        raise DomainError(PlansErrorCode.EXTENSION_DECIDED, "该延期申请已审批。")
    if not approve and not note.strip():
        raise DomainError(PlansErrorCode.REASON_REQUIRED, "不同意延期须填写理由。", field="note")
    ext.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    ext.decided_by, ext.decided_at, ext.decision_note = by, timezone.now(), note.strip()
    ext.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "updated_at"])
    if approve:
        a = _lock(a)
        a.due_date = ext.new_date
        a.save(update_fields=["due_date", "updated_at"])
        clocks.clock_reschedule_for(
            a,
            due_date=ext.new_date,
            reason=f"延期申请#{ext.pk}：{ext.reason}",
            by=by,
            trigger_date=timezone.localdate(a.created_at),
        )
    _event(
        a,
        PlansEvent.EXTENSION_APPROVED if approve else PlansEvent.EXTENSION_REFUSED,
        by,
        extension=ext.pk,
        new_date=ext.new_date.isoformat(),
        note=ext.decision_note,
    )
    recipients = _liaisons(unit_ids=[a.unit_id])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"延期申请{'已同意' if approve else '未同意'}：{a.task.title}",
            body=note,
            dedupe_key=f"plans.extension_decided.{ext.pk}",
            link=a.task.get_absolute_url(),
        )
    )
    return ext


@transaction.atomic
def assignment_urge(*, assignment: TaskAssignment, by: Any, message: str = "") -> int:
    """催办: a notice to the unit's liaison(s), once per assignment per day."""
    if not TaskAssignmentPolicy.can(by, "urge", assignment):
        raise DomainError(PlansErrorCode.FORBIDDEN, "您无权催办该任务。")
    if assignment.state not in OPEN_STATES:
        raise DomainError(PlansErrorCode.TRANSITION_NOT_ALLOWED, "任务已销号，无需催办。")
    task = assignment.task
    _event(assignment, PlansEvent.TASK_URGED, by, message=message)
    recipients = _liaisons(unit_ids=[assignment.unit_id])
    day = clocks.today().isoformat()
    sent = notify(
        recipients=recipients,
        title=f"催办：{task.title}",
        body=message or "请抓紧推进并按时报送。",
        dedupe_key=f"plans.urge.{assignment.pk}.{day}",
        link=task.get_absolute_url(),
        level="yellow",
    )
    return sent


def _office_users(action: str = "plans.supervise") -> list[User]:
    from fazhi.orgs.models import Role

    role_ids = [r.pk for r in Role.objects.all() if action in (r.actions or [])]
    return list(User.objects.filter(roles__in=role_ids, is_active=True).distinct())


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
