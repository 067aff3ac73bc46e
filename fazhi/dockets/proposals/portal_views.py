"""Public page (mounted in the portal's URL conf): a deputy or member rates the reply with the one-time code sent
with the 答复函. Per-address limit counted in the database (core.ratelimit); one message for every bad code."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from fazhi.cases.models import Case
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse, long_text
from fazhi.core.ratelimit import rate_hit, rate_limit_message

from .models import Rating
from .services import feedback_by_code

LIMIT = (20, 3600)  # tries per address per hour


class PortalRatingForm(forms.Form):
    code = forms.CharField(label="评价码", max_length=20, help_text="见答复函所附的征询意见表")
    rating = forms.ChoiceField(label="您对办理结果的评价", choices=Rating.choices, widget=forms.RadioSelect)
    note = long_text("意见和建议", required=False)


def proposal_rate(request: HttpRequest) -> HttpResponse:
    form = PortalRatingForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        ip = request.META.get("REMOTE_ADDR", "")
        if rate_hit(f"portal:proposals_rate:{ip}", limit=LIMIT[0], seconds=LIMIT[1]):
            form.add_error(None, rate_limit_message(LIMIT[1]))
        else:
            try:
                case = feedback_by_code(**form.cleaned_data)
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                done = {"rating": Rating(case.extra["rating"]).label, "rehandling": case.state == "rehandling"}
    return render(request, "proposals/portal_rate.html", {"form": form, "done": done})


def _published() -> QuerySet[Case]:
    return Case.objects.filter(docket="proposals", extra__published_on__isnull=False)


def proposal_results(request: HttpRequest) -> HttpResponse:
    """建议提案办理结果公开 (代表法 2025 Art. 51): the results the office published, newest first, 20 a page."""
    rows = _published().order_by("-id").only("id", "extra")
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(request, "proposals/portal_results.html", {"page": page})


def proposal_result(request: HttpRequest, pk: int) -> HttpResponse:
    case = _published().filter(pk=pk).first()
    if case is None:
        raise Http404("办理结果不存在")
    return render(request, "proposals/portal_result.html", {"pub": case.extra["publication"]})


urlpatterns = [
    path("proposals/rate/", proposal_rate, name="proposals_rate"),
    path("proposals/results/", proposal_results, name="proposals_results"),
    path("proposals/results/<int:pk>/", proposal_result, name="proposals_result"),
]
