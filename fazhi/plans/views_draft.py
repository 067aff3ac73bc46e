"""A draft plan's pages (#13): the tasks waiting to be dispatched, grouped by section, each editable (units, due
date, text), and the 下达 buttons — the whole plan or one section. Each view: parse → authorise → one service →
render; a refused form is shown again with what was typed and the error beside its field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import ConflictError, DomainError

from .forms import DraftTaskForm, unit_targets, unit_values
from .models import PlanSection, PlanTask
from .policies import PlanPolicy
from .selectors import plan_draft_sections, plan_get_for
from .services import draft_task_add, draft_task_delete, draft_task_save, plan_dispatch


def _manager(request: HttpRequest) -> None:
    if not PlanPolicy.can(request.user, "manage"):
        raise PermissionDenied


@login_required
def plan_draft(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    plan = plan_get_for(request.user, pk, "view")
    sections, waiting, dispatched = plan_draft_sections(plan)
    return render(
        request,
        "plans/plan_draft.html",
        {"plan": plan, "sections": sections, "waiting": waiting, "dispatched": dispatched},
    )


@login_required
@require_POST
def plan_dispatch_view(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    plan = plan_get_for(request.user, pk, "view")
    section = None
    if request.POST.get("section", "").isdigit():
        section = get_object_or_404(PlanSection, pk=int(request.POST["section"]), plan=plan)
    try:
        n = plan_dispatch(plan=plan, by=request.user, section=section)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:plan_draft", plan.pk)
    if n:
        where = f"“{section.title}”" if section is not None else "全部"
        messages.success(request, f"已下达{where}任务 {n} 项，各单位已收到签收通知。")
    else:
        messages.info(request, "没有待下达的任务。")
    if plan.tasks.filter(dispatched_at__isnull=True).exists():
        return redirect("plans:plan_draft", plan.pk)
    return redirect(plan.get_absolute_url())


def _sections(plan: Any) -> list[tuple[int, str]]:
    out = []
    for s in plan.sections.order_by("order"):
        out.append((s.pk, "　" * s.level + s.title))
    return out


def _save(request: HttpRequest, form: DraftTaskForm, call: Any) -> Any:
    """Run the service on a valid form; a refusal goes beside its field (a version conflict above the form)."""
    if not form.is_valid():
        return None
    d = form.cleaned_data
    try:
        return call(d, unit_targets(d["lead_units"]), unit_targets(d.get("co_units") or []))
    except ConflictError:
        form.add_error(None, "该任务已被他人修改，请刷新后重新编辑（您填写的内容仍保留在下方）。")
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        message = exc.message
        if field is not None:  # the field's label is shown beside the error already
            message = message.removeprefix(f"{form.fields[field].label}：")
        form.add_error(field, message)
    return None


@login_required
def draft_task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    task = get_object_or_404(PlanTask.objects.select_related("plan", "section"), pk=pk)
    plan = plan_get_for(request.user, task.plan_id, "view")
    if task.dispatched_at is not None:
        messages.info(request, "该任务已下达，请在任务页办理。")
        return redirect(task.get_absolute_url())
    drafts = list(task.draft_units.select_related("unit", "group"))
    initial = {
        "title": task.title,
        "text": task.text,
        "due_date": task.due_date,
        "lead_units": unit_values([d.target for d in drafts if d.role == "lead"]),
        "co_units": unit_values([d.target for d in drafts if d.role == "co"]),
        "version": task.version,
    }
    form = DraftTaskForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("delete") == "1":
            try:
                draft_task_delete(task=task, by=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("plans:draft_task_edit", task.pk)
            messages.success(request, f"已删除第{task.number}项任务。")
            return redirect("plans:plan_draft", plan.pk)
        saved = _save(
            request,
            form,
            lambda d, leads, cos: draft_task_save(
                task=task,
                by=request.user,
                title=d["title"],
                text=d["text"],
                due_date=d["due_date"],
                leads=leads,
                cos=cos,
                expected_version=d["version"] if d["version"] is not None else task.version,
            ),
        )
        if saved is not None:
            messages.success(request, f"第{saved.number}项任务已保存。")
            return redirect(f"{_draft_url(plan)}#t{saved.pk}")
    return render(
        request,
        "plans/draft_task_form.html",
        {"plan": plan, "task": task, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def draft_task_new(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    plan = plan_get_for(request.user, pk, "view")
    form = DraftTaskForm(request.POST or None, sections=_sections(plan))
    if request.method == "POST":
        saved = _save(
            request,
            form,
            lambda d, leads, cos: draft_task_add(
                plan=plan,
                by=request.user,
                section=plan.sections.filter(pk=d["section"]).first() if d.get("section") else None,
                title=d["title"],
                text=d["text"],
                due_date=d["due_date"],
                leads=leads,
                cos=cos,
            ),
        )
        if saved is not None:
            messages.success(request, f"已新增第{saved.number}项任务。")
            return redirect(f"{_draft_url(plan)}#t{saved.pk}")
    return render(
        request,
        "plans/draft_task_form.html",
        {"plan": plan, "task": None, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _draft_url(plan: Any) -> str:
    from django.urls import reverse

    return reverse("plans:plan_draft", args=[plan.pk])
