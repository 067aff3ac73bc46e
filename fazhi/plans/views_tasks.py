"""Task pages: a unit's own list (to-do first), the task page with its timeline, and one POST view per workflow step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.downloads import download_pk, file_download
from fazhi.core.errors import DomainError
from fazhi.supervision.models import Evidence

from . import clocks
from .forms import (
    AcceptForm,
    CompleteForm,
    ContributeForm,
    DecideForm,
    ExtensionForm,
    ReasonForm,
    ReportForm,
    UrgeForm,
)
from .models import ExtensionState
from .policies import PlanTaskPolicy, TaskAssignmentPolicy
from .selectors import (
    assignment_get_for,
    extension_get_for,
    extensions_pending,
    my_assignments,
    task_assignments,
    task_get_for,
    task_timeline,
)
from .services import (
    assignment_accept,
    assignment_complete,
    assignment_contribute,
    assignment_report,
    assignment_send_back,
    assignment_sign,
    assignment_urge,
    extension_decide,
    extension_request,
)
from .states import TRANSITIONS, AssignmentState


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in ("", "todo", *AssignmentState.values):
        state = ""
    items = list(my_assignments(request.user, state=state)[:500])
    lights = clocks.lights_for(items)
    for a in items:
        a.light = lights.get(a.pk, "none")
        a.light_label = clocks.LIGHT_LABELS.get(a.light, "")
    return render(request, "plans/my_tasks.html", {"items": items, "state": state, "states": AssignmentState.choices})


FORMS = {
    "report": ReportForm,
    "contribute": ContributeForm,
    "complete": CompleteForm,
    "send_back": ReasonForm,
    "accept": AcceptForm,
    "extend_request": ExtensionForm,
    "urge": UrgeForm,
}


def _actions_for(user: Any, a: Any) -> list[dict[str, Any]]:
    """The workflow steps this user may take on this share now (state table × policy)."""
    out = []
    for name, t in TRANSITIONS.items():
        if a.state in t.sources and a.role in t.roles and TaskAssignmentPolicy.can(user, name, a):
            if name == "extend_request" and any(e.state == ExtensionState.PENDING for e in a.item.extensions.all()):
                continue
            form_cls = FORMS.get(name)
            out.append(
                {"name": name, "label": t.label, "form": form_cls(prefix=f"{name}-{a.pk}") if form_cls else None}
            )
    if a.state != AssignmentState.ACCEPTED and TaskAssignmentPolicy.can(user, "urge", a):
        out.append({"name": "urge", "label": "催办", "form": UrgeForm(prefix=f"urge-{a.pk}")})
    return out


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_get_for(request.user, pk, "view")
    assignments = task_assignments(task)
    lights = clocks.lights_for(assignments)
    for a in assignments:
        a.light = lights.get(a.pk, "none")
        a.light_label = clocks.LIGHT_LABELS.get(a.light, "")
        a.in_scope = TaskAssignmentPolicy.can(request.user, "view", a)
        a.actions = _actions_for(request.user, a)
        a.pending_ext = [e for e in a.item.extensions.all() if e.state == ExtensionState.PENDING] if a.item_id else []
        a.can_decide = TaskAssignmentPolicy.can(request.user, "extend_approve", a)
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "assignments": assignments,
            "timeline": task_timeline(task),
            "decide_form": DecideForm(),
            "can_supervise": PlanTaskPolicy.can(request.user, "supervise", task),
        },
    )


STEPS = {
    "sign": lambda a, by, d, files: assignment_sign(assignment=a, by=by),
    "report": lambda a, by, d, files: assignment_report(
        assignment=a, by=by, text=d["text"], percent=d["percent"], files=files, submit_token=d["submit_token"]
    ),
    "contribute": lambda a, by, d, files: assignment_contribute(
        assignment=a, by=by, text=d["text"], files=files, submit_token=d["submit_token"]
    ),
    "complete": lambda a, by, d, files: assignment_complete(
        assignment=a, by=by, text=d["text"], files=files, submit_token=d["submit_token"]
    ),
    "accept": lambda a, by, d, files: assignment_accept(assignment=a, by=by, reason=d["reason"]),
    "send_back": lambda a, by, d, files: assignment_send_back(assignment=a, by=by, reason=d["reason"]),
    "extend_request": lambda a, by, d, files: extension_request(
        assignment=a, by=by, reason=d["reason"], new_date=d["new_date"]
    ),
    "urge": lambda a, by, d, files: assignment_urge(assignment=a, by=by, message=d["message"]),
}
DONE = {
    "sign": "已签收。",
    "report": "进展已报送。",
    "contribute": "协办意见已报送。",
    "complete": "完成情况已报送，等待审核。",
    "accept": "已销号。",
    "send_back": "已退回。",
    "extend_request": "延期申请已提交。",
    "urge": "已催办。",
}


@login_required
@require_POST
def assignment_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    a = assignment_get_for(request.user, pk, step)
    data: dict[str, Any] = {}
    files: list[Any] = []
    form_cls = FORMS.get(step)
    if form_cls is not None:
        form = form_cls(request.POST, request.FILES, prefix=f"{step}-{a.pk}")
        if not form.is_valid():
            for field, errs in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for e in errs:
                    messages.error(request, f"{label}：{e}" if label else e)
            return redirect(a.task.get_absolute_url() + f"#a{a.pk}")
        data = form.cleaned_data
        files = data.get("files") or []
    try:
        STEPS[step](a, request.user, data, files)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, DONE[step])
    return redirect(a.task.get_absolute_url() + f"#a{a.pk}")


@login_required
@require_POST
def extension_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    ext = extension_get_for(request.user, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "审批结果：请选择同意或不同意。")
    else:
        try:
            extension_decide(
                extension=ext, by=request.user, approve=form.cleaned_data["approve"], note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "延期申请已审批。")
    share = ext.item.plan_share
    return redirect(share.task.get_absolute_url() + f"#a{share.pk}")


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/extension_list.html", {"items": extensions_pending(request.user)})


@login_required
def attachment_download(request: HttpRequest, key: str) -> HttpResponse:
    """A report's file follows its own share: the unit's assignment must be visible, not just the task (#10)."""
    pk = download_pk(Evidence.DOWNLOAD_KIND, key)
    ev = Evidence.objects.select_related("report__item__plan_share").filter(pk=pk).first()
    share = getattr(ev.report.item, "plan_share", None) if ev is not None else None
    if share is None or not TaskAssignmentPolicy.can(request.user, "view", share):
        raise Http404
    return file_download(ev.file.open("rb"), filename=ev.name)
