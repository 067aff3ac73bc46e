"""Task pages: a unit's own list (by light, with bulk 签收 and 报送), the task page (shares grouped by unit) with its timeline,
and one POST view per workflow step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core.downloads import download_pk, file_download
from fazhi.core.errors import DomainError
from fazhi.orgs.decorators import menu_page
from fazhi.supervision.models import Evidence

from . import clocks
from .forms import (
    AcceptForm,
    BulkReportForm,
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
    board_order,
    extension_get_for,
    extensions_pending,
    my_assignments,
    shares_actionable,
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
    assignments_report,
    assignments_sign,
    extension_decide,
    extension_request,
)
from .states import TRANSITIONS, AssignmentState


@menu_page("plans.task.view")
def my_tasks(request: HttpRequest) -> HttpResponse:
    """The shares of the user's units by light (逾期 first, the most days overdue on top; 无时限 last), with bulk
    签收 and bulk 报送进展 over the shares the user may act on."""
    state = request.GET.get("state", "")
    if state not in ("", "todo", *AssignmentState.values):
        state = ""
    items = list(my_assignments(request.user, state=state)[:500])
    lights = clocks.lights_for(items)
    signable = {a.pk for a in shares_actionable(request.user, "sign", ids=[a.pk for a in items])}
    reportable = {a.pk for a in shares_actionable(request.user, "report", ids=[a.pk for a in items])}
    for a in items:
        a.light = lights.get(a.pk, "none")
        a.light_label = clocks.LIGHT_LABELS.get(a.light, "")
        a.can_sign, a.can_report = a.pk in signable, a.pk in reportable
    items = board_order(items, lights)
    return render(
        request,
        "plans/my_tasks.html",
        {
            "items": items,
            "state": state,
            "states": AssignmentState.choices,
            "n_signable": len(signable),
            "n_reportable": len(reportable),
            "bulk_form": BulkReportForm(),
        },
    )


@login_required
@require_POST
def bulk_step(request: HttpRequest) -> HttpResponse:
    """签收 / 报送进展 on the selected shares (or, with `all`, on every share the user may take that step on)."""
    step = request.POST.get("step", "")
    if step not in ("sign", "report"):
        raise Http404
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("plans:my_tasks")
    ids = None if request.POST.get("all") == "1" else [int(v) for v in request.POST.getlist("items") if v.isdigit()]
    shares = shares_actionable(request.user, step, ids=ids)
    try:
        if step == "sign":
            n = assignments_sign(assignments=shares, by=request.user)
            messages.success(request, f"已签收 {n} 项任务。")
        else:
            form = BulkReportForm(request.POST)
            if not form.is_valid():
                for field, errs in form.errors.items():
                    for e in errs:
                        messages.error(request, f"{form.fields[field].label}：{e}")
                return redirect(back)
            n = assignments_report(
                assignments=shares,
                by=request.user,
                text=form.cleaned_data["text"],
                percent=form.cleaned_data["percent"],
                submit_token=form.cleaned_data["submit_token"],
            )
            messages.success(request, f"已为 {n} 项任务报送进展。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(back)


FORMS = {
    "report": ReportForm,
    "contribute": ContributeForm,
    "complete": CompleteForm,
    "send_back": ReasonForm,
    "accept": AcceptForm,
    "extend_request": ExtensionForm,
    "urge": UrgeForm,
}


def _actions_for(user: Any, a: Any, bound: tuple[int, str, Any] | None = None) -> list[dict[str, Any]]:
    """The workflow steps this user may take on this share now (state table × policy); `bound` is a refused form
    (share id, step, form) shown again, open, with what was typed and its errors."""
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
    for act in out:
        if bound is not None and bound[0] == a.pk and bound[1] == act["name"]:
            act.update(form=bound[2], open=True)
    return out


FOLD_ABOVE = 8  # a task with more shares than this shows its unit groups folded, but for the ones needing the user


def _needs_user(a: Any) -> bool:
    """The share waits for this user: a unit's step to take (not just 催办), or an extension to decide."""
    return any(act["name"] != "urge" for act in a.actions) or bool(a.pending_ext and a.can_decide)


def share_groups(assignments: list[Any], *, opened: int | None = None) -> list[dict[str, Any]]:
    """The task's shares grouped by unit: a unit directly under the top of the tree with the shares of its own
    sub-units (a district with its towns and offices), in unit order. Each group says how many shares it has by
    state and overdue, and whether it shows unfolded (few shares, one needing the user, or the one just acted on)."""
    groups: dict[str, dict[str, Any]] = {}
    few = len(assignments) <= FOLD_ABOVE
    for a in assignments:
        ids = [p for p in a.unit.path.strip("/").split("/") if p]
        key = ids[1] if len(ids) > 1 else (ids[0] if ids else str(a.unit_id))
        g = groups.setdefault(key, {"key": key, "shares": [], "states": {}, "overdue": 0, "open": few})
        g["shares"].append(a)
        label = a.get_state_display()
        g["states"][label] = g["states"].get(label, 0) + 1
        g["overdue"] += a.light == "overdue"
        if _needs_user(a) or a.pk == opened:
            g["open"] = True
    from fazhi.orgs.models import Unit

    names = {str(u.pk): u.display_name for u in Unit.objects.filter(pk__in=[int(k) for k in groups if k.isdigit()])}
    names = {str(int(k)): v for k, v in names.items()}
    out = []
    for g in groups.values():
        g["label"] = names.get(str(int(g["key"])) if g["key"].isdigit() else "", g["shares"][0].unit.display_name)
        g["shares"].sort(key=lambda a: (a.role != "lead", a.unit.path))
        out.append(g)
    out.sort(key=lambda g: (not any(a.role == "lead" for a in g["shares"]), g["shares"][0].unit.path))
    return out


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_page(request, task_get_for(request.user, pk, "view"))


def _task_page(request: HttpRequest, task: Any, bound: tuple[int, str, Any] | None = None) -> HttpResponse:
    assignments = task_assignments(task)
    lights = clocks.lights_for(assignments)
    for a in assignments:
        a.light = lights.get(a.pk, "none")
        a.light_label = clocks.LIGHT_LABELS.get(a.light, "")
        a.in_scope = TaskAssignmentPolicy.can(request.user, "view", a)
        a.actions = _actions_for(request.user, a, bound)
        a.pending_ext = [e for e in a.item.extensions.all() if e.state == ExtensionState.PENDING] if a.item_id else []
        a.can_decide = TaskAssignmentPolicy.can(request.user, "extend_approve", a)
    opened = request.GET.get("a", "")
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "assignments": assignments,
            # a refused form's share is unfolded, like the one a link opens with ?a=
            "groups": share_groups(
                assignments, opened=bound[0] if bound else (int(opened) if opened.isdigit() else None)
            ),
            "timeline": task_timeline(task),
            "decide_form": DecideForm(),
            "can_supervise": PlanTaskPolicy.can(request.user, "supervise", task),
        },
        status=200 if bound is None else 400,
    )


def _share_url(a: Any) -> str:
    """The task page opened at this share (its unit group unfolded)."""
    return f"{a.task.get_absolute_url()}?a={a.pk}#a{a.pk}"


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
        if not form.is_valid():  # the page again, the form open with what was typed and the error beside its field
            return _task_page(request, a.task, bound=(a.pk, step, form))
        data = form.cleaned_data
        files = data.get("files") or []
    try:
        STEPS[step](a, request.user, data, files)
    except DomainError as exc:
        if form_cls is None:
            messages.error(request, exc.message)
        else:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return _task_page(request, a.task, bound=(a.pk, step, form))
    else:
        messages.success(request, DONE[step])
    return redirect(_share_url(a))


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
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(_share_url(ext.item.plan_share))


@menu_page("plans.task.extend_approve")
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
