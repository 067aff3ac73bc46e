"""Office pages of the 公众满意度调查: the list (and a new survey), one survey's results with its chart, opening and
closing it, and issuing 答题码 (an Excel list, shown once). Parse → authorise (SurveyPolicy) → one service or selector
→ render."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for, scope_q

from . import services_survey as s
from .forms_survey import SurveyCodesForm, SurveyCreateForm, SurveyStateForm
from .policies import SurveyPolicy
from .selectors_survey import survey_chart, survey_get_for, survey_results, surveys_visible_to

VIEW = "indicators.set.view"
MANAGE = "indicators.set.manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _units_for(user: Any) -> Any:
    qs = Unit.objects.filter(is_active=True).order_by("path", "sort_order", "id")
    q = scope_q(user, "id")
    return qs if q is None else qs.filter(q)


@menu_page(VIEW)
def surveys(request: HttpRequest) -> HttpResponse:
    from fazhi.deadlines.selectors import today_local

    may = grants_for(request.user).has(MANAGE)  # type: ignore[arg-type]
    owner = getattr(request.user, "unit", None)
    form = None
    if may and owner is not None:
        form = SurveyCreateForm(
            request.POST or None, units=_units_for(request.user), initial={"year": today_local().year}
        )
    status = 200
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            c = form.cleaned_data
            try:
                made = s.survey_create(
                    by=request.user,
                    title=c["title"],
                    year=c["year"],
                    owner=owner,
                    subject=c["subject"],
                    questions=c["questions"].splitlines(),
                    sample_target=c["sample_target"],
                    identity=c["identity"],
                    intro=c["intro"],
                    submit_token=c.get("submit_token"),
                )
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                return redirect("indicators:survey", pk=made.pk)
        status = 400
    rows = surveys_visible_to(request.user).order_by("-year", "-id")[:200]
    return render(request, "indicators/surveys.html", {"rows": rows, "form": form}, status=status)


def _detail(request: HttpRequest, survey: Any, *, codes_form: Any = None, status: int = 200) -> HttpResponse:
    results = survey_results(survey, viewer=request.user)
    may = SurveyPolicy.can(request.user, "manage", survey)
    return render(
        request,
        "indicators/survey.html",
        {
            "survey": survey,
            "r": results,
            "option_json": json.dumps(survey_chart(results), ensure_ascii=False),
            "can_manage": may,
            "codes_form": (codes_form or SurveyCodesForm(initial={"count": 100}))
            if may and survey.identity == "code" and survey.state != "closed"
            else None,
        },
        status=status,
    )


@menu_page(VIEW)
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, survey_get_for(request.user, pk))


@menu_page(VIEW)
@require_POST
def survey_state(request: HttpRequest, pk: int) -> HttpResponse:
    found = survey_get_for(request.user, pk, "manage")
    form = SurveyStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "状态：请从页面上的按钮操作。")
        return redirect("indicators:survey", pk=found.pk)
    try:
        s.survey_state_set(
            by=request.user, survey=found, state=form.cleaned_data["state"], version=form.cleaned_data["version"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "调查已开始。" if form.cleaned_data["state"] == "open" else "调查已结束。")
    return redirect("indicators:survey", pk=found.pk)


def codes_workbook(survey: Any, codes: list[str]) -> bytes:
    from openpyxl import Workbook

    from fazhi.core.excel import safe_cell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("答题码")
    ws.append([safe_cell(f"{survey.title}：答题码（每码限用一次，请妥善发放）")])
    ws.append(["序号", "答题码", "答题网址"])
    for i, code in enumerate(codes, start=1):
        ws.append([i, code, safe_cell(f"/portal/surveys/{survey.pk}/")])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


@menu_page(VIEW)
@require_POST
def survey_codes(request: HttpRequest, pk: int) -> HttpResponse:
    found = survey_get_for(request.user, pk, "manage")
    form = SurveyCodesForm(request.POST)
    if form.is_valid():
        try:
            codes = s.survey_codes_issue(by=request.user, survey=found, count=form.cleaned_data["count"])
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            resp = HttpResponse(codes_workbook(found, codes), content_type=XLSX)
            resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'答题码-{found.pk}.xlsx')}"
            return resp
    return _detail(request, found, codes_form=form, status=400)
