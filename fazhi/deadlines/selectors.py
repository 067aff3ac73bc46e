"""Reads on clocks, already scoped."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from fazhi.core.rows import model_rows

from .models import Clock, ClockState
from .policies import ClockPolicy

SHANGHAI = ZoneInfo("Asia/Shanghai")
OPEN_STATES = (ClockState.RUNNING, ClockState.DUE_SOON, ClockState.OVERDUE, ClockState.PAUSED)


def today_local() -> dt.date:
    """Today in Asia/Shanghai, whatever the server's time zone."""
    return timezone.now().astimezone(SHANGHAI).date()


def clocks_for(obj: Any) -> QuerySet[Clock]:
    ct = ContentType.objects.get_for_model(obj)
    return Clock.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("due_date", "id")


def clocks_of(obj: Any) -> list[Clock]:
    """clocks_for(obj) as a list, read in plain SQL (core/rows.py): the clocks panel of every case page."""
    ct = ContentType.objects.get_for_model(obj)
    return model_rows(Clock, "content_type_id = %s AND object_id = %s", [ct.pk, str(obj.pk)], order_by="due_date, id")


def clock_for(obj: Any, key: str) -> Clock | None:
    return clocks_for(obj).filter(key=key).order_by("-id").first()


def clocks_to_act_on(user: Any) -> QuerySet[Clock]:
    """Open clocks inside the user's data scope, most urgent first (超期, 临期, 暂停, 进行中; then by due date)."""
    urgency = Case(
        When(state=ClockState.OVERDUE, then=Value(0)),
        When(state=ClockState.DUE_SOON, then=Value(1)),
        When(state=ClockState.PAUSED, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        ClockPolicy.visible(user, "view")
        .filter(state__in=OPEN_STATES)
        .select_related("unit", "assignee", "content_type")
        .annotate(urgency=urgency)
        .order_by("urgency", "due_date", "id")
    )


def clock_get_for(user: Any, pk: int, action: str = "view") -> Clock:
    """404 both for a missing and a forbidden clock."""
    clock = ClockPolicy.visible(user, action).filter(pk=pk).select_related("unit", "assignee").first()
    if clock is None:
        raise Http404("期限不存在")
    return clock


def clock_light(clock: Clock, today: dt.date | None = None) -> str:
    """The traffic light of a clock as of `today`: running | due_soon | overdue | paused | done."""
    from .calendar_data import calendar_current
    from .rules import RULES
    from .states import state_for

    if clock.completed_on is not None or clock.state == ClockState.DONE:
        return ClockState.DONE.value
    if clock.state == ClockState.PAUSED:
        return ClockState.PAUSED.value
    rule = RULES.get(clock.rule_id)
    return str(
        state_for(
            due=clock.due_date,
            today=today or today_local(),
            warn_days=rule.warn_days if rule else 2,
            cal=calendar_current(),
        )
    )


def clock_days_overdue(clock: Clock, today: dt.date | None = None) -> int:
    """Natural days past the due date as of `today` (Asia/Shanghai): 1 on the day after the due day, 0 on or before
    it. Paused and completed clocks are not overdue (0). The 三色督办 red rung ("N days overdue") reads this."""
    if clock.completed_on is not None or clock.state in (ClockState.DONE, ClockState.PAUSED):
        return 0
    return max(0, ((today or today_local()) - clock.due_date).days)


def clock_working_days_overdue(clock: Clock, today: dt.date | None = None) -> int:
    """Working days past the due date as of `today`, on the legal calendar: the working days in (due date, today].
    0 on or before the due day, and for paused or completed clocks. Raising rules ("overdue by more than 5 working
    days") read this."""
    from .calendar_data import calendar_current

    if clock.completed_on is not None or clock.state in (ClockState.DONE, ClockState.PAUSED):
        return 0
    today = today or today_local()
    if today <= clock.due_date:
        return 0
    return calendar_current().working_days_between(clock.due_date + dt.timedelta(days=1), today)
