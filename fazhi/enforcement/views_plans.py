"""涉企行政检查 plans and 无事不扰 periods: the plans in the viewer's scope (create one for a body and year), a plan's
page (its items; add an item; record the government's approval and the filing), the quiet periods (add one)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.core.uploads import check_import_workbook
from fazhi.deadlines.selectors import today_local
from fazhi.jobs.models import Job
from fazhi.jobs.staging import upload_enqueue
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.scopes import grants_for

from . import forms as f
from .imports import plan_import_template as plan_import_template_xlsx
from .models import InspectionPlan, QuietPeriod
from .policies import BodyPolicy
from .selectors import bodies_visible_to
from .services import plan_approve, plan_item_add, plan_save, quiet_period_save
from .tasks import PLAN_IMPORT_KIND
from .views_import import XLSX

VIEW = "enforcement.view"


@menu_page(VIEW)
def plan_list(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user)
    plans = InspectionPlan.objects.filter(body__in=bodies).select_related("body__unit").order_by("-year", "body_id")
    editable = bodies_visible_to(request.user, "matters").filter(is_active=True)
    form = f.PlanForm(request.POST or None, bodies=editable, initial={"year": today_local().year})
    if request.method == "POST":
        if not editable.exists():
            raise Http404
        if form.is_valid():
            x = form.cleaned_data
            try:
                plan = plan_save(by=request.user, body=x["body"], year=x["year"], special_quota=x["special_quota"])
            except DomainError as exc:
                refuse(form, exc)
            else:
                return redirect("enforcement:plan_detail", plan.pk)
    quiet = QuietPeriod.objects.select_related("body__unit").order_by("-starts_on", "id")[:100]
    return render(
        request,
        "enforcement/plan_list.html",
        {
            "plans": plans,
            "form": form if editable.exists() else None,
            "quiet": quiet,
            "may_quiet": grants_for(request.user).has("enforcement.body.manage"),
        },
        status=400 if request.method == "POST" else 200,
    )


@menu_page(VIEW)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = InspectionPlan.objects.filter(pk=pk, body__in=bodies_visible_to(request.user)).first()
    if plan is None:
        raise Http404
    may = BodyPolicy.can(request.user, "matters", plan.body) and plan.approved_on is None
    act = request.POST.get("act", "") if request.method == "POST" else ""
    item_form = f.PlanItemForm(request.POST if act == "item" else None, prefix="item") if may else None
    approve_form = (
        f.PlanApproveForm(
            request.POST if act == "approve" else None,
            prefix="approve",
            initial={"version": plan.version, "approved_on": today_local(), "filed_on": today_local()},
        )
        if may
        else None
    )
    if act:
        form = {"item": item_form, "approve": approve_form}.get(act)
        if form is None:
            raise Http404
        if form.is_valid():
            x = form.cleaned_data
            try:
                if act == "item":
                    plan_item_add(
                        by=request.user,
                        plan=plan,
                        matter_code=x["matter_code"],
                        subjects=x["subjects"],
                        frequency=x["frequency"],
                    )
                else:
                    plan_approve(
                        by=request.user,
                        plan=plan,
                        approved_on=x["approved_on"],
                        approved_by=x["approved_by"],
                        filed_on=x["filed_on"],
                        expected_version=x["version"],
                    )
            except DomainError as exc:
                refuse(form, exc, {"matter": "matter_code"})
            else:
                messages.success(request, "已保存。")
                return redirect("enforcement:plan_detail", plan.pk)
    return render(
        request,
        "enforcement/plan_detail.html",
        {
            "p": plan,
            "items": plan.items.select_related("matter").order_by("matter__code"),
            "item_form": item_form,
            "approve_form": approve_form,
        },
        status=400 if act else 200,
    )


@menu_page("enforcement.body.manage")
def quiet_new(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user, "matters").filter(is_active=True)
    form = f.QuietPeriodForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            quiet_period_save(
                by=request.user,
                body=x["body"],
                starts_on=x["starts_on"],
                ends_on=x["ends_on"],
                reason=x["reason"],
                enterprise_codes=x["enterprise_codes"].split(),
                basis=x["basis"],
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, "无事不扰期已设定。")
            return redirect("enforcement:plan_list")
    return render(
        request, "enforcement/quiet_form.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


class PlanImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）", help_text="第一行为表头；可先下载模板。")


@menu_page(VIEW)
def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's items from Excel (ADR 0010): the upload checked here (type, size, zip directory), staged, and
    parsed by the worker (`tasks.plan_import_job`); then every error with its row and column (nothing imported)."""
    plan = InspectionPlan.objects.filter(pk=pk, body__in=bodies_visible_to(request.user)).first()
    if plan is None or not BodyPolicy.can(request.user, "matters", plan.body):
        raise Http404
    form = PlanImportForm(request.POST or None, request.FILES or None)
    errors: list[tuple[int, str, str]] = []
    job = None
    if request.GET.get("job", "").isdigit():
        job = Job.objects.filter(
            pk=int(request.GET["job"]), kind=PLAN_IMPORT_KIND, created_by=request.user, params__plan=plan.pk
        ).first()
        if job is None:
            raise Http404  # a job id is no way into another user's import
        if job.status == Job.Status.DONE:
            if job.result.get("ok"):
                messages.success(request, f"已导入{job.result.get('imported', 0)}项检查事项。")
                return redirect("enforcement:plan_detail", plan.pk)
            errors = [tuple(e) for e in job.result.get("errors", [])]  # type: ignore[misc]
            job = None
    status = 200
    if request.method == "POST":
        if plan.approved_on is not None:
            form.add_error(None, "检查计划已经批准，不能再增加事项。")
        elif form.is_valid():
            try:
                check_import_workbook(form.cleaned_data["file"])
            except ValidationError as exc:
                form.add_error("file", exc.messages[0])
            else:
                job = upload_enqueue(
                    kind=PLAN_IMPORT_KIND,
                    file=form.cleaned_data["file"],
                    by=request.user,
                    params={"user": request.user.pk, "plan": plan.pk, "return": request.path},
                    label=f"导入检查计划事项：{plan}",
                )
                return redirect(f"{request.path}?job={job.pk}")
        status = 400
    return render(
        request, "enforcement/plan_import.html", {"p": plan, "form": form, "errors": errors, "job": job}, status=status
    )


@menu_page(VIEW)
def plan_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(plan_import_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''inspection-plan-items.xlsx"
    return response
