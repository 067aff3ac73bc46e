"""涉企行政检查 pages: list (filters: year, body, flags), record (the cap warning refused until confirmed), a record's
page with its confirmation code link for the enterprise (扫码确认)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import today_local
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.scopes import grants_for

from . import forms as f
from .policies import InspectionPolicy
from .selectors import bodies_visible_to, inspection_get_for, inspections_visible_to
from .services import inspection_record

VIEW = "enforcement.view"
FLAGS = {
    "over_cap": "超过年度上限",
    "unpublished": "检查未公布事项",
    "outside_plan": "计划外检查",
    "quiet": "无事不扰期内检查",
    "disputed": "企业有异议",
    "pending": "待企业确认",
}


@menu_page(VIEW)
def inspection_list(request: HttpRequest) -> HttpResponse:
    qs = inspections_visible_to(request.user)
    year, body, flag = request.GET.get("year", ""), request.GET.get("body", ""), request.GET.get("flag", "")
    if year.isdigit():
        qs = qs.filter(on__year=int(year))
    if body.isdigit():
        qs = qs.filter(body_id=int(body))
    if flag == "over_cap":
        qs = qs.filter(over_cap=True)
    elif flag == "unpublished":
        qs = qs.filter(unpublished_item=True)
    elif flag == "outside_plan":
        qs = qs.filter(outside_plan=True)
    elif flag == "quiet":
        qs = qs.filter(in_quiet_period=True)
    elif flag in ("disputed", "pending"):
        qs = qs.filter(confirm_state=flag)
    page = Paginator(qs.order_by("-on", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/inspection_list.html",
        {
            "page": page,
            "bodies": bodies_visible_to(request.user),
            "year": year,
            "body": body,
            "flag": flag,
            "flags": FLAGS.items(),
            "may_record": grants_for(request.user).has("enforcement.case.record"),
        },
    )


@menu_page("enforcement.case.record")
def inspection_new(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user).filter(is_active=True)
    initial = {"on": today_local()}
    own = bodies.filter(unit=request.user.unit).first()
    if own is not None:
        initial["body"] = own
    form = f.InspectionForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            insp = inspection_record(
                by=request.user,
                body=x["body"],
                on=x["on"],
                matter_code=x["matter_code"],
                enterprise_code=x["enterprise_code"],
                enterprise_name=x["enterprise_name"],
                officer_numbers=form.officer_list(),
                partners=list(x["partners"]),
                result=x["result"],
                confirm_over_cap=x["confirm_over_cap"],
                submit_token=x["submit_token"],
                cause=x["cause"],
                special=x["special"],
            )
        except DomainError as exc:
            refuse(form, exc, {"matter": "matter_code", "officers": "officer_numbers"})
        else:
            messages.success(request, "检查记录已保存。请将确认链接交企业确认。")
            return redirect("enforcement:inspection_detail", insp.pk)
    return render(request, "enforcement/inspection_form.html", {"form": form})


@menu_page(VIEW)
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    insp = inspection_get_for(request.user, pk)
    link = ""
    # the code link is shown to who may record the body's inspections (they hand it to the enterprise)
    if insp.confirm_code and InspectionPolicy.can(request.user, "record", insp):
        link = request.build_absolute_uri(reverse("portal:inspection_confirm", args=[insp.confirm_code]))
    return render(
        request,
        "enforcement/inspection_detail.html",
        {
            "i": insp,
            "partners": insp.partners.select_related("unit").order_by("unit__path"),
            "officers": insp.officers.order_by("certificate_number"),
            "link": link,
        },
    )
