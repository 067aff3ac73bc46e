"""Raising an item (once per cause), changing its due date, and its end when the source says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit

from .. import clocks
from ..errors import SupervisionErrorCode
from ..events import SupervisionEvent
from ..models import Item
from ..sources import source_kind
from ..states import EndKind, ItemState
from ._common import board_changed, event, item_lock, light_set
from .settling import extensions_settle


def item_raise(
    *,
    source: Any,
    unit: Unit | None,
    reason: str,
    dedupe_key: str,
    kind: str,
    due: dt.date | None = None,
    clock: Any = None,
    co_units: Sequence[Unit] = (),
    text: str = "",
    by: Any = None,
    rule: Any = None,
    label: str = "",
    url: str = "",
) -> Item:
    """The one door for a module to put something on a unit's board. Raised once per cause: a second call with the
    same `dedupe_key` returns the existing item unchanged. Either a stated `due` date (it gets a fixed-date clock,
    and may not lie before today, the day the item is raised) or an engine `clock` the item follows."""
    existing = Item.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    spec = source_kind(kind)
    if unit is None:
        raise DomainError(SupervisionErrorCode.INVALID, "请选择责任单位。", field="unit")
    if not (reason or "").strip():
        raise DomainError(SupervisionErrorCode.TEXT_REQUIRED, "请填写督办事项（需要办理的内容）。", field="reason")
    today = clocks.today()
    if due is not None and due < today:
        raise DomainError(
            SupervisionErrorCode.DUE_BEFORE_RAISED,
            f"完成时限（{due:%Y-%m-%d}）不能早于督办事项生成之日（{today:%Y-%m-%d}）。",
            field="due",
        )
    if not (label and url) and spec.describe is not None:
        d_label, d_url = spec.describe(source)
        label, url = label or d_label, url or d_url
    if not url and hasattr(source, "get_absolute_url"):
        url = source.get_absolute_url()
    try:
        with transaction.atomic():
            item = Item.objects.create(
                kind=kind,
                source_label=(label or spec.label)[:50],
                source_type=ContentType.objects.get_for_model(source),
                source_id=str(source.pk),
                source_url=url[:300],
                title=reason.strip()[:300],
                text=text,
                unit=unit,
                due_date=clock.due_date if clock is not None else due,
                clock=clock,
                raised_on=today,
                raised_by=by if getattr(by, "pk", None) else None,
                rule=rule,
                dedupe_key=dedupe_key[:200],
            )
    except IntegrityError:  # raised concurrently for the same cause: one item
        return Item.objects.get(dedupe_key=dedupe_key[:200])
    if co_units:
        item.co_units.set([u for u in co_units if u.pk != unit.pk])
    if clock is None and due is not None:
        item.clock = clocks.clock_start_for(item, due=due, by=by or "system")
    light_set(item)
    item.save(update_fields=["clock", "light", "light_rank", "days_overdue"])
    board_changed()
    event(item, SupervisionEvent.ITEM_RAISED, by, source=f"{item.source_label} {url}", due=str(item.due_date or ""))
    return item


@transaction.atomic
def item_due_set(*, item: Item, due: dt.date | None, by: Any, reason: str) -> Item:
    """The due date changed at the source (an approved extension, a plan share rescheduled): follow it."""
    item = item_lock(item)
    old = item.due_date
    if clocks.is_own(item.clock) and due is not None:
        clocks.clock_reschedule(item.clock, due=due, reason=reason, by=by)
    if item.clock is not None:  # its own clock, or the source's (a plan share's, rescheduled by plans)
        item.clock.refresh_from_db()
        due = item.clock.due_date
    elif due is not None:
        item.due_date = due
        item.clock = clocks.clock_start_for(item, due=due, by=by)
    item.due_date = due
    light_set(item)
    item.save(update_fields=["due_date", "clock", "light", "light_rank", "days_overdue", "version", "updated_at"])
    board_changed()
    if old != due:
        event(item, SupervisionEvent.ITEM_DUE_CHANGED, by, old=str(old or ""), new=str(due or ""), reason=reason)
    return item


def _end(item: Item, *, by: Any, kind: str, note: str) -> Item:
    now = timezone.now()
    extensions_settle(item, by=by, note=note or "督办事项已办结")
    item.state = ItemState.CLOSED
    item.ended_at, item.end_kind, item.end_note = now, kind, note
    item.ended_by = by if getattr(by, "pk", None) else None
    item.ladder_step = ""
    light_set(item)
    item.version += 1
    item.save(
        update_fields=[
            "state",
            "ended_at",
            "end_kind",
            "end_note",
            "ended_by",
            "ladder_step",
            "light",
            "light_rank",
            "days_overdue",
            "version",
            "updated_at",
        ]
    )
    board_changed()
    if clocks.is_own(item.clock) and item.clock.completed_on is None:
        clocks.clock_complete(item.clock, on=timezone.localdate(now), by=by or "system")
    spec = source_kind(item.kind)
    if spec.on_closed is not None:
        spec.on_closed(item, by)
    return item


@transaction.atomic
def item_close_by_source(*, item: Item, by: Any = None, note: str = "") -> Item:
    """The source says the cause is gone (the overdue case is decided, the 备案 filed): the item closes by itself.
    Idempotent: a closed item stays as it is."""
    item = item_lock(item)
    if item.state == ItemState.CLOSED:
        return item
    if source_kind(item.kind).end != "source":
        raise DomainError(SupervisionErrorCode.INVALID, "该督办事项须经销号才能办结。", field="state")
    _end(item, by=by, kind=EndKind.SOURCE, note=note or "来源业务已办结，督办事项自动关闭")
    event(item, SupervisionEvent.ITEM_CLOSED_BY_SOURCE, by, note=item.end_note)
    return item


def on_clock_changed(clock: Any, change: str) -> None:
    """deadlines hook: a completed clock closes the open items that follow it and end by their source."""
    if change != "completed":
        return
    for item in Item.objects.filter(clock=clock, state__in=(ItemState.OPEN, ItemState.SUBMITTED)):
        if source_kind(item.kind).end == "source":
            item_close_by_source(
                item=item, by="system", note=f"期限已完成（{clock.completed_on:%Y-%m-%d}），督办事项自动关闭"
            )
