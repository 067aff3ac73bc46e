"""Public page (mounted in the portal's URL conf): an enterprise confirms or disputes an inspection through its
unguessable code link (扫码确认, issue #21 §4) and may rate it. Anonymous by design; rate-limited per address as the
portal's other forms are (core.ratelimit); an unknown code answers 404 and counts against the limit."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse
from fazhi.core.middleware import client_ip
from fazhi.core.ratelimit import rate_hit, rate_limit_message

from .forms import ConfirmForm
from .selectors import inspection_by_code
from .services import inspection_confirm

VIEW_LIMIT = (60, 600)  # opened links (and unknown codes), per address per 10 minutes
SUBMIT_LIMIT = (20, 3600)  # answers and refused tries, per address per hour


def _limited(request: HttpRequest, bucket: str, limit: tuple[int, int]) -> bool:
    return rate_hit(f"portal.inspection_{bucket}:{client_ip(request)}", limit=limit[0], seconds=limit[1])


def inspection_confirm_view(request: HttpRequest, code: str) -> HttpResponse:
    if _limited(request, "view", VIEW_LIMIT):
        return render(request, "portal/limited.html", {}, status=429)
    insp = inspection_by_code(code)
    if insp is None:
        raise Http404
    form = ConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST" and insp.confirm_state == "pending":
        if _limited(request, "submit", SUBMIT_LIMIT):
            form.is_valid()
            form.add_error(None, rate_limit_message(SUBMIT_LIMIT[1]))
            status = 429
        elif form.is_valid():
            x = form.cleaned_data
            try:
                insp = inspection_confirm(code=code, answer=x["answer"], rating=x["rating"], note=x["note"])
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                return render(request, "enforcement/portal/confirmed.html", {"i": insp})
    return render(request, "enforcement/portal/confirm.html", {"i": insp, "form": form}, status=status)


urlpatterns = [
    path("inspections/confirm/<str:code>/", inspection_confirm_view, name="inspection_confirm"),
]
