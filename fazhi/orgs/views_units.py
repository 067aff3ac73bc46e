"""单位管理 and 单位分组 pages: the tree with search, create / edit (optimistic version check), aliases,
(de)activation, Excel template / import / export, and groups with their members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.core.uploads import check_upload
from fazhi.jobs.models import Job
from fazhi.jobs.staging import upload_enqueue

from .forms_admin import UnitForm, UnitGroupForm, UnitImportForm, form_add_error
from .policies import UnitGroupPolicy, UnitPolicy
from .selectors import unit_get_for, unit_group_get_for, unit_groups_visible_to, units_search, units_visible_to
from .services import unit_create, unit_deactivate, unit_group_save, unit_reactivate, unit_update
from .tasks import UNITS_IMPORT_KIND
from .unit_excel import XLSX_TYPE, ImportResult, UnitImportError, units_export, units_template, validation


def _require(policy: type, request: HttpRequest, action: str) -> None:
    if not policy.can(request.user, action):
        raise Http404


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=XLSX_TYPE)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return resp


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    _require(UnitPolicy, request, "view")
    q = request.GET.get("q", "").strip()
    units = units_search(request.user, q=q)
    return render(
        request,
        "orgs/unit_list.html",
        {
            "units": units,
            "q": q,
            "can_manage": UnitPolicy.can(request.user, "manage"),
            "can_import": UnitPolicy.can(request.user, "import"),
        },
    )


@login_required
def unit_create_view(request: HttpRequest) -> HttpResponse:
    _require(UnitPolicy, request, "manage")
    initial = {}
    if parent_id := request.GET.get("parent"):
        initial["parent"] = unit_get_for(request.user, parent_id, "view")
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = unit_create(
                by=request.user,
                parent=form.cleaned_data["parent"],
                aliases=form.cleaned_data["aliases"],
                **form.unit_fields(),
            )
        except (DomainError, ValidationError) as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"已新建单位“{unit.name}”。")
            return redirect("orgs:unit_list")
    return render(request, "orgs/unit_form.html", {"form": form, "unit": None})


@login_required
def unit_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for(request.user, pk, "manage")
    initial = {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "parent": unit.parent,
        "aliases": "、".join(sorted(unit.aliases.values_list("name", flat=True))),
        "kind": unit.kind,
        "level": unit.level,
        "credit_code": unit.credit_code,
        "division_code": unit.division_code,
        "is_enforcement_agency": unit.is_enforcement_agency,
        "sort_order": unit.sort_order,
        "version": unit.version,
    }
    parents = units_visible_to(request.user).filter(is_active=True).exclude(path__startswith=unit.path)
    form = UnitForm(request.POST or None, initial=initial, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            unit_update(
                by=request.user,
                unit=unit,
                expected_version=form.cleaned_data["version"] or 0,
                parent=form.cleaned_data["parent"],
                aliases=form.cleaned_data["aliases"],
                **form.unit_fields(),
            )
        except (DomainError, ValidationError) as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"已保存单位“{unit.name}”。")
            return redirect("orgs:unit_list")
    return render(request, "orgs/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_active_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for(request.user, pk, "manage")
    try:
        if request.POST.get("active") == "1":
            unit_reactivate(by=request.user, unit=unit)
            messages.success(request, f"已启用“{unit.name}”。")
        else:
            unit_deactivate(by=request.user, unit=unit)
            messages.success(request, f"已停用“{unit.name}”。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("orgs:unit_edit", pk=unit.pk)


@login_required
def unit_template_view(request: HttpRequest) -> HttpResponse:
    _require(UnitPolicy, request, "import")
    return _xlsx(units_template(), "unit-template.xlsx")


@login_required
def unit_export_view(request: HttpRequest) -> HttpResponse:
    _require(UnitPolicy, request, "import")
    return _xlsx(units_export(by=request.user, units=UnitPolicy.visible(request.user, "import")), "units.xlsx")


@login_required
def unit_import_view(request: HttpRequest) -> HttpResponse:
    _require(UnitPolicy, request, "import")
    form = UnitImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    result, job, refusal = None, None, ""
    if request.GET.get("job", "").isdigit():  # the import queued below: its progress, then its outcome
        job = Job.objects.filter(pk=int(request.GET["job"]), kind=UNITS_IMPORT_KIND, created_by=request.user).first()
        if job is None:
            raise Http404
        if job.status == Job.Status.DONE:
            if job.result.get("ok"):
                result = ImportResult(job.result["created"], job.result["updated"], job.result["unchanged"])
            else:
                errors, refusal = job.result.get("errors", []), job.result.get("message", "")
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:  # type, size and zip directory here; the workbook is read in the worker under the memory ceiling
            check_upload(f, allowed=(".xlsx",), max_bytes=validation.MAX_BYTES)
        except ValidationError as exc:
            refusal = UnitImportError([" ".join(exc.messages)])
            errors = refusal.errors
            form.add_error("file", refusal.message)
        else:
            job = upload_enqueue(
                kind=UNITS_IMPORT_KIND, file=f, by=request.user, params={"user": request.user.pk}, label="Excel导入单位"
            )
            return redirect(f"{request.path}?job={job.pk}")
    return render(
        request,
        "orgs/unit_import.html",
        {"form": form, "errors": errors, "result": result, "job": job, "refusal": refusal},
    )


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    _require(UnitGroupPolicy, request, "view")
    return render(
        request,
        "orgs/group_list.html",
        {
            "groups": unit_groups_visible_to(request.user),
            "can_manage": UnitGroupPolicy.can(request.user, "manage"),
        },
    )


def _group_form_page(request: HttpRequest, group, form: UnitGroupForm) -> HttpResponse:  # type: ignore[no-untyped-def]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            group = unit_group_save(
                by=request.user,
                group=group,
                code=d["code"],
                name=d["name"],
                aliases=d["aliases"],
                members=d["members"],
                description=d["description"],
            )
        except (DomainError, ValidationError) as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"已保存分组“{group.name}”。")
            return redirect("orgs:group_list")
    return render(request, "orgs/group_form.html", {"form": form, "group": group})


@login_required
def group_create_view(request: HttpRequest) -> HttpResponse:
    _require(UnitGroupPolicy, request, "manage")
    return _group_form_page(request, None, UnitGroupForm(request.POST or None))


@login_required
def group_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = unit_group_get_for(request.user, pk, "manage")
    initial = {
        "code": group.code,
        "name": group.name,
        "aliases": "、".join(group.aliases),
        "description": group.description,
        "members": list(group.members.all()),
    }
    return _group_form_page(request, group, UnitGroupForm(request.POST or None, initial=initial))
