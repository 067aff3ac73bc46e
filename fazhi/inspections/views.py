"""Pages of 法治督察: parse → authorise → one service or selector → render. Each step is one POST form on the plan's
or the finding's page; a refused one re-renders the page with the user's input and the error beside the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.downloads import file_download
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import today_local
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for

from . import forms as f
from . import settings as conf
from .documents import notice_document, report_document
from .models import InspectionPlan, PlanKind, PlanState
from .policies import FindingPolicy, InspectionPlanPolicy
from .selectors import (
    STATUS,
    finding_get_for,
    finding_reports,
    finding_reviews,
    finding_status,
    findings_visible_to,
    plan_counts,
    plan_get_for,
    plan_timeline,
    plans_visible_to,
)
from .services import (
    accountability_record,
    checklist_item_add,
    fieldwork_record,
    finding_accept,
    finding_measures,
    finding_raise,
    finding_recheck,
    finding_report,
    finding_return,
    member_add,
    plan_complete,
    plan_create,
    plan_start,
    plan_update,
    target_add,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _units() -> Any:
    return Unit.objects.filter(is_active=True).order_by("path")


@dataclass(frozen=True)
class Act:
    label: str
    policy: str
    states: tuple[str, ...]
    form: Callable[..., Form] | None
    run: Callable[[Any, Any, dict[str, Any]], Any]
    done: str
    files: bool = False


def _users(p: InspectionPlan) -> Any:
    return (
        get_user_model()
        .objects.filter(is_active=True, unit__path__startswith=p.organizer.path)
        .exclude(pk__in=p.team.values("user_id"))
        .order_by("username")
    )


ALL = tuple(PlanState.values)
OPEN = (PlanState.PLANNED, PlanState.UNDERWAY)
PLAN_ACTS: dict[str, Act] = {
    "edit": Act(
        "修改督察信息",
        "manage",
        OPEN,
        lambda p, data=None: f.PlanEditForm(
            data,
            initial={
                "title": p.title,
                "theme": p.theme,
                "start_on": p.start_on,
                "end_on": p.end_on,
                "version": p.version,
            },
        ),
        lambda p, u, x: plan_update(
            plan=p,
            by=u,
            title=x["title"],
            theme=x["theme"],
            start_on=x["start_on"],
            end_on=x["end_on"],
            expected_version=x["version"],
        ),
        "督察信息已保存。",
    ),
    "target": Act(
        "增加被督察单位",
        "manage",
        OPEN,
        lambda p, data=None: f.TargetForm(data, units=_units()),
        lambda p, u, x: target_add(
            plan=p, by=u, unit=x["unit"], visit_start=x["visit_start"], visit_end=x["visit_end"]
        ),
        "被督察单位已增加。",
    ),
    "member": Act(
        "增加督察组成员",
        "manage",
        OPEN,
        lambda p, data=None: f.MemberForm(data, users=_users(p)),
        lambda p, u, x: member_add(plan=p, by=u, user=x["user"], role=x["role"]),
        "督察组成员已增加。",
    ),
    "checklist": Act(
        "增加督察清单事项",
        "manage",
        OPEN,
        lambda p, data=None: f.ChecklistForm(data),
        lambda p, u, x: checklist_item_add(plan=p, by=u, theme=x["theme"], text=x["text"], basis=x["basis"]),
        "督察清单事项已增加。",
    ),
    "start": Act(
        "开始督察", "manage", (PlanState.PLANNED,), None, lambda p, u, x: plan_start(plan=p, by=u), "督察已开始。"
    ),
    "fieldwork": Act(
        "记录督察情况",
        "record",
        (PlanState.UNDERWAY,),
        lambda p, data=None: f.FieldworkForm(data, plan=p, initial={"on": today_local()}),
        lambda p, u, x: fieldwork_record(
            plan=p,
            by=u,
            target=x["target"],
            checklist_item=x["checklist_item"],
            method=x["method"],
            on=x["on"],
            has_finding=x["has_finding"],
            note=x["note"],
            submit_token=x["submit_token"],
        ),
        "督察情况已记录。",
    ),
    "finding": Act(
        "登记问题",
        "record",
        (PlanState.UNDERWAY,),
        lambda p, data=None: f.FindingForm(data, plan=p, units=_units(), initial={"found_on": today_local()}),
        lambda p, u, x: finding_raise(
            plan=p,
            by=u,
            fieldwork=x["fieldwork"],
            responsible_unit=x["responsible_unit"] or (x["fieldwork"].target.unit if x["fieldwork"] else None),
            text=x["text"],
            basis=x["basis"],
            severity=x["severity"],
            found_on=x["found_on"],
            due_on=x["due_on"],
            submit_token=x["submit_token"],
        ),
        "问题已登记，并已列入责任单位的督办事项。",
    ),
    "accountability": Act(
        "记录约谈、通报",
        "record",
        (PlanState.UNDERWAY, PlanState.COMPLETED),
        lambda p, data=None: f.AccountabilityForm(data, plan=p, initial={"on": today_local()}),
        lambda p, u, x: accountability_record(
            plan=p, by=u, kind=x["kind"], unit=x["unit"], on=x["on"], text=x["text"], findings=list(x["findings"])
        ),
        "约谈、通报已记录。",
    ),
    "complete": Act(
        "完成督察", "manage", (PlanState.UNDERWAY,), None, lambda p, u, x: plan_complete(plan=p, by=u), "督察已完成。"
    ),
}


@menu_page("inspections.plan.view")
def plan_list(request: HttpRequest) -> HttpResponse:
    qs = plans_visible_to(request.user)
    year, kind = request.GET.get("year", ""), request.GET.get("kind", "")
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if kind in PlanKind.values:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "inspections/plan_list.html",
        {"plans": qs[:500], "kinds": PlanKind.choices, "year": year, "kind": kind},
    )


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    if not grants_for(request.user).has("inspections.manage"):
        raise Http404
    today = today_local()
    form = f.PlanForm(
        request.POST or None,
        units=_units(),
        plans=plans_visible_to(request.user),
        initial={"year": today.year, "organizer": request.user.unit, "start_on": today},
    )
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            p = plan_create(
                by=request.user,
                organizer=x["organizer"],
                year=x["year"],
                kind=x["kind"],
                title=x["title"],
                theme=x["theme"],
                start_on=x["start_on"],
                end_on=x["end_on"],
                revisit_of=x["revisit_of"],
                submit_token=x["submit_token"],
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            if not InspectionPlanPolicy.can(request.user, "view", p):
                raise Http404
            return redirect(p)
    return render(request, "inspections/plan_new.html", {"form": form})


def _plan_page(
    request: HttpRequest, p: InspectionPlan, bound: tuple[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    acts = []
    for name, a in PLAN_ACTS.items():
        if p.state in a.states and InspectionPlanPolicy.can(request.user, a.policy, p):
            form = bound[1] if bound and bound[0] == name else (a.form(p) if a.form else None)
            acts.append({"name": name, "label": a.label, "form": form, "open": bool(bound and bound[0] == name)})
    findings = list(p.findings.select_related("responsible_unit", "item"))
    for x in findings:
        x.status = STATUS[finding_status(x)]  # type: ignore[attr-defined]
    methods = dict(conf.methods())
    fieldwork = list(p.fieldwork.select_related("target__unit", "checklist_item", "by"))
    for w in fieldwork:
        w.method_label = methods.get(w.method, w.method)  # type: ignore[attr-defined]
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "p": p,
            "acts": acts,
            "targets": p.targets.select_related("unit"),
            "team": p.team.select_related("user", "user__unit"),
            "checklist": p.checklist.all(),
            "fieldwork": fieldwork,
            "findings": findings,
            "counts": plan_counts(p),
            "timeline": plan_timeline(p),
            "accountabilities": p.accountabilities.select_related("unit").prefetch_related("findings"),
            "can_record": p.state != PlanState.COMPLETED and InspectionPlanPolicy.can(request.user, "record", p),
        },
        status=status,
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, plan_get_for(request.user, pk))


@login_required
@require_POST
def plan_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    a = PLAN_ACTS.get(action)
    if a is None:
        raise Http404
    p = plan_get_for(request.user, pk, a.policy)
    form = a.form(p, request.POST) if a.form else None
    if form is not None and not form.is_valid():
        return _plan_page(request, p, (action, form), status=400)
    try:
        a.run(p, request.user, form.cleaned_data if form is not None else {})
    except DomainError as exc:
        if form is None:
            messages.error(request, exc.message)
            return redirect(p)
        refuse(form, exc)
        return _plan_page(request, plan_get_for(request.user, pk), (action, form), status=400)
    messages.success(request, a.done)
    return redirect(p)


# ------------------------------------------------------------------------------------------------ findings

FINDING_ACTS: dict[str, Act] = {
    "measures": Act(
        "报送整改方案",
        "rectify",
        ("open", "planned"),
        lambda x, data=None: f.MeasuresForm(data, initial={"text": x.measures}),
        lambda x, u, d: finding_measures(finding=x, by=u, text=d["text"], submit_token=d["submit_token"]),
        "整改方案已报送。",
    ),
    "report": Act(
        "报送整改情况",
        "rectify",
        ("planned",),
        lambda x, data=None, files=None: f.ReportForm(data, files),
        lambda x, u, d: finding_report(
            finding=x,
            by=u,
            text=d["text"],
            files=d["files"],
            complete=d["complete"],
            submit_token=d["submit_token"],
        ),
        "整改情况已报送。",
        files=True,
    ),
    "accept": Act(
        "销号",
        "review",
        ("submitted",),
        lambda x, data=None: f.AcceptForm(data),
        lambda x, u, d: finding_accept(finding=x, by=u, note=d["note"]),
        "问题已销号。",
    ),
    "return": Act(
        "退回",
        "review",
        ("submitted",),
        lambda x, data=None: f.ReturnForm(data),
        lambda x, u, d: finding_return(finding=x, by=u, reason=d["reason"]),
        "已退回责任单位。",
    ),
    "recheck": Act(
        "回头看",
        "recheck",
        ("closed",),
        lambda x, data=None: f.RecheckForm(data, initial={"on": today_local()}),
        lambda x, u, d: finding_recheck(
            finding=x, by=u, on=d["on"], result=d["result"], note=d["note"], due_on=d["due_on"]
        ),
        "回头看已记录。",
    ),
}


@menu_page("inspections.finding.view")
def finding_list(request: HttpRequest) -> HttpResponse:
    qs = findings_visible_to(request.user).order_by("-found_on", "-id")
    status = request.GET.get("status", "")
    if request.GET.get("unit"):
        qs = qs.filter(responsible_unit__code=request.GET["unit"])
    rows = []
    for x in qs[:1000]:
        s = finding_status(x)
        if status and s != status:
            continue
        x.status = STATUS[s]  # type: ignore[attr-defined]
        rows.append(x)
    return render(
        request,
        "inspections/finding_list.html",
        {"findings": rows[:500], "statuses": list(STATUS.items()), "status": status},
    )


def _finding_page(
    request: HttpRequest, x: Any, bound: tuple[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    s = finding_status(x)
    acts = []
    for name, a in FINDING_ACTS.items():
        if s in a.states and FindingPolicy.can(request.user, a.policy, x):
            form = bound[1] if bound and bound[0] == name else (a.form(x) if a.form else None)
            acts.append(
                {
                    "name": name,
                    "label": a.label,
                    "form": form,
                    "files": a.files,
                    "open": bool(bound and bound[0] == name),
                }
            )
    return render(
        request,
        "inspections/finding_detail.html",
        {
            "x": x,
            "status": STATUS[s],
            "severity": conf.label(conf.severities(), x.severity),
            "acts": acts,
            "reports": finding_reports(x),
            "reviews": finding_reviews(x),
            "rechecks": x.rechecks.select_related("new_finding"),
            "evidence_rule": conf.conf("EVIDENCE_FOR_CLOSE"),
            "plan_visible": InspectionPlanPolicy.can(request.user, "view", x.plan),
        },
        status=status,
    )


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _finding_page(request, finding_get_for(request.user, pk))


@login_required
@require_POST
def finding_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    a = FINDING_ACTS.get(action)
    if a is None:
        raise Http404
    x = finding_get_for(request.user, pk, a.policy)
    if a.form is None:
        raise Http404
    form = a.form(x, request.POST, request.FILES) if a.files else a.form(x, request.POST)
    if not form.is_valid():
        return _finding_page(request, x, (action, form), status=400)
    try:
        a.run(x, request.user, form.cleaned_data)
    except DomainError as exc:
        refuse(form, exc)
        return _finding_page(request, finding_get_for(request.user, pk), (action, form), status=400)
    messages.success(request, a.done)
    return redirect(x)


@login_required
def plan_report(request: HttpRequest, pk: int) -> HttpResponse:
    p = plan_get_for(request.user, pk)
    data = report_document(plan=p)
    return file_download(BytesIO(data), filename=f"{p.year}年{p.title}督察报告.docx", content_type=DOCX)


@login_required
def target_notice(request: HttpRequest, pk: int, target_id: int) -> HttpResponse:
    p = plan_get_for(request.user, pk)
    t = p.targets.select_related("unit").filter(pk=target_id).first()
    if t is None:
        raise Http404
    data = notice_document(plan=p, target=t)
    return file_download(BytesIO(data), filename=f"督察通知-{t.unit.name}.docx", content_type=DOCX)
