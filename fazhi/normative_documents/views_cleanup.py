"""Pages for 清理 campaigns and citizens' 审查建议 (parse → authorise → one service or selector → render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.orgs.scopes import grants_for

from . import forms as f
from . import services as s
from .models import CleanupCampaign, CleanupItem, ReviewSuggestion
from .policies import CleanupPolicy, ReviewSuggestionPolicy


def _campaign_for(user, pk: int) -> CleanupCampaign:  # type: ignore[no-untyped-def]
    c = CleanupCampaign.objects.filter(pk=pk).select_related("organiser").first()
    if c is None or not CleanupPolicy.can(user, "manage", c):
        raise Http404
    return c


@login_required
def cleanups(request: HttpRequest) -> HttpResponse:
    if not request.user.unit_id or not CleanupPolicy.can(
        request.user, "manage", CleanupCampaign(organiser=request.user.unit)
    ):  # type: ignore[union-attr]
        raise PermissionDenied
    form = f.CleanupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = s.cleanup_create(
                name=d["name"],
                organiser=request.user.unit,  # type: ignore[union-attr]
                scope_units=list(d["scope_units"]),
                published_from=d["published_from"],
                published_to=d["published_to"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("normative_documents:cleanup", c.pk)
    rows = CleanupPolicy.visible(request.user, "view").order_by("-created_at")[:100]
    return render(
        request, "normative_documents/cleanups.html", {"rows": rows, "form": form}, status=400 if form.errors else 200
    )


@login_required
def cleanup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _campaign_for(request.user, pk)
    items = c.items.select_related("document", "document__lead_unit").order_by("document__published_on", "pk")
    return render(
        request,
        "normative_documents/cleanup.html",
        {"c": c, "items": items, "item_form": f.CleanupItemForm(), "today": today_local()},
    )


@login_required
@require_POST
def cleanup_item(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    c = _campaign_for(request.user, pk)
    item = CleanupItem.objects.filter(pk=item_id, campaign=c).first()
    if item is None:
        raise Http404
    form = f.CleanupItemForm(request.POST)
    if form.is_valid():
        try:
            s.cleanup_item_decide(item=item, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("normative_documents:cleanup", c.pk)
    return render(
        request,
        "normative_documents/form.html",
        {"form": form, "title": f"清理结果：{item.document.title}", "action_url": request.path},
        status=400,
    )


@login_required
@require_POST
def cleanup_approve(request: HttpRequest, pk: int) -> HttpResponse:
    c = _campaign_for(request.user, pk)
    try:
        s.cleanup_approve(campaign=c, approved_on=today_local(), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "清理结果已批准，文件效力状态已更新，结果已在门户公布。")
    return redirect("normative_documents:cleanup", c.pk)


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    if not grants_for(request.user).has("normative_documents.filing.review"):  # type: ignore[arg-type]
        raise PermissionDenied
    rows = (
        ReviewSuggestionPolicy.visible(request.user, "view").select_related("document").order_by("answered_on", "-id")
    )
    form = f.SuggestionAnswerForm(initial={"answered_on": today_local()})
    return render(request, "normative_documents/suggestions.html", {"rows": rows[:200], "form": form})


@login_required
@require_POST
def suggestion_answer(request: HttpRequest, pk: int) -> HttpResponse:
    sug = ReviewSuggestion.objects.filter(pk=pk).select_related("document").first()
    if sug is None or not ReviewSuggestionPolicy.can(request.user, "answer", sug):
        raise Http404
    form = f.SuggestionAnswerForm(request.POST)
    if form.is_valid():
        try:
            s.review_suggestion_answer(suggestion=sug, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("normative_documents:suggestions")
    return render(
        request,
        "normative_documents/form.html",
        {"form": form, "title": "答复审查建议", "action_url": request.path},
        status=400,
    )
