"""执法监督文书 pages: the list (filters: kind, body, state), issuing a 监督意见书 / 决定书 (the office), a document's
page (its text, the reply clock, the body's reply form) and its .docx."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.downloads import file_download
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import clock_light, today_local
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.scopes import grants_for

from . import forms as f
from .documents import supervision_docx
from .policies import SUPERVISE, SupervisionDocumentPolicy
from .selectors import (
    bodies_visible_to,
    supervision_document_get_for,
    supervision_documents_visible_to,
    supervision_state,
)
from .services import reply_clock, supervision_document_issue, supervision_reply_record
from .states import SupervisionDocKind

VIEW = "enforcement.view"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STATES = {"pending": "待答复", "overdue": "逾期未答复", "late": "逾期答复", "replied": "已答复"}


@menu_page(VIEW)
def supervision_list(request: HttpRequest) -> HttpResponse:
    qs = supervision_documents_visible_to(request.user)
    kind, body, state = request.GET.get("kind", ""), request.GET.get("body", ""), request.GET.get("state", "")
    today = today_local()
    if kind in SupervisionDocKind.values:
        qs = qs.filter(kind=kind)
    if body.isdigit():
        qs = qs.filter(body_id=int(body))
    if state == "pending":
        qs = qs.filter(replied_on=None, reply_due__gte=today)
    elif state == "overdue":
        qs = qs.filter(replied_on=None, reply_due__lt=today)
    elif state == "late":
        qs = qs.filter(replied_on__isnull=False, reply_late=True)
    elif state == "replied":
        qs = qs.filter(replied_on__isnull=False, reply_late=False)
    page = Paginator(qs.order_by("-issued_on", "-id"), 50).get_page(request.GET.get("page"))
    rows = [(d, supervision_state(d, today)) for d in page]
    return render(
        request,
        "enforcement/supervision_list.html",
        {
            "page": page,
            "rows": rows,
            "bodies": bodies_visible_to(request.user),
            "kinds": SupervisionDocKind.choices,
            "states": STATES.items(),
            "kind": kind,
            "body": body,
            "state": state,
            "may_issue": grants_for(request.user).has(SUPERVISE),
        },
    )


@menu_page(SUPERVISE)
def supervision_new(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user).filter(is_active=True)
    initial = {"issued_on": today_local(), "kind": request.GET.get("kind") or SupervisionDocKind.OPINION}
    if request.GET.get("body", "").isdigit():
        initial["body"] = bodies.filter(pk=int(request.GET["body"])).first()
    origin = _origin(request)  # a 执法投诉 or 监督检查 the document arises from (slice 6)
    if origin:
        ((field, record),) = origin.items()
        initial["body"] = record.body
        if field == "complaint":
            initial["subject"] = f"执法投诉（{record.number}）：{record.subject}"[:200]
            initial["findings"] = record.investigation or record.content
        else:
            initial["subject"] = f"{record.checked_on:%Y-%m-%d}行政执法监督检查"
            initial["findings"] = "\n".join(x.text for x in record.findings.order_by("id"))
    form = f.SupervisionDocumentForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            doc = supervision_document_issue(
                by=request.user,
                body=x["body"],
                kind=x["kind"],
                subject=x["subject"],
                findings=x["findings"],
                requirements=x["requirements"],
                basis=x["basis"],
                issued_on=x["issued_on"],
                submit_token=x["submit_token"],
                source=origin,
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(
                request, f"已制发{doc.get_kind_display()}（{doc.number}），答复期限{doc.reply_due:%Y-%m-%d}。"
            )
            return redirect("enforcement:supervision_detail", doc.pk)
    status = 400 if request.method == "POST" else 200
    ctx = {"form": form, "origin": next(iter(origin.values())) if origin else None}
    return render(request, "enforcement/supervision_form.html", ctx, status=status)


def _origin(request: HttpRequest) -> dict[str, Any]:
    """?complaint=<id> or ?check=<id> (kept on the form's action): the record the document arises from, read
    through its scoped selector (404 when not visible)."""
    from .selectors import check_get_for, complaint_get_for

    complaint, check = request.GET.get("complaint", ""), request.GET.get("check", "")
    if complaint.isdigit():
        return {"complaint": complaint_get_for(request.user, int(complaint))}
    if check.isdigit():
        return {"source_check": check_get_for(request.user, int(check))}
    return {}


@menu_page(VIEW)
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = supervision_document_get_for(request.user, pk)
    may_reply = doc.replied_on is None and SupervisionDocumentPolicy.can(request.user, "reply", doc)
    form = None
    status = 200
    if may_reply:
        form = f.SupervisionReplyForm(
            request.POST or None, initial={"version": doc.version, "replied_on": today_local()}, prefix="reply"
        )
        if request.method == "POST" and form.is_valid():
            x = form.cleaned_data
            try:
                supervision_reply_record(
                    by=request.user,
                    doc=doc,
                    replied_on=x["replied_on"],
                    text=x["reply_text"],
                    expected_version=x["version"],
                )
            except DomainError as exc:
                refuse(form, exc)
            else:
                messages.success(request, "答复已登记。")
                return redirect("enforcement:supervision_detail", doc.pk)
        if request.method == "POST":
            status = 400
    clock = reply_clock(doc)
    return render(
        request,
        "enforcement/supervision_detail.html",
        {
            "d": doc,
            "state": supervision_state(doc, today_local()),
            "clock": clock,
            "light": clock_light(clock) if clock is not None else None,
            "form": form,
            "findings": [line for line in doc.findings.splitlines() if line.strip()],
            "requirements": [line for line in doc.requirements.splitlines() if line.strip()],
            # the record it arose from, linked only for who may open it (a complaint: the office only)
            "origin_link": _origin_link(request.user, doc),
        },
        status=status,
    )


@menu_page(VIEW)
def supervision_download(request: HttpRequest, pk: int) -> HttpResponse:
    doc = supervision_document_get_for(request.user, pk)
    title, data = supervision_docx(doc)
    return file_download(BytesIO(data), filename=f"{title}（{doc.number}）.docx", content_type=DOCX)


def _origin_link(user: Any, doc: Any) -> str:
    from .policies import ComplaintPolicy, SupervisionCheckPolicy

    if doc.complaint_id and ComplaintPolicy.can(user, "view", doc.complaint):
        return doc.complaint.get_absolute_url()
    if doc.source_check_id and SupervisionCheckPolicy.can(user, "view", doc.source_check):
        return doc.source_check.get_absolute_url()
    return ""
