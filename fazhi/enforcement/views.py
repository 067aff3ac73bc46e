"""Pages of 行政执法协调监督: parse → authorise → one service or selector → render. A refused form is shown again
with what the user typed and the service's message beside the field it names."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import clock_light, today_local
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for

from . import forms as f
from .policies import BodyPolicy, CasePolicy
from .selectors import (
    bodies_visible_to,
    body_get_for,
    case_clocks,
    case_flags,
    case_get_for,
    cases_visible_to,
    officer_rows,
    review_ground_labels,
)
from .services import (
    body_save,
    case_record,
    case_unmask,
    case_update,
    list_item_save,
    matter_save,
    officer_save,
    tier_save,
    training_record,
)
from .states import MatterKind

VIEW = "enforcement.view"
FLAGS = {"review": "法制审核缺陷", "undecided": "未作出决定", "unpublished": "已决定未公示"}


@menu_page(VIEW)
def case_list(request: HttpRequest) -> HttpResponse:
    qs = cases_visible_to(request.user)
    year, body, flag = request.GET.get("year", ""), request.GET.get("body", ""), request.GET.get("flag", "")
    if year.isdigit():
        qs = qs.filter(filed_on__year=int(year))
    if body.isdigit():
        qs = qs.filter(body_id=int(body))
    if flag == "review":
        qs = qs.filter(review_defect=True)
    elif flag == "undecided":
        qs = qs.filter(decided_on__isnull=True)
    elif flag == "unpublished":
        qs = qs.filter(decided_on__isnull=False, published_on__isnull=True)
    page = Paginator(qs.order_by("-filed_on", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/case_list.html",
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


def _record_bodies(user: Any) -> Any:
    """The bodies in the user's scope (the record action is checked by the page and again by the service)."""
    return bodies_visible_to(user).filter(is_active=True)


@menu_page("enforcement.case.record")
def case_new(request: HttpRequest) -> HttpResponse:
    bodies = _record_bodies(request.user)
    initial: dict[str, Any] = {"filed_on": today_local()}
    own = bodies.filter(unit=request.user.unit).first()
    if own is not None:
        initial["body"] = own
    form = f.CaseForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            case = case_record(by=request.user, body=x["body"], data=form.case_input(), submit_token=x["submit_token"])
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, "执法案件已记录。")
            return redirect(case)
    return render(request, "enforcement/case_form.html", {"form": form, "case": None, "matters": _matters(bodies)})


def _matters(bodies: Any) -> list[Any]:
    from .models import Matter

    return list(Matter.objects.filter(body__in=bodies, is_active=True).select_related("body__unit").order_by("code"))


@menu_page(VIEW)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for(request.user, pk)
    return _detail(request, case)


def _detail(request: HttpRequest, case: Any, party_name: str = "") -> HttpResponse:
    clocks = case_clocks(case)
    rows = [
        {"label": label, "clock": clocks[key], "light": clock_light(clocks[key])}
        for key, label in (
            ("decision", "办理期限（九十日）"),
            ("publication", "公示期限"),
            ("withdrawal", "撤回公示期限"),
        )
        if key in clocks
    ]
    return render(
        request,
        "enforcement/case_detail.html",
        {
            "case": case,
            "party_name": party_name or case.masked_party_name,
            "flags": case_flags(case, clocks),
            "clocks": rows,
            "grounds": review_ground_labels(case.review_grounds),
            "officers": list(case.officers.all()),
            "may_edit": CasePolicy.can(request.user, "record", case),
            "may_unmask": CasePolicy.can(request.user, "pii", case) and not party_name,
        },
    )


@require_POST
@menu_page("enforcement.case.pii")
def case_unmask_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for(request.user, pk, "pii")
    return _detail(request, case, party_name=case_unmask(by=request.user, case=case))


@menu_page("enforcement.case.record")
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for(request.user, pk, "record")
    bodies = bodies_visible_to(request.user).filter(pk=case.body_id)
    form = f.CaseForm(request.POST or None, bodies=bodies, initial=f.case_initial(case))
    if request.method == "POST" and form.is_valid():
        try:
            case = case_update(
                by=request.user,
                case=case,
                data=form.case_input(),
                version=form.cleaned_data["version"] or case.version,
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, "执法案件已保存。")
            return redirect(case)
    return render(request, "enforcement/case_form.html", {"form": form, "case": case, "matters": _matters(bodies)})


@menu_page(VIEW)
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user)
    form = None
    if grants_for(request.user).has("enforcement.body.manage"):
        form = f.BodyForm(
            request.POST or None,
            units=Unit.objects.filter(is_active=True).order_by("path"),
            bodies=bodies.exclude(kind="entrusted"),
        )
        if request.method == "POST" and form.is_valid():
            x = form.cleaned_data
            try:
                b = body_save(by=request.user, **x)
            except DomainError as exc:
                refuse(form, exc)
            else:
                messages.success(request, "执法主体已登记。")
                return redirect(b)
    elif request.method == "POST":
        raise Http404
    return render(request, "enforcement/body_list.html", {"bodies": bodies, "form": form})


DONE = {
    "officer": "执法人员已登记。",
    "training": "培训记录已保存。",
    "matter": "执法事项已保存。",
    "list_item": "清单事项已保存。",
    "tier": "裁量基准已保存。",
}
ACTS = {"officer": "officers", "training": "officers", "matter": "matters", "list_item": "matters", "tier": "matters"}


@menu_page(VIEW)
def body_detail(request: HttpRequest, pk: int, act: str = "") -> HttpResponse:
    body = body_get_for(request.user, pk)
    officers = list(body.officers.order_by("name", "id"))
    may = {k: BodyPolicy.can(request.user, v, body) for k, v in ACTS.items()}
    data = request.POST if request.method == "POST" else None
    if data is not None and (act not in ACTS or not may[act]):
        raise Http404
    forms_ = {
        "officer": f.OfficerForm(data if act == "officer" else None, prefix="officer"),
        "training": f.TrainingForm(
            data if act == "training" else None, prefix="training", officers=body.officers.order_by("name")
        ),
        "matter": f.MatterForm(data if act == "matter" else None, prefix="matter"),
        "list_item": f.ListItemForm(
            data if act == "list_item" else None,
            prefix="list",
            matters=body.matters.order_by("code"),
            initial={"year": today_local().year},
        ),
        "tier": f.TierForm(data if act == "tier" else None, prefix="tier", matters=body.matters.order_by("code")),
    }
    if data is not None:
        form = forms_[act]
        if form.is_valid():
            x = form.cleaned_data
            try:
                if act == "officer":
                    officer_save(by=request.user, body=body, **x)
                elif act == "training":
                    training_record(by=request.user, **x)
                elif act == "list_item":
                    list_item_save(by=request.user, body=body, **x)
                elif act == "tier":
                    tier_save(by=request.user, **x)
                else:
                    matter_save(by=request.user, body=body, **x)
            except DomainError as exc:
                refuse(form, exc)
            else:
                messages.success(
                    request,
                    {"officer": "执法人员已登记。", "training": "培训记录已保存。", "matter": "执法事项已保存。"}[act],
                )
                return redirect(body)
    return render(
        request,
        "enforcement/body_detail.html",
        {
            "body": body,
            "rows": officer_rows(officers),
            "year": today_local().year,
            "matters": body.matters.prefetch_related("tiers").order_by("code"),
            "list_items": body.list_items.select_related("matter").order_by("-year", "kind", "id"),
            "forms": {k: v for k, v in forms_.items() if may[k]},
            "open": act,
            "kinds": dict(MatterKind.choices),
        },
    )
