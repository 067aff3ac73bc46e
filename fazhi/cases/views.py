"""Kernel pages shared by every docket: document templates, downloads, unmasking a party."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from fazhi.core.downloads import download_pk, file_download
from fazhi.core.errors import DomainError
from fazhi.core.forms import DOCUMENT_MAX, long_text
from fazhi.core.uploads import MultiFileField

from .models import Attachment, CaseDocument, DocumentTemplate, Party
from .policies import CasePolicy, TemplatePolicy
from .registry import attachment_kinds, dockets
from .selectors import case_get_for
from .services import (
    attachments_add,
    case_file_export,
    case_file_read,
    party_unmask,
    template_update,
    templates_seed,
)


class TemplateForm(forms.Form):
    title = forms.CharField(label="文书标题", max_length=100)
    issuer = forms.CharField(
        label="发文机关", max_length=100, required=False, help_text="落款机关，如 示范市人民政府；留空则为承办单位"
    )
    body = long_text(
        "正文模板",
        max_length=DOCUMENT_MAX,  # a whole 文书 with its placeholders, like a pasted document
        rows=18,
        help_text="每段一行；以 >> 开头的行右对齐（落款、日期）；{{案号}} 等占位符在生成时替换。",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    if not TemplatePolicy.can_manage(request.user):
        raise Http404
    from .services.document_templates import TEMPLATE_OWNERS

    for code in [s.code for s in dockets()] + list(TEMPLATE_OWNERS):
        templates_seed(code)
    labels = {s.code: s.label for s in dockets()} | {code: label for code, (label, _) in TEMPLATE_OWNERS.items()}
    rows = [(labels.get(r.docket, r.docket), r) for r in DocumentTemplate.objects.all()]
    return render(request, "cases/template_list.html", {"rows": rows})


@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not TemplatePolicy.can_manage(request.user):
        raise Http404
    row = get_object_or_404(DocumentTemplate, pk=pk)
    form = TemplateForm(
        request.POST or None,
        initial={"title": row.title, "issuer": row.issuer, "body": row.body, "version": row.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            template_update(
                template=row,
                by=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
                issuer=form.cleaned_data["issuer"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "模板已保存。")
            return redirect("cases:template_list")
    return render(request, "cases/template_edit.html", {"row": row, "form": form})


def _read(request: HttpRequest, item: Attachment | CaseDocument) -> None:
    """Scope first (404), then the personal-data rule (404: the link is not shown to such a user); audited."""
    case_get_for(request.user, item.case_id)
    try:
        case_file_read(item=item, by=request.user)
    except DomainError:
        raise Http404 from None


@login_required
def document_download(request: HttpRequest, key: str) -> HttpResponse:
    doc = get_object_or_404(
        CaseDocument.objects.select_related("case"), pk=download_pk(CaseDocument.DOWNLOAD_KIND, key)
    )
    _read(request, doc)  # the owning case's policy and the personal-data rule; 404 like a missing key
    return file_download(doc.file.open("rb"), filename=f"{doc.case.case_number}{doc.title}.docx")


@login_required
def attachment_download(request: HttpRequest, key: str) -> HttpResponse:
    att = get_object_or_404(Attachment.objects.select_related("case"), pk=download_pk(Attachment.DOWNLOAD_KIND, key))
    _read(request, att)
    return file_download(att.file.open("rb"), filename=att.original_name)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="材料类型")
    label = forms.CharField(label="材料名称", max_length=150, required=False, help_text="不填则用文件名")
    files = MultiFileField(label="文件", help_text="可多选；PDF、图片、Word、Excel、OFD")

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


@login_required
def case_file_add(request: HttpRequest, pk: int) -> HttpResponse:
    """添加材料: any item of the case file, at any step, by whoever may work the case."""
    case = case_get_for(request.user, pk)
    if not CasePolicy.can(request.user, "attach", case):
        raise Http404
    form = AttachmentForm(request.POST or None, request.FILES or None, kinds=attachment_kinds(case.docket))
    if request.method == "POST" and form.is_valid():
        try:
            attachments_add(
                case=case,
                by=request.user,
                files=request.FILES.getlist("files"),
                kind=form.cleaned_data["kind"],
                label=form.cleaned_data["label"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else "files", exc.message)
        else:
            messages.success(request, "材料已加入卷宗。")
            return redirect(case)
    return render(request, "cases/case_file_add.html", {"case": case, "form": form})


@login_required
def case_file_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole case file: `pdf` (封面, 卷内目录, 办理过程, every item) or `zip`; audited."""
    case = case_get_for(request.user, pk)
    if fmt not in ("pdf", "zip") or not CasePolicy.can(request.user, "export_file", case):
        raise Http404
    data = case_file_export(case=case, by=request.user, fmt=fmt)
    kind = "application/pdf" if fmt == "pdf" else "application/zip"
    return file_download(io.BytesIO(data), filename=f"{case.case_number}卷宗.{fmt}", content_type=kind)


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
    path("<int:pk>/file/add/", case_file_add, name="case_file_add"),
    path("<int:pk>/file/<slug:fmt>/", case_file_export_view, name="case_file_export"),
]
