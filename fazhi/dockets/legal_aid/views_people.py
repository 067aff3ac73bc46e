"""The 法律援助人员 registry's pages: the list (kind, active; each person's open and closed assigned cases), register,
edit (the hidden version: another's edit since the page was opened is refused), deactivate and reactivate. A refused
form keeps what was typed and shows the Chinese reason beside the field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.cases.docket_views import require_action
from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.forms import form_refuse
from fazhi.orgs.rules import has_action
from fazhi.orgs.selectors import units_in_scope_of

from .codes import PERSON_KIND_LABEL, PERSON_KINDS
from .forms import PersonCreateForm, PersonEditForm
from .policies import MANAGE, VIEW, AidPersonPolicy
from .selectors import aid_people_visible_to, aid_people_workload, aid_person_get_for
from .services import aid_person_create, aid_person_deactivate, aid_person_reactivate, aid_person_update

ACTIVE = (("1", "在册"), ("0", "已停用"))


@login_required
def people(request: HttpRequest) -> HttpResponse:
    require_action(request, VIEW)
    f = {k: request.GET.get(k, "").strip() for k in ("kind", "active")}
    qs = aid_people_visible_to(request.user)
    if f["kind"] in PERSON_KIND_LABEL:
        qs = qs.filter(kind=f["kind"])
    if f["active"] in ("0", "1"):
        qs = qs.filter(is_active=f["active"] == "1")
    page = Paginator(qs.order_by("centre__path", "-is_active", "name", "id"), 50).get_page(request.GET.get("page"))
    work = aid_people_workload([p.pk for p in page])
    managed = {p.pk for p in page if AidPersonPolicy.can(request.user, "manage", p)}
    rows = [
        {
            "p": p,
            "kind": PERSON_KIND_LABEL.get(p.kind, ""),
            "open": work.get(p.pk, {}).get("open", 0),
            "closed": work.get(p.pk, {}).get("closed", 0),
            "manage": p.pk in managed,
        }
        for p in page
    ]
    return render(
        request,
        "legal_aid/people.html",
        {
            "rows": rows,
            "page": page,
            "f": f,
            "kinds": PERSON_KINDS,
            "actives": ACTIVE,
            "may_create": has_action(MANAGE).allows(request.user, None),
        },
    )


def _managed_units(user: Any) -> Any:
    return units_in_scope_of(user)


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    require_action(request, MANAGE)
    form = PersonCreateForm(
        request.POST or None, initial={"centre": request.user.unit}, units=_managed_units(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            p = aid_person_create(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            messages.success(request, f"已登记法律援助人员{p.name}。")
            return redirect("legal_aid:people")
    return render(request, "legal_aid/person_form.html", {"form": form, "person": None})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, MANAGE)
    person = aid_person_get_for(request.user, pk, "manage")
    initial = {k: getattr(person, k) for k in ("kind", "name", "licence_number", "organisation", "specialities")}
    form = PersonEditForm(
        request.POST or None, initial={**initial, "version": person.version}, has_phone=bool(person.phone)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            aid_person_update(by=request.user, person=person, expected_version=version, **data)
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            messages.success(request, f"已保存{person.name}的信息。")
            return redirect("legal_aid:people")
    work = aid_people_workload([person.pk]).get(person.pk, {"open": 0, "closed": 0})
    return render(request, "legal_aid/person_form.html", {"form": form, "person": person, "work": work})


def _status(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    require_action(request, MANAGE)
    person = aid_person_get_for(request.user, pk, "manage")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        raise Http404 from None
    service = aid_person_reactivate if active else aid_person_deactivate
    try:
        service(by=request.user, person=person, expected_version=version)
    except DomainError as exc:  # a ConflictError too: another's edit since the page was opened
        messages.error(request, exc.message)
        return redirect("legal_aid:person_edit", pk=person.pk)
    messages.success(request, f"已{'恢复' if active else '停用'}{person.name}。")
    return redirect("legal_aid:people")


@login_required
@require_POST
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _status(request, pk, False)


@login_required
@require_POST
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _status(request, pk, True)
