"""Writes on clocks. Each service runs atomically and records an audit event; the engine does all date arithmetic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.writebehind import defer

from .calendar import LegalCalendar
from .calendar_data import calendar_current
from .engine import DueResult, Pause, compute_due, fixed_due_result, fmt
from .events import DeadlineEvent
from .hooks import clock_changed
from .models import Clock, ClockExtension, ClockPause, ClockState
from .recompute import clocks_recompute as _clocks_recompute
from .rules import DeadlineErrorCode, rule_get
from .selectors import today_local
from .states import state_for

ONE = dt.timedelta(days=1)


def clock_evaluate(
    clock: Clock, *, today: dt.date | None = None, calendar: LegalCalendar | None = None
) -> tuple[DueResult, str]:
    """Due date, explanation and state of a clock as stored now (an open pause is assumed to end today)."""
    today = today or today_local()
    cal = calendar or calendar_current()
    rule = rule_get(clock.rule_id)
    rows = list(clock.pauses.all()) if clock.pk else []
    open_pause = next((p for p in rows if p.end is None), None)
    if clock.due_override is not None:
        result = fixed_due_result(clock.rule_id, clock.trigger_date, clock.due_override, calendar=cal)
    else:
        pauses = [Pause(p.start, p.end or max(today, p.start), p.reason) for p in rows]
        result = compute_due(
            clock.rule_id, clock.trigger_date, pauses=pauses, extension=clock.extension_units, calendar=cal
        )
        if open_pause is not None:
            result.explanation.insert(
                -1,
                f"当前处于暂停状态（自{fmt(open_pause.start)}起，{open_pause.reason}），"
                "上述届满日按次日恢复计算，恢复计算后将重新确定。",
            )
    state = state_for(
        due=result.due,
        today=today,
        warn_days=rule.warn_days,
        cal=cal,
        paused=open_pause is not None,
        done=clock.completed_on is not None,
    )
    return result, state


def _apply(clock: Clock, *, today: dt.date | None = None) -> Clock:
    result, state = clock_evaluate(clock, today=today)
    clock.due_date, clock.provisional, clock.explanation, clock.state = (
        result.due,
        result.provisional,
        result.explanation,
        state,
    )
    return clock


def _save(clock: Clock, fields: list[str]) -> Clock:
    fields = [*fields, "due_date", "provisional", "explanation", "state", "updated_at"]
    clock.version = (clock.version or 0) + 1
    clock.save(update_fields=[*dict.fromkeys(fields), "version"])
    return clock


def _lock(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().get(pk=clock.pk)


def _event(by: Any, action: DeadlineEvent, clock: Clock, **summary: Any) -> None:
    record_event(
        actor=by,
        action=action,
        obj=clock,
        unit=clock.unit if clock.unit_id else None,
        summary={
            "rule": clock.rule_id,
            "due": clock.due_date.isoformat(),
            "state": clock.state,
            **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in summary.items()},
        },
    )


def _refuse_if_done(clock: Clock) -> None:
    if clock.completed_on is not None:
        raise DomainError(DeadlineErrorCode.CLOCK_DONE, "该期限已完成，不能再变更。")


@transaction.atomic
def clock_start(
    *,
    obj: Any,
    rule_id: str,
    trigger_date: dt.date,
    by: Any,
    unit: Any = None,
    assignee: Any = None,
    key: str = "",
    due_override: dt.date | None = None,
) -> Clock:
    """Attach a clock of `rule_id` to any record. Fixed-date rules (plan.task) need `due_override`."""
    rule = rule_get(rule_id)
    if rule.fixed_date and due_override is None:
        raise DomainError(
            DeadlineErrorCode.NOT_FIXED_DATE, f"“{rule.name}”须填写文件确定的完成期限。", field="due_override"
        )
    if due_override is not None and due_override < trigger_date:
        raise DomainError(DeadlineErrorCode.BAD_DATE, "完成期限不能早于起算日。", field="due_override")
    clock = Clock(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        key=key,
        rule_id=rule.id,
        unit=unit,
        assignee=assignee,
        trigger_date=trigger_date,
        due_override=due_override,
        due_date=trigger_date,
    )
    _apply(clock)
    if not defer(clock):  # a bulk import writes it with the batch (fazhi.core.writebehind)
        clock.save()
    _event(by, DeadlineEvent.CLOCK_STARTED, clock, trigger=trigger_date, key=key)
    return clock


@transaction.atomic
def clock_pause(*, clock: Clock, on: dt.date, reason: str, by: Any) -> Clock:
    """The pause begins on `on`: that day and every day until the resumption are not counted."""
    clock = _lock(clock)
    _refuse_if_done(clock)
    if clock.pauses.filter(end=None).exists():
        raise DomainError(DeadlineErrorCode.ALREADY_PAUSED, "该期限已处于暂停状态。")
    if on < clock.trigger_date:
        raise DomainError(DeadlineErrorCode.BAD_DATE, "暂停日期不能早于起算日。", field="on")
    ClockPause.objects.create(clock=clock, start=on, reason=reason)
    _save(_apply(clock), [])
    _event(by, DeadlineEvent.CLOCK_PAUSED, clock, on=on, reason=reason)
    return clock


@transaction.atomic
def clock_resume(*, clock: Clock, on: dt.date, by: Any) -> Clock:
    """Counting resumes on `on`; the open pause ends the day before."""
    clock = _lock(clock)
    _refuse_if_done(clock)
    pause = clock.pauses.filter(end=None).first()
    if pause is None:
        raise DomainError(DeadlineErrorCode.NOT_PAUSED, "该期限未处于暂停状态。")
    if on < pause.start:
        raise DomainError(DeadlineErrorCode.BAD_DATE, "恢复日期不能早于暂停开始日期。", field="on")
    if on == pause.start:
        pause.delete()  # resumed the same day: nothing was paused
    else:
        pause.end = on - ONE
        pause.save(update_fields=["end"])
    _save(_apply(clock), [])
    _event(by, DeadlineEvent.CLOCK_RESUMED, clock, on=on)
    return clock


@transaction.atomic
def clock_extend(*, clock: Clock, units: int, approver: Any, reason: str, by: Any) -> Clock:
    """Extend by `units` of the rule's own unit; refused beyond the rule's maximum."""
    clock = _lock(clock)
    _refuse_if_done(clock)
    rule = rule_get(clock.rule_id)
    if units <= 0:
        raise DomainError(DeadlineErrorCode.BAD_DATE, "延长期限须为正整数。", field="units")
    if rule.extension_max <= 0:
        raise DomainError(DeadlineErrorCode.EXTENSION_NOT_ALLOWED, f"“{rule.name}”依法不得延长。", field="units")
    if clock.extension_units + units > rule.extension_max:
        raise DomainError(
            DeadlineErrorCode.EXTENSION_LIMIT_EXCEEDED,
            f"延长期限超过上限：“{rule.name}”最多可延长{rule.extension_max}{rule.unit.label}"
            f"（{rule.basis}），已延长{clock.extension_units}{rule.unit.label}。",
            field="units",
        )
    ClockExtension.objects.create(clock=clock, units=units, approver=approver, reason=reason)
    clock.extension_units = F("extension_units") + units  # type: ignore[assignment]
    clock.save(update_fields=["extension_units"])
    clock.refresh_from_db()
    _save(_apply(clock), [])
    _event(
        by, DeadlineEvent.CLOCK_EXTENDED, clock, units=units, reason=reason, approver=getattr(approver, "username", "")
    )
    return clock


@transaction.atomic
def clock_restart(*, clock: Clock, trigger_date: dt.date, by: Any) -> Clock:
    """The period starts again from `trigger_date` (e.g. 补正材料 received): earlier pauses and extensions lapse."""
    clock = _lock(clock)
    _refuse_if_done(clock)
    old = clock.trigger_date
    clock.pauses.filter(end=None).update(end=max(trigger_date - ONE, old))
    clock.trigger_date = trigger_date
    clock.extension_units = 0
    if not rule_get(clock.rule_id).fixed_date:
        clock.due_override = None  # a date a decision set (due_set_basis) lapses with the period it replaced
    _save(_apply(clock), ["trigger_date", "extension_units", "due_override"])
    _event(by, DeadlineEvent.CLOCK_RESTARTED, clock, old_trigger=old, trigger=trigger_date)
    return clock


@transaction.atomic
def clock_reschedule(*, clock: Clock, due_date: dt.date, reason: str, by: Any) -> Clock:
    """An approved new date for a clock whose due date is fixed by a document (plan tasks)."""
    clock = _lock(clock)
    _refuse_if_done(clock)
    if clock.due_override is None:
        raise DomainError(
            DeadlineErrorCode.NOT_FIXED_DATE, "法定期限不能直接改期，请办理延长或暂停。", field="due_date"
        )
    if due_date < clock.trigger_date:
        raise DomainError(DeadlineErrorCode.BAD_DATE, "完成期限不能早于起算日。", field="due_date")
    old = clock.due_override
    clock.due_override = due_date
    _save(_apply(clock), ["due_override"])
    _event(by, DeadlineEvent.CLOCK_RESCHEDULED, clock, old_due=old, reason=reason)
    return clock


@transaction.atomic
def clock_set_due(*, clock: Clock, due_date: dt.date, reason: str, by: Any) -> Clock:
    """A decision fixes a later due date for a statutory period where the rule's statute allows it
    (`ClockRule.due_set_basis`, e.g. 条例第三十五条). Later than the due date it replaces; a restart lapses it."""
    clock = _lock(clock)
    _refuse_if_done(clock)
    rule = rule_get(clock.rule_id)
    if rule.fixed_date or not rule.due_set_basis:
        raise DomainError(
            DeadlineErrorCode.NOT_FIXED_DATE, f"“{rule.name}”依法不能另行确定期限，请办理延长或暂停。", field="due_date"
        )
    current = _apply(clock).due_date
    if due_date <= current:
        raise DomainError(
            DeadlineErrorCode.BAD_DATE,
            f"确定的期限{due_date.isoformat()}须晚于现在的期限届满日{current.isoformat()}（{rule.due_set_basis.split('：')[0]}：延迟答复）。",
            field="due_date",
        )
    old = clock.due_override
    clock.due_override = due_date
    _save(_apply(clock), ["due_override"])
    _event(by, DeadlineEvent.CLOCK_RESCHEDULED, clock, old_due=old or current, reason=reason, basis=rule.due_set_basis)
    return clock


@transaction.atomic
def clock_complete(*, clock: Clock, on: dt.date, by: Any) -> Clock:
    clock = _lock(clock)
    if clock.completed_on is not None:
        return clock  # idempotent
    clock.pauses.filter(end=None).update(end=max(on - ONE, clock.trigger_date))
    clock.completed_on = on
    clock.state = ClockState.DONE
    clock.version += 1
    clock.save(update_fields=["completed_on", "state", "version", "updated_at"])
    _event(by, DeadlineEvent.CLOCK_COMPLETED, clock, on=on, late=on > clock.due_date)
    clock_changed(clock, "completed")
    return clock


def clocks_recompute(*, today: dt.date | None = None, batch: int = 5000) -> int:
    """The daily job body: recompute due dates and states of every open clock; returns how many were examined."""
    return _clocks_recompute(today=today, batch=batch)["examined"]
