"""Kernel pages shared by every docket: document templates, downloads, unmasking a party."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from fazhi.core.downloads import download_pk, file_download
from fazhi.core.errors import DomainError

from .models import Attachment, CaseDocument, DocumentTemplate, Party
from .policies import TemplatePolicy
from .registry import dockets
from .selectors import case_get_for
from .services import party_unmask, template_update, templates_seed


class TemplateForm(forms.Form):
    title = forms.CharField(label="文书标题", max_length=100)
    body = forms.CharField(
        label="正文模板",
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="每段一行；以 >> 开头的行右对齐（落款、日期）；{{案号}} 等占位符在生成时替换。",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    if not TemplatePolicy.can_manage(request.user):
        raise Http404
    for spec in dockets():
        templates_seed(spec.code)
    labels = {s.code: s.label for s in dockets()}
    rows = [(labels.get(r.docket, r.docket), r) for r in DocumentTemplate.objects.all()]
    return render(request, "cases/template_list.html", {"rows": rows})


@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not TemplatePolicy.can_manage(request.user):
        raise Http404
    row = get_object_or_404(DocumentTemplate, pk=pk)
    form = TemplateForm(request.POST or None, initial={"title": row.title, "body": row.body, "version": row.version})
    if request.method == "POST" and form.is_valid():
        try:
            template_update(
                template=row,
                by=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "模板已保存。")
            return redirect("cases:template_list")
    return render(request, "cases/template_edit.html", {"row": row, "form": form})


@login_required
def document_download(request: HttpRequest, key: str) -> HttpResponse:
    doc = get_object_or_404(CaseDocument, pk=download_pk(CaseDocument.DOWNLOAD_KIND, key))
    case = case_get_for(request.user, doc.case_id)  # the owning case's policy; 404 like a missing key
    return file_download(doc.file.open("rb"), filename=f"{case.case_number}{doc.title}.docx")


@login_required
def attachment_download(request: HttpRequest, key: str) -> HttpResponse:
    att = get_object_or_404(Attachment, pk=download_pk(Attachment.DOWNLOAD_KIND, key))
    case_get_for(request.user, att.case_id)
    return file_download(att.file.open("rb"), filename=att.original_name)


@login_required
@require_POST
def party_unmask_view(request: HttpRequest, pk: int) -> HttpResponse:
    party = get_object_or_404(Party, pk=pk)
    case = case_get_for(request.user, party.case_id)
    try:
        full = party_unmask(party=party, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(case)
    return render(request, "cases/party_unmasked.html", {"party": party, "full": full, "case": case})


urlpatterns = [
    path("templates/", template_list, name="template_list"),
    path("templates/<int:pk>/", template_edit, name="template_edit"),
    path("documents/<str:key>/", document_download, name="document_download"),
    path("attachments/<str:key>/", attachment_download, name="attachment_download"),
    path("parties/<int:pk>/unmask/", party_unmask_view, name="party_unmask"),
]
