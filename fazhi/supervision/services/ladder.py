"""The 三色 ladder: its configuration and the daily scan that refreshes every open item's light and sends the
notices its step calls for. Idempotent: a repeated or missed scan changes nothing (days come from the engine,
notices carry dedupe keys)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event

from .. import clocks
from ..channels import Message, deliver
from ..events import SupervisionEvent
from ..models import Item, LadderStep
from ..states import LADDER_ORDER, OPEN_STATES, LadderLevel
from ._common import board_changed, liaisons, light_set, office_users

DEFAULT_LADDER = [
    (LadderLevel.BLUE, "due_soon", True, False, 0),
    (LadderLevel.YELLOW, "overdue", True, False, 0),
    (LadderLevel.RED, "overdue", True, True, 5),  # 5 natural days overdue
]
FIELDS = ("level", "light", "to_liaison", "to_office", "min_days_overdue", "enabled")


def ladder_steps() -> list[LadderStep]:
    """The configured ladder; the default is created on first use (blue: 临期, yellow: 逾期, red: 逾期满5日)."""
    if not LadderStep.objects.exists():
        for level, light, liaison, office, days in DEFAULT_LADDER:
            LadderStep.objects.get_or_create(
                level=level,
                defaults={"light": light, "to_liaison": liaison, "to_office": office, "min_days_overdue": days},
            )
    return list(LadderStep.objects.filter(enabled=True).order_by("id"))


@transaction.atomic
def ladder_save(*, by: Any, steps: list[dict[str, Any]]) -> list[LadderStep]:
    ladder_steps()
    before = list(LadderStep.objects.values(*FIELDS))
    for s in steps:
        LadderStep.objects.filter(level=s["level"]).update(**{k: s[k] for k in FIELDS if k != "level"})
    after = list(LadderStep.objects.values(*FIELDS))
    record_event(
        actor=by,
        action=SupervisionEvent.LADDER_SAVED,
        object_type="supervision.ladderstep",
        object_id="ladder",
        object_repr="三色督办规则",
        summary={"before": before, "after": after},
    )
    return list(LadderStep.objects.all())


def _reached(step: LadderStep, light: str, days_overdue: int) -> bool:
    if step.light != light:
        return False
    return not (light == "overdue" and days_overdue < step.min_days_overdue)


def ladder_scan(*, on: dt.date | None = None, batch: int = 2000) -> dict[str, int]:
    """One daily pass over the open items: store light, days overdue and ladder step; send the steps' notices.
    Dedupe keys: blue/yellow once per item and due date (an approved extension re-arms them); red once per day."""
    on = on or clocks.today()
    steps = ladder_steps()
    office = [u.pk for u in office_users()]
    sent = {"blue": 0, "yellow": 0, "red": 0}
    qs = Item.objects.filter(state__in=OPEN_STATES).select_related("unit", "clock")
    liaisons_by_unit: dict[int, list[int]] = {}
    last = 0
    moved = False
    while True:
        chunk = list(qs.filter(pk__gt=last).order_by("pk")[:batch])
        if not chunk:
            break
        last = chunk[-1].pk
        for item in chunk:
            changed = light_set(item, on=on)
            reached = [s for s in steps if _reached(s, item.light, item.days_overdue)]
            step = max((s.level for s in reached), key=lambda lv: LADDER_ORDER[lv], default="")
            if step != item.ladder_step:
                item.ladder_step = step
                changed.append("ladder_step")
            if changed:
                with transaction.atomic():
                    Item.objects.filter(pk=item.pk).update(**{f: getattr(item, f) for f in changed})
                    if not moved:
                        board_changed()
                moved = True
            for s in reached:
                recipients: list[int] = []
                if s.to_liaison:
                    if item.unit_id not in liaisons_by_unit:
                        liaisons_by_unit[item.unit_id] = [u.pk for u in liaisons(unit_ids=[item.unit_id])]
                    recipients += liaisons_by_unit[item.unit_id]
                if s.to_office:
                    recipients += office
                due = item.due_date.isoformat() if item.due_date else ""
                key = f"supervision.ladder.{s.level}.{item.pk}.{due}"
                if s.level == LadderLevel.RED:
                    key += f".{on.isoformat()}"
                title = f"【{s.get_level_display()}】{item.title}（{item.unit.display_name}，完成时限{due}）"
                if item.light == "overdue":
                    title += f"，已逾期{item.days_overdue}天"
                sent[s.level] += deliver(
                    Message(
                        sorted(set(recipients)),
                        title,
                        key,
                        link=item.source_url or item.get_absolute_url(),
                        level=s.level,
                    )
                )
    if moved:
        board_changed()  # once more after the last change: a board read during the scan is not kept
    return sent
