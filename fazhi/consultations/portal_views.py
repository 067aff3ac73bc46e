"""Public pages (mounted in the portal's URL conf, anonymous by design): open consultations and their drafts, a
comment form usable on a phone (whole draft or one article), and each published 意见采纳情况说明.

Identity per consultation: named (name + mobile number, confirmed by a code shown on this page — proof that a person
typed it, not that the phone is theirs; an SMS code needs a gateway this version does not have) or anonymous.
Per-IP rate limit through core.ratelimit (FAZHI_CONSULTATIONS PORTAL_LIMIT comments per PORTAL_WINDOW seconds)."""

from __future__ import annotations

import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core.errors import DomainError
from fazhi.core.middleware import client_ip
from fazhi.core.ratelimit import rate_hit, rate_retry_at

from .documents import explanation_paragraphs
from .forms import PublicCommentForm
from .models import Identity
from .selectors import consultation_figures, consultations_public, ledger_items
from .services import comment_submit
from .services._common import conf
from .states import ConsultationState


def _code(request: HttpRequest, pk: int, *, fresh: bool = False) -> str:
    key = f"consultation_code_{pk}"
    if fresh or key not in request.session:
        request.session[key] = f"{secrets.randbelow(9000) + 1000}"
    return str(request.session[key])


def consultation_list(request: HttpRequest) -> HttpResponse:
    items = list(consultations_public().order_by("-opens_on", "-id")[:100])
    return render(request, "consultations/portal/list.html", {"items": items})


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = consultations_public().filter(pk=pk).first()
    if c is None:
        raise Http404
    articles = list(c.articles.all())
    named = c.identity == Identity.NAMED
    form = PublicCommentForm(request.POST or None, max_length=c.comment_max_length, named=named)
    form.set_articles(articles)
    status = 200
    if request.method == "POST":
        if rate_hit(
            f"portal.consultation:{client_ip(request)}",
            limit=int(conf("PORTAL_LIMIT")),
            seconds=int(conf("PORTAL_WINDOW")),
        ):
            return render(
                request, "portal/limited.html", {"retry_at": rate_retry_at(int(conf("PORTAL_WINDOW")))}, status=429
            )
        if form.is_valid():
            d = form.cleaned_data
            verified = bool(d["code"]) and d["code"] == request.session.get(f"consultation_code_{pk}")
            try:
                cm = comment_submit(
                    consultation=c,
                    text=d["text"],
                    article_id=d["article"],
                    name=d["name"],
                    phone=d["phone"],
                    verified=verified,
                    submit_token=d["submit_token"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                _code(request, pk, fresh=True)
                return redirect(c.public_url() + f"?sent={cm.number}#comment")
        status = 400
    open_now = c.state == ConsultationState.OPEN
    return render(
        request,
        "consultations/portal/detail.html",
        {
            "c": c,
            "articles": articles,
            "form": form,
            "named": named,
            "open_now": open_now,
            "code": _code(request, pk, fresh=request.method != "POST") if open_now else "",
            "sent": request.GET.get("sent", ""),
        },
        status=status,
    )


def consultation_explanation(request: HttpRequest, pk: int) -> HttpResponse:
    c = consultations_public().filter(pk=pk, state=ConsultationState.PUBLISHED).first()
    if c is None:
        raise Http404
    return render(
        request,
        "consultations/portal/explanation.html",
        {"c": c, "paragraphs": explanation_paragraphs(c), "items": ledger_items(c), "figures": consultation_figures(c)},
    )


urlpatterns = [
    path("consultations/", consultation_list, name="consultation_list"),
    path("consultations/<int:pk>/", consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/explanation/", consultation_explanation, name="consultation_explanation"),
]
