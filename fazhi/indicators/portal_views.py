"""Public pages of the 公众满意度调查 (mounted in the portal's URL conf, anonymous by design): the surveys under way,
and one survey's sheet with its progress against the sample target. One answer per phone or code
(services_survey.survey_answer_submit); a per-address limit counted in the database (core.ratelimit)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse
from fazhi.core.middleware import client_ip
from fazhi.core.ratelimit import rate_hit, rate_limit_message

from .forms_survey import SurveyAnswerForm
from .models_survey import SurveyState
from .selectors_survey import survey_progress, surveys_public
from .services_survey import survey_answer_submit

LIMIT = (30, 3600)  # answer sheets sent per address per hour (a 政务服务大厅 kiosk shares one address)


def survey_list(request: HttpRequest) -> HttpResponse:
    rows = [(s, survey_progress(s)) for s in surveys_public().order_by("state", "-year", "-id")[:50]]
    return render(request, "indicators/portal/surveys.html", {"rows": rows})


def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = surveys_public().filter(pk=pk).first()
    if survey is None:
        raise Http404("调查不存在")
    open_now = survey.state == SurveyState.OPEN
    form = SurveyAnswerForm(request.POST or None, survey=survey)
    status = 200
    if request.method == "POST":
        if rate_hit(f"portal.survey:{client_ip(request)}", limit=LIMIT[0], seconds=LIMIT[1]):
            form.is_valid()
            form.add_error(None, rate_limit_message(LIMIT[1]))
            status = 429
        elif form.is_valid():
            d = form.cleaned_data
            try:
                survey_answer_submit(
                    survey=survey,
                    ratings=form.ratings(),
                    phone=d.get("phone", ""),
                    code=d.get("code", ""),
                    comment=d.get("comment", ""),
                    submit_token=d.get("submit_token"),
                )
            except DomainError as exc:
                form_refuse(form, exc)
                status = 400
            else:
                return redirect(reverse("portal:survey", args=[survey.pk]) + "?done=1")
        else:
            status = 400
    ctx = {
        "survey": survey,
        "form": form,
        "open_now": open_now,
        "progress": survey_progress(survey),
        "done": request.GET.get("done") == "1",
    }
    return render(request, "indicators/portal/survey.html", ctx, status=status)


urlpatterns = [
    path("surveys/", survey_list, name="surveys"),
    path("surveys/<int:pk>/", survey_answer, name="survey"),
]
