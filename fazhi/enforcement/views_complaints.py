"""执法投诉 and 监督检查 pages: the complaint list (filters: state, channel, body), registering one, a complaint's page
(its clock, the steps 受理 → 调查 → 处理结果, a 监督意见书 from it), the 12345 orders about enforcement to turn into
complaints; the 监督检查 list, recording a check and a check's page (its findings, each a supervisable item)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import clock_light, today_local
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.scopes import grants_for

from . import forms as f
from .policies import SUPERVISE, ComplaintPolicy, SupervisionCheckPolicy
from .selectors import (
    bodies_visible_to,
    check_get_for,
    checks_visible_to,
    complaint_get_for,
    complaint_state,
    complaints_visible_to,
    hotline_orders_for_complaint,
)
from .services import (
    check_finding_record,
    check_record,
    complaint_clock,
    complaint_from_hotline,
    complaint_receive,
    complaint_step,
)
from .states import COMPLAINT_STEP_LABELS, ComplaintChannel, ComplaintState, complaint_may

VIEW = "enforcement.view"


@menu_page(SUPERVISE)
def complaint_list(request: HttpRequest) -> HttpResponse:
    qs = complaints_visible_to(request.user)
    state, channel, body = (request.GET.get(k, "") for k in ("state", "channel", "body"))
    today = today_local()
    if state == "overdue":
        qs = qs.filter(closed_on=None, due_on__lt=today)
    elif state in ComplaintState.values:
        qs = qs.filter(state=state)
    if channel in ComplaintChannel.values:
        qs = qs.filter(channel=channel)
    if body.isdigit():
        qs = qs.filter(body_id=int(body))
    page = Paginator(qs.order_by("-received_on", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/complaint_list.html",
        {
            "page": page,
            "rows": [(c, complaint_state(c, today)) for c in page],
            "bodies": bodies_visible_to(request.user),
            "states": [*ComplaintState.choices, ("overdue", "逾期未办结")],
            "channels": ComplaintChannel.choices,
            "state": state,
            "channel": channel,
            "body": body,
        },
    )


@menu_page(SUPERVISE)
def complaint_new(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user).filter(is_active=True)
    form = f.ComplaintForm(request.POST or None, bodies=bodies, initial={"received_on": today_local()})
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            c = complaint_receive(
                by=request.user,
                body=x["body"],
                channel=ComplaintChannel.ENTRY,
                name=x["name"],
                phone=x["phone"],
                subject=x["subject"],
                content=x["content"],
                request=x["request"],
                received_on=x["received_on"],
                submit_token=x["submit_token"],
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, f"已登记执法投诉（{c.number}），办理期限{c.due_on:%Y-%m-%d}。")
            return redirect(c)
    status = 400 if request.method == "POST" else 200
    return render(request, "enforcement/complaint_form.html", {"form": form}, status=status)


@menu_page(SUPERVISE)
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = complaint_get_for(request.user, pk)
    may = ComplaintPolicy.can(request.user, "handle", c)
    steps = [s for s in COMPLAINT_STEP_LABELS if may and complaint_may(c.state, s)]
    step = request.POST.get("step", "") if request.method == "POST" else ""
    forms_ = {
        s: f.ComplaintStepForm(
            request.POST if step == s else None,
            step=s,
            initial={"version": c.version, "on": today_local(), "text": c.investigation if s == "investigate" else ""},
            prefix=s,
        )
        for s in steps
    }
    status = 200
    if step:
        form = forms_.get(step)
        if form is None:
            raise Http404
        if form.is_valid():
            x = form.cleaned_data
            try:
                complaint_step(
                    by=request.user,
                    complaint=c,
                    step=step,
                    on=x["on"],
                    text=form.value("text"),
                    outcome=form.value("outcome"),
                    expected_version=x["version"],
                )
            except DomainError as exc:
                refuse(form, exc)
            else:
                messages.success(request, f"已{COMPLAINT_STEP_LABELS[step]}。")
                return redirect(c)
        status = 400
    clock = complaint_clock(c)
    return render(
        request,
        "enforcement/complaint_detail.html",
        {
            "c": c,
            "state": complaint_state(c),
            "clock": clock,
            "light": clock_light(clock) if clock is not None else None,
            "step_forms": [(s, COMPLAINT_STEP_LABELS[s], forms_[s]) for s in steps],
            "documents": c.documents.order_by("issued_on", "id"),
            "attachments": c.attachments.order_by("id"),
            "may_issue": may and c.state != ComplaintState.REJECTED,
        },
        status=status,
    )


@menu_page(SUPERVISE)
def complaint_hotline(request: HttpRequest) -> HttpResponse:
    """12345 work orders about enforcement not yet turned into complaints; each can be (one complaint per order)."""
    orders = hotline_orders_for_complaint(request.user)
    bodies = bodies_visible_to(request.user).filter(is_active=True)
    form = f.HotlineComplaintForm(request.POST or None, bodies=bodies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            from fazhi.cases.selectors import cases_visible_to

            order = cases_visible_to(request.user, docket="hotline").filter(pk=form.cleaned_data["order"]).first()
            if order is None:
                raise Http404
            try:
                c = complaint_from_hotline(by=request.user, order=order, body=form.cleaned_data["body"])
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"12345工单已转为执法投诉（{c.number}）。")
                return redirect(c)
    page = Paginator(orders, 50).get_page(request.GET.get("page"))
    return render(
        request, "enforcement/complaint_hotline.html", {"page": page, "bodies": bodies, "form": form}, status=status
    )


@menu_page(VIEW)
def check_list(request: HttpRequest) -> HttpResponse:
    qs = checks_visible_to(request.user)
    body, year = request.GET.get("body", ""), request.GET.get("year", "")
    if body.isdigit():
        qs = qs.filter(body_id=int(body))
    if year.isdigit():
        qs = qs.filter(checked_on__year=int(year))
    page = Paginator(qs.order_by("-checked_on", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/check_list.html",
        {
            "page": page,
            "bodies": bodies_visible_to(request.user),
            "body": body,
            "year": year,
            "may_record": grants_for(request.user).has(SUPERVISE),
        },
    )


@menu_page(SUPERVISE)
def check_new(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user).filter(is_active=True)
    form = f.CheckForm(request.POST or None, bodies=bodies, initial={"checked_on": today_local()})
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            check = check_record(
                by=request.user,
                body=x["body"],
                checked_on=x["checked_on"],
                items=x["items"].splitlines(),
                inspectors=x["inspectors"],
                summary=x["summary"],
                submit_token=x["submit_token"],
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, "监督检查已登记，可逐条登记发现的问题。")
            return redirect(check)
    status = 400 if request.method == "POST" else 200
    return render(request, "enforcement/check_form.html", {"form": form}, status=status)


@menu_page(VIEW)
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = check_get_for(request.user, pk)
    may = SupervisionCheckPolicy.can(request.user, "record", check)
    form = f.CheckFindingForm(request.POST or None, items=check.items) if may else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        status = 400
        if form.is_valid():
            try:
                check_finding_record(
                    by=request.user, check=check, text=form.cleaned_data["text"], item=form.cleaned_data["item"]
                )
            except DomainError as exc:
                refuse(form, exc)
            else:
                messages.success(request, "问题已登记，并列入被检查单位的督办事项。")
                return redirect(check)
    return render(
        request,
        "enforcement/check_detail.html",
        {
            "k": check,
            "findings": check.findings.select_related("supervision_item").order_by("id"),
            "documents": check.documents.order_by("issued_on", "id"),
            "form": form,
            "may_issue": may,
        },
        status=status,
    )


@menu_page(SUPERVISE)
def complaint_attachment_download(request: HttpRequest, key: str) -> HttpResponse:
    """A complaint's file under its signed key (core.downloads): only for a supervisor who sees the complaint; the
    download is audited (`complaint_attachment_read`). A bad key, another's complaint and a missing file: 404."""
    from fazhi.core.downloads import download_pk, file_download

    from .models import ComplaintAttachment
    from .services import complaint_attachment_read

    att = (
        ComplaintAttachment.objects.select_related("complaint__unit")
        .filter(pk=download_pk(ComplaintAttachment.DOWNLOAD_KIND, key))
        .first()
    )
    if att is None:
        raise Http404
    complaint_get_for(request.user, att.complaint_id)
    try:
        complaint_attachment_read(attachment=att, by=request.user)
        fileobj = att.file.open("rb")
    except (DomainError, FileNotFoundError):
        raise Http404 from None
    return file_download(fileobj, filename=att.original_name)
