"""Public pages (mounted in the portal's URL conf): published catalogues (Art. 3 ¶3) and published decisions with
their comment-adoption explanations (Art. 32)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from fazhi.consultations.selectors import consultations_for_owner

from .selectors import catalogue_items, catalogues_public, decisions_public


def catalogue_public_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "decisions/portal/catalogues.html",
        {"items": catalogues_public(), "decisions": decisions_public().order_by("-published_on")[:50]},
    )


def catalogue_public(request: HttpRequest, pk: int) -> HttpResponse:
    c = catalogues_public().filter(pk=pk).first()
    if c is None:
        raise Http404
    items = [i for i in catalogue_items(c) if not i.withdrawn]
    return render(request, "decisions/portal/catalogue.html", {"c": c, "items": items})


def decision_public(request: HttpRequest, pk: int) -> HttpResponse:
    d = decisions_public().filter(pk=pk).first()
    if d is None:
        raise Http404
    consultations = [c for c in consultations_for_owner(d) if c.state == "published"]
    return render(request, "decisions/portal/decision.html", {"d": d, "consultations": consultations})


urlpatterns = [
    path("major-decisions/", catalogue_public_list, name="decision_catalogues"),
    path("major-decisions/catalogues/<int:pk>/", catalogue_public, name="decision_catalogue"),
    path("major-decisions/<int:pk>/", decision_public, name="major_decision"),
]
