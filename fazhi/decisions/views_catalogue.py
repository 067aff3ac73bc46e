"""Catalogue pages: the list, one catalogue (items, versions, proposals) and its POST actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for

from . import forms as f
from .models import ItemProposal
from .policies import CataloguePolicy, DecisionPolicy
from .selectors import catalogue_get_for, catalogue_items, catalogues_visible_to, government_of
from .services import (
    catalogue_approve,
    catalogue_create,
    catalogue_item_save,
    catalogue_publish,
    proposal_decide,
    proposal_submit,
)


def _units() -> Any:
    return Unit.objects.filter(is_active=True).order_by("path")


@menu_page("decisions.catalogue.view")
def catalogue_list(request: HttpRequest) -> HttpResponse:
    form = f.CatalogueForm(request.POST or None)
    can_create = grants_for(request.user).has("decisions.catalogue.manage")
    if request.method == "POST" and can_create and form.is_valid():
        c = catalogue_create(unit=government_of(request.user.unit), year=form.cleaned_data["year"], by=request.user)
        return redirect(c)
    return render(
        request,
        "decisions/catalogue_list.html",
        {"items": catalogues_visible_to(request.user), "form": form, "can_create": can_create},
    )


def _page(request: HttpRequest, c: Any, bound: tuple[str, Form] | None = None, status: int = 200) -> HttpResponse:
    forms: dict[str, Form] = {
        "item": f.ItemForm(units=_units()),
        "approve": f.ApproveForm(),
        "publish": f.DayForm(),
        "propose": f.ProposalForm(),
    }
    if bound:
        forms[bound[0]] = bound[1]
    return render(
        request,
        "decisions/catalogue.html",
        {
            "c": c,
            "items": catalogue_items(c),
            # a decision's page is linked only for who may open it (a liaison reads its own unit's; issue #11)
            "open_ids": set(
                DecisionPolicy.visible(request.user, "view").filter(item__catalogue=c).values_list("pk", flat=True)
            ),
            "versions": c.versions.all(),
            "proposals": c.proposals.select_related("unit"),
            "forms": forms,
            "decide_form": f.ProposalDecideForm(),
            "can_manage": CataloguePolicy.can(request.user, "manage", c),
            "can_propose": CataloguePolicy.can(request.user, "propose", c),
        },
        status=status,
    )


@login_required
def catalogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, catalogue_get_for(request.user, pk))


@login_required
@require_POST
def catalogue_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ("item", "approve", "publish", "propose", "decide"):
        raise Http404
    c = catalogue_get_for(request.user, pk, "propose" if action == "propose" else "manage")
    if action == "decide":
        p = ItemProposal.objects.filter(catalogue=c, pk=request.POST.get("proposal", "")).first()
        form: Form = f.ProposalDecideForm(request.POST)
        if p is None:
            raise Http404
        if form.is_valid():
            try:
                proposal_decide(proposal=p, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, exc.message)
        else:
            messages.error(request, "处理意见：请填写处理意见。")
        return redirect(c)
    form = {
        "item": lambda: f.ItemForm(request.POST, units=_units()),
        "approve": lambda: f.ApproveForm(request.POST),
        "publish": lambda: f.DayForm(request.POST),
        "propose": lambda: f.ProposalForm(request.POST),
    }[action]()
    if not form.is_valid():
        return _page(request, c, (action, form), status=400)
    x = form.cleaned_data
    try:
        if action == "item":
            catalogue_item_save(catalogue=c, by=request.user, **x)
        elif action == "approve":
            catalogue_approve(catalogue=c, by=request.user, **x)
        elif action == "publish":
            catalogue_publish(catalogue=c, by=request.user, on=x["on"])
        else:
            proposal_submit(catalogue=c, by=request.user, unit=request.user.unit, **x)
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _page(request, catalogue_get_for(request.user, pk), (action, form), status=400)
    messages.success(request, "已保存。")
    return redirect(c)
