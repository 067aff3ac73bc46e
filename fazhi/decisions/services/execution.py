"""The execution-report clock of a published decision (《重大行政决策程序暂行条例》第三十四条: the executing unit
reports to the deciding body) and its supervisable item when a report is late.

One clock per reporting period (`decision.execution_report`, keys execution_report.1, .2, …): started at
publication, completed by a report (which starts the next period), paused while the decision is suspended (Art. 35),
ended by a major adjustment (Art. 37: the procedure runs again; publication starts a new period). The daily run
raises one item per overdue clock (kind `decisions.execution_report`, for the lead unit), which closes by itself
when the report completes the clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.deadlines.models import Clock
from fazhi.deadlines.selectors import clock_days_overdue, today_local
from fazhi.deadlines.services import clock_complete, clock_pause, clock_resume, clock_start
from fazhi.supervision.models import Item
from fazhi.supervision.selectors import items_for_source
from fazhi.supervision.services import item_close_by_source, item_raise
from fazhi.supervision.states import OPEN_STATES

from ..models import Decision
from ..sources import EXECUTION_CLOCK_RULE, EXECUTION_REPORT
from ..states import DecisionState


def execution_clocks(decision: Decision) -> Any:
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Decision),
        object_id=str(decision.pk),
        rule_id=EXECUTION_CLOCK_RULE,
    ).order_by("id")


def execution_clock_open(decision: Decision) -> Clock | None:
    return execution_clocks(decision).filter(completed_on=None).last()  # type: ignore[no-any-return]


def execution_clock_start(decision: Decision, *, on: dt.date, by: Any) -> Clock:
    n = execution_clocks(decision).count() + 1
    return clock_start(
        obj=decision,
        rule_id=EXECUTION_CLOCK_RULE,
        trigger_date=on,
        by=by,
        unit=decision.lead_unit,
        key=f"execution_report.{n}",
    )


def execution_reported(decision: Decision, *, on: dt.date, by: Any) -> Clock:
    """A report made on `on`: the period's clock completes (its item closes) and the next period starts."""
    clock = execution_clock_open(decision)
    if clock is not None:
        on = max(on, clock.trigger_date)  # a report dated before the period began counts on its first day
        if clock.pauses.filter(end=None).exists():
            clock_resume(clock=clock, on=on, by=by)
        clock_complete(clock=clock, on=on, by=by)
    return execution_clock_start(decision, on=on, by=by)


def execution_paused(decision: Decision, *, on: dt.date, reason: str, by: Any) -> None:
    clock = execution_clock_open(decision)
    if clock is not None and not clock.pauses.filter(end=None).exists():
        clock_pause(clock=clock, on=max(on, clock.trigger_date), reason=reason, by=by)


def execution_resumed(decision: Decision, *, on: dt.date, by: Any) -> None:
    clock = execution_clock_open(decision)
    if clock is not None and clock.pauses.filter(end=None).exists():
        clock_resume(clock=clock, on=on, by=by)


def execution_ended(decision: Decision, *, on: dt.date, by: Any, note: str) -> None:
    """A major adjustment sends the decision back to its procedure: no report is due until it is published again."""
    for item in items_for_source(decision).filter(kind=EXECUTION_REPORT, state__in=OPEN_STATES).order_by("id"):
        item_close_by_source(item=item, by=by, note=note)
    clock = execution_clock_open(decision)
    if clock is not None:
        if clock.pauses.filter(end=None).exists():
            clock_resume(clock=clock, on=max(on, clock.trigger_date), by=by)
        clock_complete(clock=clock, on=max(on, clock.trigger_date), by=by)


def execution_reports_run(*, today: dt.date | None = None, by: Any = "system") -> dict[str, int]:
    """The daily run: every published decision has its open reporting clock (started from the last report, else the
    publication, for decisions published before this existed); an overdue one raises its item, once per clock."""
    today = today or today_local()
    out = {"clocks_started": 0, "items_raised": 0}
    decisions = Decision.objects.filter(
        state__in=(DecisionState.PUBLISHED, DecisionState.SUSPENDED), published_on__isnull=False
    ).select_related("lead_unit")
    for d in decisions.order_by("pk").iterator(chunk_size=500):
        with transaction.atomic():
            clock = execution_clock_open(d)
            if clock is None:
                last = d.reports.order_by("-reported_on").values_list("reported_on", flat=True).first()
                clock = execution_clock_start(d, on=max(filter(None, (last, d.published_on))), by=by)
                out["clocks_started"] += 1
            late = clock_days_overdue(clock, today=today)
            key = f"decisions.execution_report.{clock.pk}"
            if late <= 0 or Item.objects.filter(dedupe_key=key).exists():
                continue
            item_raise(
                source=d,
                kind=EXECUTION_REPORT,
                unit=d.lead_unit,
                reason=f"重大行政决策《{d.title}》逾期未报告执行情况",
                text=f"执行情况报告期限届满日{clock.due_date:%Y-%m-%d}，已逾期{late}日（《重大行政决策程序暂行条例》第三十四条）。",
                clock=clock,
                dedupe_key=key,
                by=by,
            )
            out["items_raised"] += 1
    return out
