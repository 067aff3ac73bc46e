"""Pages: my clocks, one clock (explanation + month calendar), the calculator, the calendar administration."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def clock_list(request: HttpRequest) -> HttpResponse:
    return render(request, "deadlines/clock_list.html", {})


@login_required
def clock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "deadlines/clock_detail.html", {})


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    return render(request, "deadlines/calculator.html", {})


@login_required
def calendar_admin(request: HttpRequest) -> HttpResponse:
    return render(request, "deadlines/calendar.html", {})


def home_widget(request: HttpRequest) -> dict | None:
    return None
