"""Plan pages: list, import (upload → preview → confirm), overview with charts, drill-down, ranking, export, 督办单,
三色督办 settings. Each view: parse → authorise → one service or selector → render."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from fazhi.core.downloads import xlsx_response
from fazhi.core.errors import DomainError
from fazhi.core.uploads import check_upload
from fazhi.jobs.models import Job
from fazhi.jobs.staging import upload_enqueue
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit, UnitGroup
from fazhi.orgs.scopes import grants_for
from fazhi.orgs.widgets import UnitSelect
from fazhi.supervision.models import LadderStep

from . import clocks
from .forms import ImportForm
from .models import LadderLevel, PlanKind, TaskAssignment
from .parsing import plan_from_state
from .policies import PlanPolicy
from .selectors import (
    assignments_drilldown,
    late_assignments,
    plan_can,
    plan_figures_stamp,
    plan_get_for,
    plan_overview_by_section,
    plan_overview_by_unit,
    plan_totals,
    plans_visible_to,
    units_ranking,
)
from .services import plan_import, unit_names_resolve
from .supervision import ladder_rungs, ladder_save, notice_generate, tasks_export
from .tasks import PARSE_KIND

SESSION_KEY = "plans_import_preview"
TASKS_PER_PAGE = 50


def _require(user: Any, action: str) -> None:
    if not PlanPolicy.can(user, action):
        raise PermissionDenied


def _waiting() -> Any:
    """The number of a plan's tasks not yet dispatched (a draft's), as a subquery (no extra statement)."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery

    from .models import PlanTask

    waiting = (
        PlanTask.objects.filter(plan=OuterRef("pk"), dispatched_at__isnull=True)
        .order_by()
        .values("plan")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(waiting, output_field=IntegerField())


@menu_page("plans.plan.view")
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = plans_visible_to(request.user)
    if PlanPolicy.can(request.user, "manage"):  # the office sees which plans are drafts with tasks to dispatch
        plans = plans.annotate(waiting=_waiting())
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "can_import": PlanPolicy.can(request.user, "import"),
            "can_overview": grants_for(request.user).has("plans.plan.overview"),
        },
    )


# ------------------------------------------------------------------------------------------------ import


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload → a `plans.parse` job (the file is read in the worker under the memory ceiling, issue #10 finding 5) →
    its progress here → the preview. A retried submit of the same file and fields is the same job."""
    _require(request.user, "import")
    form = ImportForm(request.POST or None, request.FILES or None)
    job = None
    if request.GET.get("job", "").isdigit():
        job = Job.objects.filter(pk=int(request.GET["job"]), kind=PARSE_KIND, created_by=request.user).first()
        if job is None:
            raise Http404
        p = job.params
        if job.status == Job.Status.DONE and job.result.get("ok"):
            parsed = plan_from_state(job.result["plan"])
            request.session[SESSION_KEY] = {
                "plan": job.result["plan"],
                "source": job.result.get("source", ""),
                "name": p.get("name") or parsed.title,
                "kind": p.get("kind"),
                "year": p.get("year") or parsed.plan_year,
                # one token per parse: confirming the preview of this job twice imports one plan
                "token": str(uuid.uuid5(uuid.NAMESPACE_URL, f"fazhi:plans.parse:{job.pk}")),
            }
            return redirect("plans:import_preview")
        if job.status == Job.Status.DONE:  # refused: the fields as typed, the reason beside the file
            form = ImportForm({"name": p.get("name", ""), "kind": p.get("kind", ""), "year": p.get("year") or ""})
            form.is_valid()
            form.errors["file"] = form.error_class([job.result.get("error", "")])
            job = None
    elif request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            if (f.name or "").lower().endswith(".docx"):  # type, size and zip directory before the worker reads it
                check_upload(f, allowed=(".docx",))
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        else:
            d = form.cleaned_data
            job = upload_enqueue(
                kind=PARSE_KIND,
                file=f,
                by=request.user,
                params={"name": d["name"], "kind": d["kind"], "year": d["year"], "user": request.user.pk},
                label="识别计划文件",
            )
            return redirect(f"{request.path}?job={job.pk}")
    return render(request, "plans/import_upload.html", {"form": form, "job": job})


def _mapping_choices() -> list[tuple[str, str]]:
    units = [(f"u{u.pk}", u.name) for u in Unit.objects.filter(is_active=True).order_by("path")]
    groups = [(f"g{g.pk}", f"【单位组】{g.name}") for g in UnitGroup.objects.order_by("code")]
    return [*units, *groups]


def _mapping_target(value: str) -> Unit | UnitGroup | None:
    if value.startswith("u") and value[1:].isdigit():
        return Unit.objects.filter(pk=int(value[1:]), is_active=True).first()
    if value.startswith("g") and value[1:].isdigit():
        return UnitGroup.objects.filter(pk=int(value[1:])).first()
    return None


@login_required
def import_preview(request: HttpRequest) -> HttpResponse:
    """Nothing is saved until the user confirms; unresolved unit names are mapped here once (and remembered)."""
    _require(request.user, "import")
    state = request.session.get(SESSION_KEY)
    if not state:
        messages.info(request, "请先上传计划文件。")
        return redirect("plans:import_upload")
    parsed = plan_from_state(state["plan"])
    resolved = unit_names_resolve(parsed.unit_names())
    unresolved = [n for n, t in resolved.items() if t is None]
    errors: dict[str, str] = {}
    name, kind = state["name"], state["kind"]
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        kind = request.POST.get("kind", state["kind"])
        mapping: dict[str, Unit | UnitGroup] = {}
        for i, written in enumerate(unresolved):
            target = _mapping_target(request.POST.get(f"map_{i}", ""))
            if target is None:
                errors[written] = f"单位“{written}”：请选择对应的系统单位。"
            else:
                mapping[written] = target
        if not name:
            errors["name"] = "计划名称：不能为空。"
        if not errors:
            try:
                plan = plan_import(
                    by=request.user,
                    parsed=parsed,
                    name=name,
                    kind=kind if kind in PlanKind.values else PlanKind.OTHER,
                    year=state["year"],
                    mapping=mapping,
                    source_name=state["source"],
                    submit_token=uuid.UUID(state["token"]),
                    dispatch=False,  # a draft: edited, then dispatched explicitly (#13)
                )
            except DomainError as exc:
                errors[exc.field or "form"] = exc.message
            else:
                request.session.pop(SESSION_KEY, None)
                messages.success(
                    request,
                    f"已导入计划“{plan.name}”（草稿），共{plan.tasks.count()}项任务。请核对任务、单位和完成时限后下达。",
                )
                return redirect("plans:plan_draft", plan.pk)
    rows = [{"task": t, "units": [(u, resolved.get(u)) for u in t.units_as_written]} for t in parsed.tasks]
    picker = UnitSelect(choices=[("", "请选择…"), *_mapping_choices()])  # searchable by name, short name, alias
    return render(
        request,
        "plans/import_preview.html",
        {
            "state": state,
            "name": name,
            "rows": rows,
            # (index, name as written, the chosen mapping — kept when the form is shown again with errors)
            "unresolved": [
                (
                    i,
                    w,
                    picker.render(f"map_{i}", request.POST.get(f"map_{i}", ""), {"id": f"map_{i}", "data-written": w}),
                    errors.get(w, ""),
                )
                for i, w in enumerate(unresolved)
            ],
            "kind": kind,
            "errors": errors,
            "kinds": PlanKind.choices,
            "posted": request.POST,
        },
    )


@login_required
@require_POST
def import_cancel(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    messages.info(request, "已取消导入，未保存任何内容。")
    return redirect("plans:plan_list")


# ------------------------------------------------------------------------------------------------ overview


def _chart(rows: list[Any], value: str, name: str, link: Any) -> tuple[str, str]:
    labels = [r.label for r in rows]
    option = {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 8, "right": 16, "top": 24, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value"},
        "yAxis": {
            "type": "category",
            "data": labels,
            "inverse": True,
            "axisLabel": {"width": 120, "overflow": "truncate"},
        },
        "series": [
            {
                "type": "bar",
                "name": name,
                "data": [getattr(r, value) for r in rows],
                "label": {"show": True, "position": "right"},
            }
        ],
    }
    links = {r.label: link(r) for r in rows}
    return json.dumps(option, ensure_ascii=False), json.dumps(links, ensure_ascii=False)


@login_required
def plan_overview(request: HttpRequest, pk: int) -> HttpResponse:
    manager = PlanPolicy.can(request.user, "manage")
    plan = plan_get_for(request.user, pk, "view", annotate={"waiting": _waiting()} if manager else None)
    can_overview = plan_can(request.user, "overview", plan)
    base = reverse("plans:plan_tasks", args=[plan.pk])
    can_supervise = PlanPolicy.can(request.user, "supervise")
    ctx: dict[str, Any] = {
        "plan": plan,
        "can_overview": can_overview,
        "base": base,
        "can_export": plan_can(request.user, "export", plan),
        "can_supervise": can_supervise,
        "waiting": getattr(plan, "waiting", 0) or 0,
    }
    if can_overview:
        ctx["figures_html"] = _overview_figures(request, plan, base, can_supervise)
    return render(request, "plans/plan_overview.html", ctx)


def _overview_figures(request: HttpRequest, plan: Any, base: str, can_supervise: bool) -> str:
    """The overview's tables and charts, rendered once per data stamp (plan_figures_stamp) and viewer scope: most
    of the page's cost is these ~60 × 6 linked figures, and they only change when a share does."""
    key = f"plans:overview:{plan_figures_stamp(request.user, plan)}:{int(can_supervise)}"
    cache = caches["pages"]
    html = cache.get(key)
    if html is None:
        sections = plan_overview_by_section(request.user, plan)
        units = plan_overview_by_unit(request.user, plan)
        html = render_to_string(
            "plans/_overview_figures.html",
            {
                "sections": sections,
                "units": units,
                "total": plan_totals(sections),
                "base": base,
                "can_supervise": can_supervise,
                "metric_links": [
                    ("plans.shares", "分工"),
                    ("plans.closed", "已销号"),
                    ("plans.closed_rate", "销号率"),
                    ("plans.on_time_rate", "按期销号率"),
                    ("plans.overdue", "逾期未完成"),
                ],
                "metric_query": urlencode({"plan": plan.pk, "year": plan.year or ""}),
                "section_chart": _chart(
                    sections,
                    "completion",
                    "完成率%",
                    lambda r: f"{base}?role=lead&section={r.key or 'none'}&status=done",
                ),
                "unit_chart": _chart(
                    [u for u in units if u.overdue],
                    "overdue",
                    "逾期数",
                    lambda r: f"{base}?unit={r.key}&status=overdue",
                ),
            },
        )  # no request: the fragment needs no context processors (menu, unread count)
        cache.set(key, html, 3600)
    return mark_safe(html)  # noqa: S308 (our own template's output)


@login_required
def plan_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """The shares behind an overview number (drill-down) — or the whole plan's task list."""
    plan = plan_get_for(request.user, pk, "view")
    g = request.GET
    # paged like every list (issue #11 point 13: a plan of 756 shares rendered in one page took 1.2 s)
    try:
        shares = assignments_drilldown(
            request.user,
            plan,
            section=g.get("section", ""),
            unit=g.get("unit", ""),
            status=g.get("status", ""),
            role=g.get("role", ""),
        )
        page = Paginator(shares, TASKS_PER_PAGE).get_page(g.get("page"))
    except ValueError:  # a filter that is not a number: nothing matches
        page = Paginator(TaskAssignment.objects.none(), TASKS_PER_PAGE).get_page(1)
    items = list(page.object_list)
    lights = clocks.lights_for(items)
    for a in items:
        a.light = lights.get(a.pk, "none")
        a.light_label = clocks.LIGHT_LABELS.get(a.light, "")
    filters = {k: v for k, v in g.items() if k != "page"}
    return render(request, "plans/plan_tasks.html", {"plan": plan, "items": items, "page": page, "filters": filters})


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    if not grants_for(request.user).has("plans.plan.overview"):
        raise PermissionDenied
    plan = None
    if request.GET.get("plan", "").isdigit():
        plan = plan_get_for(request.user, int(request.GET["plan"]), "overview")
    rows = units_ranking(request.user, plan)
    return render(
        request, "plans/ranking.html", {"rows": rows, "plan": plan, "plans": plans_visible_to(request.user, "overview")}
    )


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(request.user, pk, "export")
    data = tasks_export(by=request.user, plan=plan)
    return xlsx_response(data, f"plan-{plan.pk}-tasks.xlsx")


@login_required
def unit_notice(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """GET: what the 督办单 will cover, with the button; POST: issue it (numbered, audited) and download it. Issuing
    is a write, so a link, a prefetch or a crawler never issues one."""
    _require(request.user, "supervise")
    unit = get_object_or_404(Unit, pk=unit_pk)
    if request.method != "POST":
        shares = late_assignments(request.user, unit)
        return render(request, "plans/unit_notice.html", {"unit": unit, "shares": shares})
    try:
        data = notice_generate(by=request.user, unit=unit)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:unit_notice", unit_pk=unit.pk)
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    resp["Content-Disposition"] = f"attachment; filename=duban-{unit.pk}.docx"
    return resp


@login_required
def ladder(request: HttpRequest) -> HttpResponse:
    _require(request.user, "supervise")
    rungs = ladder_rungs()
    if request.method == "POST":
        data = []
        for level in LadderLevel.values:
            light = request.POST.get(f"{level}_light", "")
            days = request.POST.get(f"{level}_days", "0")
            if light not in ("due_soon", "overdue") or not days.isdigit() or int(days) > 365:
                messages.error(request, "三色督办设置：触发灯或逾期天数填写有误。")
                return redirect("plans:ladder")
            data.append(
                {
                    "level": level,
                    "light": light,
                    "min_days_overdue": int(days),
                    "to_liaison": bool(request.POST.get(f"{level}_liaison")),
                    "to_office": bool(request.POST.get(f"{level}_office")),
                    "enabled": bool(request.POST.get(f"{level}_enabled")),
                }
            )
        ladder_save(by=request.user, rungs=data)
        messages.success(request, "三色督办设置已保存。")
        return redirect("plans:ladder")
    return render(request, "plans/ladder.html", {"rungs": LadderStep.objects.all() or rungs})
