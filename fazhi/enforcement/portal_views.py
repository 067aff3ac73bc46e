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
from fazhi.core.ratelimit import rate_count, rate_hit, rate_limit_message

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


COMPLAINT_LIMIT = (10, 3600)  # complaints submitted, per address per hour (as 网上信访)
COMPLAINT_REFUSED_LIMIT = (60, 3600)  # refused tries, per address per hour
LOOKUP_LIMIT = (30, 600)  # progress lookups, per address per 10 minutes (as the portal's other lookups)


def _key(request: HttpRequest, bucket: str) -> str:
    return f"portal.{bucket}:{client_ip(request)}"


def complaint_submit_view(request: HttpRequest) -> HttpResponse:
    """网上投诉 about enforcement: to the 行政执法监督机构; the query code (shown once, unguessable) and the phone
    follow it on the lookup page. A retried submit is one complaint (its token)."""
    from .forms import ComplaintForm
    from .models import Body
    from .services import complaint_receive
    from .states import ComplaintChannel

    bodies = Body.objects.filter(is_active=True).select_related("unit").order_by("unit__path", "id")
    form = ComplaintForm(request.POST or None, request.FILES or None, bodies=bodies, public=True)
    status = 200
    if request.method == "POST":
        if rate_count(_key(request, "enforcement_complaint"), seconds=COMPLAINT_LIMIT[1]) >= COMPLAINT_LIMIT[0]:
            form.is_valid()
            form.add_error(None, rate_limit_message(COMPLAINT_LIMIT[1]))
            return render(request, "enforcement/portal/complaint.html", {"form": form}, status=429)
        if form.is_valid():
            x = form.cleaned_data
            try:
                c = complaint_receive(
                    by=None,
                    body=x["body"],
                    channel=ComplaintChannel.PORTAL,
                    name=x["name"],
                    phone=x["phone"],
                    subject=x["subject"],
                    content=x["content"],
                    request=x["request"],
                    submit_token=x["submit_token"],
                    files=x["files"],
                )
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                rate_hit(_key(request, "enforcement_complaint"), limit=COMPLAINT_LIMIT[0], seconds=COMPLAINT_LIMIT[1])
                return render(request, "enforcement/portal/complaint_submitted.html", {"c": c})
        key = _key(request, "enforcement_complaint_refused")
        if rate_hit(key, limit=COMPLAINT_REFUSED_LIMIT[0], seconds=COMPLAINT_REFUSED_LIMIT[1]):
            form.add_error(None, rate_limit_message(COMPLAINT_REFUSED_LIMIT[1]))
            status = 429
        else:
            status = 400
    return render(request, "enforcement/portal/complaint.html", {"form": form}, status=status)


def complaint_lookup_view(request: HttpRequest) -> HttpResponse:
    """Progress of a complaint by its query code and the phone (one answer for "no such code" and "wrong phone")."""
    from .forms import ComplaintLookupForm
    from .selectors import complaint_by_code, complaint_state

    form = ComplaintLookupForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST":
        if rate_hit(_key(request, "enforcement_lookup"), limit=LOOKUP_LIMIT[0], seconds=LOOKUP_LIMIT[1]):
            form.is_valid()
            form.add_error(None, rate_limit_message(LOOKUP_LIMIT[1]))
            status = 429
        elif form.is_valid():
            found = complaint_by_code(form.cleaned_data["code"], form.cleaned_data["phone"])
            if found is None:
                form.add_error(None, "未找到与查询码和联系电话相符的投诉。")
                status = 404
    ctx = {"form": form, "c": found, "state": complaint_state(found) if found else ""}
    return render(request, "enforcement/portal/complaint_lookup.html", ctx, status=status)


urlpatterns = [
    path("inspections/confirm/<str:code>/", inspection_confirm_view, name="inspection_confirm"),
    path("enforcement/complaints/submit/", complaint_submit_view, name="enforcement_complaint"),
    path("enforcement/complaints/lookup/", complaint_lookup_view, name="enforcement_complaint_lookup"),
]
