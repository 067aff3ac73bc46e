"""Pages of the sources (issue 23 §3): 述职述法, 学法, 法治能力测试 (Excel import in the worker), 法律顾问. Each: parse →
authorise (the record policies) → one service or selector → render. A refused form keeps its input and shows the
message beside the field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse
from fazhi.core.uploads import check_import_workbook
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for, scope_q

from . import forms_records as f
from . import selectors_records as sel
from . import services_records as s
from .models import AdviserEngagement, DutyReport, StudySession
from .policies import AbilityTestPolicy, AdviserEngagementPolicy, AdviserPolicy, DutyReportPolicy, StudySessionPolicy

VIEW = "indicators.record.view"
MANAGE = "indicators.record.manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: HttpRequest) -> int:
    from fazhi.deadlines.selectors import today_local

    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else today_local().year


def _units_for(user: Any) -> Any:
    """Units the user may record for: active, inside their data scope."""
    qs = Unit.objects.filter(is_active=True).order_by("path", "sort_order", "id")
    q = scope_q(user, "id")
    return qs if q is None else qs.filter(q)


def _may(user: Any) -> bool:
    return grants_for(user).has(MANAGE)


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, 50).get_page(request.GET.get("page"))


@menu_page(VIEW)
def records(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request, "indicators/records.html", {"year": year, "v": _flat(sel.source_figures(request.user, year))}
    )


def _flat(values: dict[str, Any]) -> dict[str, Any]:
    return {k.split(".", 1)[1]: v for k, v in values.items()}


def _checked(user: Any, policy: Any, model: Any, unit: Any) -> None:
    if not policy.can(user, "record", model(unit=unit)):
        raise PermissionDenied


@menu_page(VIEW)
def duty_reports(request: HttpRequest) -> HttpResponse:
    units = _units_for(request.user)
    year = _year(request)
    may = _may(request.user)
    own = getattr(request.user, "unit", None)
    form = None
    if may:
        # the year shown when one was asked for (?year=), else last year's (reported on early in this one)
        default_year = year if request.GET.get("year") == str(year) else year - 1
        form = f.DutyReportForm(
            request.POST or None, request.FILES or None, units=units, initial={"unit": own, "year": default_year}
        )
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            c = form.cleaned_data
            _checked(request.user, DutyReportPolicy, DutyReport, c["unit"])
            try:
                s.duty_report_record(
                    by=request.user,
                    unit=c["unit"],
                    year=c["year"],
                    reporter=c["reporter"],
                    post=c["post"],
                    heard_on=c["heard_on"],
                    heard_by=c["heard_by"],
                    rating=c["rating"],
                    text=c["text"],
                    file=c.get("file"),
                    submit_token=c.get("submit_token"),
                )
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                messages.success(request, "已登记述职述法。")
                return redirect(f"{request.path}?year={c['year']}")
        status = 400
    rows = sel.duty_reports_visible_to(request.user).filter(year=year).order_by("unit__path", "-heard_on", "id")
    coverage = sel.source_figures(request.user, year)["indicators.duty_coverage"]
    levels, total, missing = sel.duty_coverage_by_level(request.user, year)
    ctx = {
        "year": year,
        "rows": _page(request, rows),
        "form": form,
        "coverage": coverage,
        "levels": [*levels, total] if levels else [],
        "missing": missing[:50],
        "missing_count": len(missing),
    }
    return render(request, "indicators/duty_reports.html", ctx, status=status)


@menu_page(VIEW)
def duty_export(request: HttpRequest) -> HttpResponse:
    """The year's 述职述法 reports per unit, coverage per level and the units that have not reported, as .xlsx."""
    from urllib.parse import quote

    from .exports_records import duty_reports_export

    year = _year(request)
    resp = HttpResponse(duty_reports_export(by=request.user, year=year), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{year}年度述职述法.xlsx')}"
    return resp


@menu_page(VIEW)
def study_sessions(request: HttpRequest) -> HttpResponse:
    units = _units_for(request.user)
    year = _year(request)
    form = f.StudySessionForm(request.POST or None, units=units, initial={"unit": getattr(request.user, "unit", None)})
    status = 200
    if request.method == "POST":
        if not _may(request.user):
            raise PermissionDenied
        if form.is_valid():
            c = form.cleaned_data
            _checked(request.user, StudySessionPolicy, StudySession, c["unit"])
            try:
                s.study_session_record(by=request.user, **c)
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                messages.success(request, "已登记学法活动。")
                return redirect(f"{request.path}?year={c['held_on'].year}")
        status = 400
    kind = request.GET.get("kind", "")
    rows = sel.study_sessions_visible_to(request.user).filter(held_on__year=year)
    if kind:
        rows = rows.filter(kind=kind)
    ctx = {
        "year": year,
        "kind": kind,
        "rows": _page(request, rows.order_by("-held_on", "-id")),
        "form": form if _may(request.user) else None,
        "v": _flat(sel.source_figures(request.user, year)),
    }
    return render(request, "indicators/study_sessions.html", ctx, status=status)


@menu_page(VIEW)
def tests(request: HttpRequest) -> HttpResponse:
    """法治能力测试: the sittings, the pass rate per unit for the year, and the import (staged, parsed in the worker)."""
    from fazhi.jobs.models import Job
    from fazhi.jobs.staging import upload_enqueue

    from .imports import import_template
    from .tasks import TEST_IMPORT_KIND

    year = _year(request)
    owner = getattr(request.user, "unit", None)
    may_import = owner is not None and AbilityTestPolicy.can(request.user, "import", _owned(owner))
    if request.GET.get("template") and may_import:
        resp = HttpResponse(import_template(), content_type=XLSX)
        resp["Content-Disposition"] = "attachment; filename*=UTF-8''ability-test-results.xlsx"
        return resp
    form = f.AbilityImportForm(request.POST or None, request.FILES or None) if may_import else None
    job, errors = None, []
    if request.GET.get("job", "").isdigit():
        job = Job.objects.filter(pk=int(request.GET["job"]), kind=TEST_IMPORT_KIND, created_by=request.user).first()
        if job is None:
            raise Http404
        if job.status == Job.Status.DONE:
            if job.result.get("ok"):
                messages.success(request, f"已导入 {job.result.get('imported', 0)} 条成绩。")
                return redirect(request.path)
            errors = [tuple(e) for e in job.result.get("errors", [])]
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            c = form.cleaned_data
            try:
                check_import_workbook(c["file"])  # type, size, zip directory here; the parse in the worker
            except ValidationError as exc:
                form.add_error("file", exc.messages[0])
            else:
                job = upload_enqueue(
                    kind=TEST_IMPORT_KIND,
                    file=c["file"],
                    by=request.user,
                    params={
                        "user": request.user.pk,
                        "owner": owner.pk,
                        "name": c["name"],
                        "held_on": c["held_on"].isoformat(),
                        "pass_mark": str(c["pass_mark"]) if c["pass_mark"] is not None else "",
                        "return": request.path,
                    },
                    label=f"导入法治能力测试成绩：{c['name']}",
                )
                return redirect(f"{request.path}?job={job.pk}")
        status = 400
    ctx = {
        "year": year,
        "tests": sel.ability_tests_visible_to(request.user).filter(held_on__year=year).order_by("-held_on", "-id"),
        "by_unit": sel.pass_rates_by_unit(request.user, year),
        "v": _flat(sel.source_figures(request.user, year)),
        "form": form,
        "job": job if job is not None and job.status != Job.Status.DONE else None,
        "errors": errors,
    }
    return render(request, "indicators/tests.html", ctx, status=status)


def _owned(owner: Any) -> Any:
    from .models import AbilityTest

    return AbilityTest(owner=owner)


@menu_page(VIEW)
def advisers(request: HttpRequest) -> HttpResponse:
    """The 法律顾问 / 公职律师 registry, the units they serve (contracts, fees) and their work."""
    user = request.user
    units = _units_for(user)
    may = _may(user)
    engagements = sel.engagements_visible_to(user)
    adviser_form = f.AdviserForm(request.POST if request.POST.get("step") == "adviser" else None, prefix="a")
    engage_form = f.EngagementForm(
        request.POST if request.POST.get("step") == "engage" else None,
        prefix="e",
        advisers=sel.advisers_visible_to(user).order_by("name"),
        units=units,
        initial={"unit": getattr(user, "unit", None)},
    )
    opinion_form = f.OpinionForm(
        request.POST if request.POST.get("step") == "opinion" else None,
        prefix="o",
        engagements=engagements.order_by("unit__path", "-starts_on"),
    )
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        if not may or step not in ("adviser", "engage", "opinion"):
            raise PermissionDenied
        form = {"adviser": adviser_form, "engage": engage_form, "opinion": opinion_form}[step]
        if form.is_valid():
            c = form.cleaned_data
            try:
                if step == "adviser":
                    if not AdviserPolicy.can(user, "record", None):
                        raise PermissionDenied
                    s.adviser_register(by=user, **c)
                elif step == "engage":
                    _checked(user, AdviserEngagementPolicy, AdviserEngagement, c["unit"])
                    s.adviser_engage(by=user, **c)
                else:
                    if not AdviserEngagementPolicy.can(user, "record", c["engagement"]):
                        raise PermissionDenied
                    s.adviser_opinion_record(by=user, **c)
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                messages.success(request, "已保存。")
                return redirect(request.path)
        status = 400
    year = _year(request)
    ctx = {
        "year": year,
        "advisers": sel.advisers_visible_to(user).order_by("kind", "name"),
        "engagements": engagements.order_by("unit__path", "-starts_on"),
        "opinions": _page(request, sel.opinions_visible_to(user).filter(given_on__year=year)),
        "v": _flat(sel.source_figures(user, year)),
        "adviser_form": adviser_form if may else None,
        "engage_form": engage_form if may else None,
        "opinion_form": opinion_form if may else None,
    }
    return render(request, "indicators/advisers.html", ctx, status=status)
