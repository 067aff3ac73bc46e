"""Pages of the normative-documents module: parse → authorise (policy) → one service or selector → render."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.audit.models import AuditEvent
from fazhi.consultations.selectors import consultations_for_owner
from fazhi.core.downloads import download_pk, file_download
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import clocks_of, today_local
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for, scope_q

from . import forms as f
from . import services as s
from .models import Attachment, FilingReview, Instrument, LegalityReview, NormativeDocument, ReviewOutcome
from .policies import InstrumentPolicy, NormativeDocumentPolicy
from .selectors import document_get_for, documents_to_review, documents_visible_to
from .services.instruments import citation_lines_parse
from .states import DocumentState, next_state, step_refusal
from .textfile import UnreadableFileError, text_of

# the form of each step and how its cleaned data calls the step's one service
STEP_FORMS: dict[DocumentState, tuple[type, str, Callable[..., Any]]] = {
    DocumentState.DRAFTING: (f.DraftStartForm, "draft", lambda d, by, x: s.document_draft_start(document=d, by=by)),
    DocumentState.ASSESSMENT: (f.AssessForm, "draft", lambda d, by, x: s.document_assess(document=d, by=by, **x)),
    DocumentState.CONSULTATION: (f.ConsultForm, "draft", lambda d, by, x: s.document_consult(document=d, by=by, **x)),
    DocumentState.LEGALITY_REVIEW: (
        f.LegalityRequestForm,
        "draft",
        lambda d, by, x: s.legality_review_request(document=d, by=by, **x),
    ),
    DocumentState.DELIBERATION: (
        f.DeliberateForm,
        "draft",
        lambda d, by, x: s.document_deliberate(document=d, by=by, **x),
    ),
    DocumentState.SIGNED: (f.SignForm, "publish", lambda d, by, x: s.document_sign(document=d, by=by, **x)),
    DocumentState.REGISTERED: (f.RegisterForm, "publish", lambda d, by, x: s.document_register(document=d, by=by, **x)),
    DocumentState.PUBLISHED: (f.PublishForm, "publish", lambda d, by, x: s.document_publish(document=d, by=by, **x)),
    DocumentState.FILED: (f.FileForm, "file", lambda d, by, x: s.document_file(document=d, by=by, **x)),
}


def _step_form(form_class: type, doc: NormativeDocument, data: Any = None) -> Any:
    """A step's form; the 公开征求意见 step's lists the document's closed consultations."""
    extra = {"document": doc} if getattr(form_class, "needs_document", False) else {}
    return form_class(data, **extra)


def _refuse_into(form: Any, exc: DomainError) -> None:
    name = exc.field or ""
    form.add_error(name if name in form.fields else None, exc.message)


def _has(user: Any, code: str) -> bool:
    return grants_for(user).has(code)


def _units_in_scope(user: Any) -> Any:
    q = scope_q(user, "id")
    return Unit.objects.filter(is_active=True).filter(q if q is not None else Q()).order_by("path")


@menu_page("normative_documents.document.view")
def document_list(request: HttpRequest) -> HttpResponse:
    qs = documents_visible_to(request.user)
    state = request.GET.get("state", "")
    if state in DocumentState.values:
        qs = qs.filter(state=state)
    can_propose = _has(request.user, "normative_documents.document.draft")
    form = f.ProposeForm(request.POST or None, units=_units_in_scope(request.user)) if can_propose else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                doc = s.document_propose(
                    title=d["title"],
                    lead_unit=d["lead_unit"],
                    co_issuers=list(d["co_issuers"]),
                    proposed_on=d["proposed_on"],
                    purpose=d["purpose"],
                    submit_token=d["submit_token"],
                    by=request.user,
                )
            except DomainError as exc:
                _refuse_into(form, exc)
            else:
                return redirect("normative_documents:detail", doc.pk)
    return render(
        request,
        "normative_documents/list.html",
        {"rows": qs[:200], "form": form, "states": DocumentState.choices, "state": state},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_get_for(request.user, pk)
    to = next_state(doc.state)
    step = None
    if to is not None and to in STEP_FORMS:
        form_class, action, _ = STEP_FORMS[to]
        if NormativeDocumentPolicy.can(request.user, action, doc):
            step = {"to": to, "label": to.label, "form": _step_form(form_class, doc), "refusal": step_refusal(doc, to)}
    review = doc.legality_reviews.order_by("-id").first()
    ctx = {
        "doc": doc,
        "step": step,
        "review": review,
        # the package is offered only to who may download it (the issuer's drafters; the walk saw a 404 behind it)
        "can_package": NormativeDocumentPolicy.can(request.user, "file", doc),
        "opinion_form": f.LegalityOpinionForm()
        if review and not review.opinion and NormativeDocumentPolicy.can(request.user, "legality_review", doc)
        else None,
        "text_form": f.TextForm() if NormativeDocumentPolicy.can(request.user, "draft", doc) else None,
        "attachments": doc.attachments.order_by("id"),
        "attachment_form": f.AttachmentForm()
        if not doc.published_on and NormativeDocumentPolicy.can(request.user, "draft", doc)
        else None,
        "citations": doc.citations.select_related("instrument").order_by("id"),
        "citations_form": f.CitationsForm(initial={"lines": _citation_lines(doc)})
        if NormativeDocumentPolicy.can(request.user, "draft", doc) and doc.registration_number
        else None,
        "consultations": consultations_for_owner(doc).order_by("-id"),
        "may_consult": doc.state in (DocumentState.ASSESSMENT, DocumentState.CONSULTATION)
        and NormativeDocumentPolicy.can(request.user, "draft", doc)
        and _has(request.user, "consultations.manage"),
        "versions": doc.versions.order_by("-number")[:20],
        "clocks": clocks_of(doc),
        "filing_review": FilingReview.objects.filter(document=doc).first(),
        "events": (
            AuditEvent.objects.filter(object_type="normative_documents.normativedocument", object_id=str(doc.pk))
            .for_timeline()
            .order_by("-id")[:50]
        ),
        **_review_forms(request.user, doc),
        "status_form": f.StatusForm(
            candidates=_status_candidates(request.user, doc), initial={"ended_on": today_local()}
        )
        if doc.status == "valid" and NormativeDocumentPolicy.can(request.user, "publish", doc)
        else None,
        "confirm_form": f.DependencyConfirmForm()
        if doc.dependency_flag and NormativeDocumentPolicy.can(request.user, "draft", doc)
        else None,
    }
    return render(request, "normative_documents/detail.html", ctx)


def _citation_lines(doc: NormativeDocument) -> str:
    return "\n".join(
        f"{c.instrument.title} {'、'.join(c.articles)}".strip()
        for c in doc.citations.select_related("instrument").order_by("id")
    )


def _review_forms(user: Any, doc: NormativeDocument) -> dict[str, Any]:
    review = FilingReview.objects.filter(document=doc).first()
    out: dict[str, Any] = {"receive_form": None, "decide_form": None, "correction_form": None}
    if doc.filed_on and NormativeDocumentPolicy.can(user, "filing_review", doc):
        if review is None:
            out["receive_form"] = f.ReviewReceiveForm(initial={"received_on": today_local()})
        elif not review.outcome:
            out["decide_form"] = f.ReviewDecideForm(initial={"decided_on": today_local()})
    if review and review.outcome == ReviewOutcome.CORRECTION and not review.corrected_on:
        if NormativeDocumentPolicy.can(user, "correct", doc):
            out["correction_form"] = f.CorrectionForm()
    return out


def _back_with_errors(
    request: HttpRequest, doc: NormativeDocument, form: Any, template: str = "normative_documents/form.html", **ctx: Any
) -> HttpResponse:
    return render(request, template, {"doc": doc, "form": form, **ctx}, status=400)


@login_required
@require_POST
def document_step(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    try:
        target = DocumentState(to)
    except ValueError:
        raise Http404 from None
    if target not in STEP_FORMS:
        raise Http404
    form_class, action, call = STEP_FORMS[target]
    doc = document_get_for(request.user, pk, action)
    form = _step_form(form_class, doc, request.POST)
    if form.is_valid():
        try:
            call(doc, request.user, form.cleaned_data)
        except DomainError as exc:
            _refuse_into(form, exc)
        else:
            messages.success(request, f"已完成“{target.label}”。")
            return redirect("normative_documents:detail", doc.pk)
    return _back_with_errors(request, doc, form, title=target.label, action_url=request.path)


@login_required
@require_POST
def document_text(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_get_for(request.user, pk, "draft")
    form = f.TextForm(request.POST, request.FILES)
    if form.is_valid():
        text = form.cleaned_data["text"]
        upload = form.cleaned_data.get("file")
        if upload:
            try:
                text = text_of(upload.name, upload)
            except UnreadableFileError as exc:
                form.add_error("file", str(exc))
        if not form.errors:
            s.document_text_save(
                document=doc, text=text, label=form.cleaned_data["label"], by=request.user, file=upload or None
            )
            messages.success(request, "文本已保存为新版本。")
            return redirect("normative_documents:detail", doc.pk)
    return _back_with_errors(request, doc, form, title="保存文本", action_url=request.path, multipart=True)


@login_required
@require_POST
def document_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_get_for(request.user, pk, "draft")
    form = f.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            s.document_attachment_add(
                document=doc, name=form.cleaned_data["name"], file=form.cleaned_data["file"], by=request.user
            )
        except DomainError as exc:
            _refuse_into(form, exc)
        else:
            messages.success(request, "附件已上传。")
            return redirect("normative_documents:detail", doc.pk)
    return _back_with_errors(request, doc, form, title="上传附件", action_url=request.path, multipart=True)


@login_required
def attachment_download(request: HttpRequest, key: str) -> HttpResponse:
    """An 附件 under its signed key (core.downloads), checked against its document's policy."""
    att = Attachment.objects.filter(pk=download_pk(Attachment.DOWNLOAD_KIND, key)).first()
    if att is None:
        raise Http404
    document_get_for(request.user, att.document_id)
    return file_download(att.file.open("rb"), filename=_with_suffix(att.name, att.file.name))


@login_required
def text_file_download(request: HttpRequest, key: str) -> HttpResponse:
    """The uploaded 正文文件 under its signed key, checked against the document's policy."""
    doc = document_get_for(request.user, download_pk(NormativeDocument.TEXT_FILE_KIND, key))
    if not doc.text_file:
        raise Http404
    return file_download(doc.text_file.open("rb"), filename=_with_suffix(doc.title, doc.text_file.name))


def _with_suffix(name: str, stored: str) -> str:
    suffix = PurePath(stored).suffix
    return name if name.lower().endswith(suffix.lower()) else f"{name}{suffix}"


def _post(
    request: HttpRequest, pk: int, action: str, form_class: type, title: str, call: Callable[[Any, Any], Any]
) -> HttpResponse:
    """The shared shape of a POST on one document: load it for `action`, validate, call the one service through
    `call(document, cleaned_data)`, back to the page — or the form again with the refusal beside its field."""
    doc = document_get_for(request.user, pk, action)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(doc, form.cleaned_data)
        except DomainError as exc:
            _refuse_into(form, exc)
        else:
            return redirect("normative_documents:detail", doc.pk)
    return _back_with_errors(request, doc, form, title=title, action_url=request.path)


def _latest_review(doc: NormativeDocument) -> LegalityReview:
    review = LegalityReview.objects.filter(document=doc).order_by("-id").first()
    if review is None:
        raise Http404
    return review


def _filing_review(doc: NormativeDocument) -> FilingReview:
    review = FilingReview.objects.filter(document=doc).first()
    if review is None:
        raise Http404
    return review


@login_required
@require_POST
def legality_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "legality_review",
        f.LegalityOpinionForm,
        "合法性审核意见",
        lambda d, x: s.legality_review_opine(review=_latest_review(d), by=request.user, **x),
    )


@login_required
@require_POST
def document_citations(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_get_for(request.user, pk, "draft")
    form = f.CitationsForm(request.POST)
    if form.is_valid():
        s.document_citations_save(
            document=doc, entries=citation_lines_parse(form.cleaned_data["lines"]), by=request.user
        )
        messages.success(request, "制定依据已确认。")
        return redirect("normative_documents:detail", doc.pk)
    return _back_with_errors(request, doc, form, title="制定依据", action_url=request.path)


@login_required
def filing_package(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_get_for(request.user, pk, "file")
    try:
        data = s.filing_package(document=doc, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("normative_documents:detail", doc.pk)
    return _download(data, f"备案材料-{doc.registration_number or doc.pk}.zip", "application/zip")


@login_required
def review_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_get_for(request.user, pk)
    review = FilingReview.objects.filter(document=doc).exclude(outcome="").first()
    if review is None:
        raise Http404
    data = s.review_opinion_docx(review=review)
    return _download(
        data, "备案审查意见书.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    from urllib.parse import quote

    resp = HttpResponse(data, content_type=content_type)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


@login_required
@require_POST
def review_receive(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "filing_review",
        f.ReviewReceiveForm,
        "收到备案",
        lambda d, x: s.filing_review_receive(document=d, by=request.user, **x),
    )


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "filing_review",
        f.ReviewDecideForm,
        "审查结论",
        lambda d, x: s.filing_review_decide(review=_filing_review(d), by=request.user, **x),
    )


@login_required
@require_POST
def review_correction(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "correct",
        f.CorrectionForm,
        "报告纠错情况",
        lambda d, x: s.filing_correction_report(review=_filing_review(d), by=request.user, **x),
    )


def _status_candidates(user: Any, doc: NormativeDocument) -> Any:
    """Documents that may amend or replace `doc`: published, in the user's scope, not `doc` itself."""
    return (
        documents_visible_to(user)
        .filter(published_on__isnull=False)
        .exclude(pk=doc.pk)
        .order_by("-published_on", "-id")
    )


@login_required
@require_POST
def document_status(request: HttpRequest, pk: int) -> HttpResponse:
    doc = document_get_for(request.user, pk, "publish")
    form = f.StatusForm(request.POST, candidates=_status_candidates(request.user, doc))
    if form.is_valid():
        x = form.cleaned_data
        try:
            s.document_status_set(
                document=doc,
                status=x["status"],
                on=x["ended_on"],
                superseded_by=x["superseded_by"],
                by=request.user,
            )
        except DomainError as exc:
            _refuse_into(form, exc)
        else:
            messages.success(request, "效力状态已变更。")
            return redirect("normative_documents:detail", doc.pk)
    return _back_with_errors(request, doc, form, title="变更效力状态", action_url=request.path)


@login_required
@require_POST
def dependency_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "draft",
        f.DependencyConfirmForm,
        "确认继续有效",
        lambda d, x: s.document_dependency_confirm(document=d, by=request.user, **x),
    )


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    if not _has(request.user, "normative_documents.filing.review"):
        raise PermissionDenied
    return render(request, "normative_documents/reviews.html", {"rows": documents_to_review(request.user)[:200]})


@login_required
def instruments(request: HttpRequest) -> HttpResponse:
    if not InstrumentPolicy.can(request.user, "view"):
        raise PermissionDenied
    can_manage = InstrumentPolicy.can(request.user, "manage")
    form = f.InstrumentForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                s.instrument_save(by=request.user, **form.cleaned_data)
            except DomainError as exc:
                _refuse_into(form, exc)
            else:
                return redirect("normative_documents:instruments")
    rows = Instrument.objects.order_by("title")[:500]
    return render(
        request,
        "normative_documents/instruments.html",
        {"rows": rows, "form": form, "change_form": f.InstrumentChangeForm() if can_manage else None},
    )


@login_required
@require_POST
def instrument_change(request: HttpRequest, pk: int) -> HttpResponse:
    if not InstrumentPolicy.can(request.user, "manage"):
        raise PermissionDenied
    inst = Instrument.objects.filter(pk=pk).first()
    if inst is None:
        raise Http404
    form = f.InstrumentChangeForm(request.POST)
    if form.is_valid():
        try:
            flagged = s.instrument_change(
                instrument=inst,
                status=form.cleaned_data["status"],
                changed_on=form.cleaned_data["changed_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as exc:
            _refuse_into(form, exc)
        else:
            messages.success(request, f"已标记；{len(flagged)}件现行有效的文件引用了该依据，已通知制定机关评估。")
            return redirect("normative_documents:instruments")
    return render(
        request,
        "normative_documents/form.html",
        {"form": form, "title": f"{inst.title} 修改或废止", "action_url": request.path},
        status=400,
    )
