"""Staff pages of the consultation engine: parse → authorise → one service or selector → render."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.downloads import download_pk, file_download
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.core.textfile import UnreadableFileError, text_of
from fazhi.orgs.decorators import menu_page

from .documents import explanation_docx, revision_docx
from .forms import AdoptionForm, CloseForm, ConsultationForm, DraftForm, HideForm, PublishForm, StaffCommentForm
from .models import Comment, CommentCluster, Consultation
from .policies import ConsultationPolicy
from .registry import owner_get
from .selectors import (
    consultation_figures,
    consultation_get_for,
    consultations_visible_to,
    ledger_items,
    owner_info,
    period_minimum_of,
)
from .services import (
    adoption_record,
    comment_enter,
    comment_hide,
    comment_show,
    comments_export,
    consultation_close,
    consultation_create,
    consultation_draft_import,
    consultation_open,
    explanation_publish,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@menu_page("consultations.view")
def consultation_list(request: HttpRequest) -> HttpResponse:
    items = consultations_visible_to(request.user).order_by("-opens_on", "-id")[:300]
    return render(request, "consultations/list.html", {"items": items})


@login_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    """Opened from the owner's page: ?owner=<app_label.model>&pk=<id>; the owner module decides who may."""
    try:
        spec = owner_get(request.GET.get("owner", ""))
        owner = spec.get_for(request.user, int(request.GET.get("pk", "0")))
    except (DomainError, ValueError):
        raise Http404 from None
    form = ConsultationForm(request.POST or None, initial={"title": f"{spec.title(owner)}（征求意见稿）"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = consultation_create(owner=owner, unit=request.user.unit, by=request.user, **d)
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, "征求意见已创建，请导入征求意见稿。")
            return redirect(c)
    return render(
        request,
        "consultations/new.html",
        {"form": form, "spec": spec, "owner_url": spec.url(owner), "owner_title": spec.title(owner)},
    )


def _detail_context(request: HttpRequest, c: Any, **forms: Any) -> dict[str, Any]:
    figures = consultation_figures(c)
    rows = figures["per_article"]
    option = {
        "tooltip": {},
        "grid": {"left": 80, "right": 20, "top": 20, "bottom": 30},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": [r["label"] for r in rows], "inverse": True},
        "series": [
            {"type": "bar", "name": "意见", "data": [r["comments"] for r in rows]},
            {"type": "bar", "name": "采纳（含部分）", "data": [r["adopted"] for r in rows]},
        ],
    }
    user = request.user
    return {
        "c": c,
        "owner": owner_info(c),
        "figures": figures,
        "minimum": period_minimum_of(c),
        "articles": list(c.articles.all()),
        "comments": list(c.comments.select_related("article", "cluster").order_by("number")),
        "chart_option": json.dumps(option, ensure_ascii=False),
        "can": {a: ConsultationPolicy.can(user, a, c) for a in ("manage", "moderate", "answer", "export")},
        "draft_form": forms.get("draft_form") or DraftForm(),
        "close_form": forms.get("close_form") or CloseForm(initial={"short_reason": c.short_reason}),
        "comment_form": forms.get("comment_form") or _staff_form(c),
        "hide_form": HideForm(),
    }


def _staff_form(c: Any, data: Any = None) -> StaffCommentForm:
    form = StaffCommentForm(data)
    form.set_articles(c.articles.all())
    return form


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = consultation_get_for(request.user, pk)
    return render(request, "consultations/detail.html", _detail_context(request, c))


@login_required
@require_POST
def draft_import(request: HttpRequest, pk: int) -> HttpResponse:
    c = consultation_get_for(request.user, pk, "manage")
    form = DraftForm(request.POST, request.FILES)
    if form.is_valid():
        f = form.cleaned_data.get("file")
        try:
            text = text_of(f.name, f) if f else form.cleaned_data["text"]
            rows = consultation_draft_import(consultation=c, text=text, by=request.user)
        except UnreadableFileError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        except DomainError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, f"已导入征求意见稿，共{len(rows)}条（段）。")
            return redirect(c)
    return render(request, "consultations/detail.html", _detail_context(request, c, draft_form=form), status=400)


@login_required
@require_POST
def consultation_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in ("open", "close", "publish"):
        raise Http404
    c = consultation_get_for(request.user, pk, "answer" if step == "publish" else "manage")
    try:
        if step == "open":
            consultation_open(consultation=c, by=request.user)
            messages.success(request, "征求意见已在门户网站发布。")
        elif step == "close":
            form = CloseForm(request.POST)
            form.is_valid()
            try:
                consultation_close(
                    consultation=c, by=request.user, short_reason=form.cleaned_data.get("short_reason", "")
                )
            except DomainError as exc:
                refuse(form, exc)
                return render(
                    request, "consultations/detail.html", _detail_context(request, c, close_form=form), status=400
                )
            messages.success(request, "征求意见已截止。")
        else:
            pform = PublishForm(request.POST)
            pform.is_valid()
            explanation_publish(consultation=c, by=request.user, intro=pform.cleaned_data.get("intro", ""))
            messages.success(request, "意见采纳情况说明已公布，留有手机号的提出人将收到处理结果。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(c)


@login_required
@require_POST
def comment_enter_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = consultation_get_for(request.user, pk, "manage")
    form = _staff_form(c, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            cm = comment_enter(
                consultation=c,
                by=request.user,
                text=d["text"],
                channel=d["channel"],
                received_on=d["received_on"],
                article_id=d["article"],
                name=d["name"],
                phone=d["phone"],
                organisation=d["organisation"],
                submit_token=d["submit_token"],
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, f"已录入第{cm.number}号意见。")
            return redirect(c.get_absolute_url() + "#comments")
    return render(request, "consultations/detail.html", _detail_context(request, c, comment_form=form), status=400)


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int, comment_pk: int, step: str) -> HttpResponse:
    c = consultation_get_for(request.user, pk, "moderate")
    cm = Comment.objects.filter(consultation=c, pk=comment_pk).first()
    if cm is None or step not in ("hide", "show"):
        raise Http404
    try:
        if step == "hide":
            form = HideForm(request.POST)
            if not form.is_valid():
                raise DomainError("consultations.reason_required", "屏蔽理由：请填写屏蔽理由。", field="reason")
            comment_hide(comment=cm, reason=form.cleaned_data["reason"], by=request.user)
        else:
            comment_show(comment=cm, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(c.get_absolute_url() + "#comments")


@login_required
def ledger(request: HttpRequest, pk: int) -> HttpResponse:
    c = consultation_get_for(request.user, pk, "answer")
    errors: dict[str, Any] = {}
    if request.method == "POST":
        form = AdoptionForm(request.POST)
        key = request.POST.get("item", "")
        kind, _, ident = key.partition(":")
        comment = Comment.objects.filter(consultation=c, pk=ident).first() if kind == "comment" else None
        cluster = CommentCluster.objects.filter(consultation=c, pk=ident).first() if kind == "cluster" else None
        if comment is None and cluster is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                adoption_record(
                    consultation=c,
                    by=request.user,
                    outcome=d["outcome"],
                    reason=d["reason"],
                    revision=d["revision"],
                    comment=comment,
                    cluster=cluster,
                    expected_version=d["version"],
                )
            except DomainError as exc:
                refuse(form, exc)
            else:
                messages.success(request, "已记录采纳情况。")
                return redirect(request.path + f"#{kind}-{ident}")
        errors[key] = form
    items = ledger_items(c)
    for item in items:
        key = f"cluster:{item.cluster.pk}" if item.cluster else f"comment:{item.first.pk}"
        item.extra["key"] = key
        e = item.entry
        item.extra["form"] = errors.get(key) or AdoptionForm(
            initial={"outcome": e.outcome, "reason": e.reason, "revision": e.revision, "version": e.version}
            if e
            else {}
        )
    return render(
        request,
        "consultations/ledger.html",
        {"c": c, "items": items, "figures": consultation_figures(c), "publish_form": PublishForm()},
        status=400 if errors else 200,
    )


@login_required
def download(request: HttpRequest, key: str, what: str) -> HttpResponse:
    """Generated files under a signed key (core.downloads), checked against the consultation's policy."""
    pk = download_pk(Consultation.DOWNLOAD_KIND, key)
    if what == "comments.xlsx":
        c = consultation_get_for(request.user, pk, "export")
        return file_download(
            BytesIO(comments_export(consultation=c, by=request.user)), filename=f"意见-{c.pk}.xlsx", content_type=XLSX
        )
    c = consultation_get_for(request.user, pk, "view")
    if what == "explanation.docx":
        return file_download(BytesIO(explanation_docx(c)), filename=f"意见采纳情况说明-{c.pk}.docx", content_type=DOCX)
    if what == "revisions.docx":
        return file_download(BytesIO(revision_docx(c)), filename=f"修改情况清单-{c.pk}.docx", content_type=DOCX)
    raise Http404
