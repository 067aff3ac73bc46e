"""Pages: my clocks, one clock (explanation + month calendar), the calculator, the calendar administration."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from fazhi.core.errors import DomainError

from .calendar import WEEKDAY_ZH, LegalCalendar
from .calendar_data import calendar_current
from .calendar_services import calendar_parse, calendar_warning, calendar_year_load
from .engine import Pause, compute_due
from .forms import CalculatorForm, CalendarLoadForm
from .models import CalendarDay, CalendarYear, ClockState
from .policies import CalendarPolicy
from .rules import RULES
from .selectors import clock_get_for, clocks_to_act_on, today_local
from .services import clock_evaluate

MAX_MONTHS_SHOWN = 4


def month_grid(
    cal: LegalCalendar,
    year: int,
    month: int,
    *,
    start: dt.date | None = None,
    due: dt.date | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """A small month calendar: weeks of cells with CSS classes (holiday / makeup / weekend / start / due)."""
    weeks = []
    for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for d in week:
            if d.month != month:
                cells.append(None)
                continue
            classes, title = [], ""
            name = cal.holiday_name(d)
            makeup = cal.makeup_name(d)
            if name:
                classes.append("holiday")
                title = f"{name}（放假）"
            elif makeup:
                classes.append("makeup")
                title = f"{makeup}调休上班"
            elif d.weekday() >= 5:
                classes.append("weekend")
            if d == start:
                classes.append("start")
                title = (title + " 起算日").strip()
            if d == due:
                classes.append("due")
                title = (title + " 届满日").strip()
            if d == today:
                classes.append("today")
            cells.append({"day": d.day, "cls": " ".join(classes), "title": title})
        weeks.append(cells)
    return {
        "title": f"{year}年{month}月",
        "weeks": weeks,
        "heads": list(WEEKDAY_ZH),
        "provisional": not cal.is_loaded(year),
    }


def months_between(start: dt.date, due: dt.date) -> list[tuple[int, int]]:
    months = []
    y, m = start.year, start.month
    while (y, m) <= (due.year, due.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if len(months) > MAX_MONTHS_SHOWN:
        months = [months[0], months[-1]]
    return months


@login_required
def clock_list(request: HttpRequest) -> HttpResponse:
    if not _has(request, "deadlines.clock.view"):
        raise PermissionDenied
    clocks = list(clocks_to_act_on(request.user)[:200])
    rules = {c.rule_id: RULES.get(c.rule_id) for c in clocks}
    return render(request, "deadlines/clock_list.html", {"clocks": clocks, "rules": rules})


def _has(request: HttpRequest, code: str) -> bool:
    from fazhi.orgs.scopes import grants_for

    return grants_for(request.user).has(code)  # type: ignore[arg-type]


@login_required
def clock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    clock = clock_get_for(request.user, pk)
    cal = calendar_current()
    today = today_local()
    result, state = clock_evaluate(clock, today=today, calendar=cal)
    grids = [
        month_grid(cal, y, m, start=clock.trigger_date, due=result.due, today=today)
        for y, m in months_between(clock.trigger_date, result.due)
    ]
    return render(
        request,
        "deadlines/clock_detail.html",
        {
            "clock": clock,
            "rule": RULES.get(clock.rule_id),
            "result": result,
            "state": state,
            "state_label": ClockState(state).label,
            "grids": grids,
            "record": _record_label(clock),
            "pauses": clock.pauses.all(),
            "extensions": clock.extensions.select_related("approver"),
        },
    )


def _record_label(clock: Any) -> str:
    try:
        obj = clock.record
    except Exception:  # noqa: BLE001 (a deleted or unloadable record shows its id)
        obj = None
    return str(obj) if obj is not None else f"{clock.content_type.name} #{clock.object_id}"


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    if not _has(request, "deadlines.clock.view"):
        raise PermissionDenied
    form = CalculatorForm(request.GET or None)
    result, grids = None, []
    if form.is_valid():
        cal = calendar_current()
        d = form.cleaned_data
        result = compute_due(
            d["rule_id"],
            d["start"],
            pauses=[Pause(a, b) for a, b in d["pauses"]],
            extension=d.get("extension") or 0,
            calendar=cal,
        )
        grids = [
            month_grid(cal, y, m, start=result.start, due=result.due)
            for y, m in months_between(result.start, result.due)
        ]
    return render(request, "deadlines/calculator.html", {"form": form, "result": result, "grids": grids})


@login_required
def calendar_admin(request: HttpRequest) -> HttpResponse:
    if not CalendarPolicy.can(request.user, "view"):
        raise PermissionDenied
    can_manage = CalendarPolicy.can(request.user, "manage")
    form = CalendarLoadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                holidays, makeups = calendar_parse(d["text"])
                calendar_year_load(
                    year=d["year"], holidays=holidays, makeup_workdays=makeups, source=d["source"], by=request.user
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已载入{d['year']}年节假日安排，相关期限将重新计算。")
                return redirect(f"{request.path}?year={d['year']}")
    years = list(CalendarYear.objects.order_by("-year"))
    try:
        shown = int(request.GET.get("year") or (years[0].year if years else today_local().year))
    except ValueError:
        shown = today_local().year
    days = CalendarDay.objects.filter(year__year=shown).order_by("date")
    return render(
        request,
        "deadlines/calendar.html",
        {
            "years": years,
            "days": days,
            "shown": shown,
            "form": form,
            "can_manage": can_manage,
            "warning": calendar_warning(today_local()),
        },
    )


def home_widget(request: HttpRequest) -> dict[str, Any] | None:
    """Home page: the user's clocks that are 临期 or 超期."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or not _has(request, "deadlines.clock.view"):
        return None
    clocks = list(
        clocks_to_act_on(user)
        .filter(state__in=[ClockState.DUE_SOON, ClockState.OVERDUE])
        .select_related("unit")
        .prefetch_related("record")[:10]
    )
    html = render_to_string("deadlines/_widget.html", {"clocks": clocks}, request=request)
    return {"id": "deadlines", "title": "临期和超期的法定期限", "html": html}
