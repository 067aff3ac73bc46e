"""The pages every docket has, served by the kernel from what the docket declares (issue 9 ¶10): the list with its
filters (`DocketList`), one page per transition (the form named in the spec, files of the transition's `attach` kind,
the approval panel of its `review`), and the Excel import of past cases (`fazhi.cases.imports.DocketImport`).

A docket's views.py is then a few lines per page: `list_page(request, spec=SPEC, listing=LIST)`,
`transition_page(request, spec=SPEC, pk=pk, code=code, prepare=…)`, `edit_page(request, case=…, form=…, update=…)`,
`import_page(request, spec=SPEC, importer=…)`; its statistics read `selectors.cases_in_period(docket, period, …)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.module_loading import import_string

from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.forms import form_refuse as form_error
from fazhi.core.uploads import MultiFileField, check_import_workbook
from fazhi.jobs.models import Job
from fazhi.jobs.staging import upload_enqueue
from fazhi.orgs.models import Unit
from fazhi.orgs.rules import has_action
from fazhi.orgs.widgets import UnitChoiceField

from . import clocks
from .casefile import case_file_context, may_see_pii
from .imports import ImportResult
from .listing import case_page, page_number
from .models import AttachmentKind, Case
from .policies import CasePolicy
from .registry import DocketSpec, Transition
from .selectors import case_get_for, case_page_reads, transitions_available
from .services import attachment_check, attachments_add, today_local
from .tasks import IMPORT_KIND


def require_action(request: HttpRequest, action: str) -> None:
    """404 (not 403) for a page the user's roles do not open: the platform never shows what one may not use."""
    if not has_action(action).allows(request.user, None):
        raise Http404


# ---- lists ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ListFilter:
    """One query-string filter of a docket's list: `apply(qs, value, user)` when the value is not empty."""

    name: str
    apply: Callable[[QuerySet[Case], str, Any], QuerySet[Case]]


@dataclass(frozen=True)
class DocketList:
    template: str
    base: Callable[[Any], QuerySet[Case]]  # user → the cases they may see (scoped)
    filters: tuple[ListFilter, ...]
    fields: tuple[str, ...]
    row: Callable[[dict[str, Any]], dict[str, Any]]  # a plain row → what the template shows
    expressions: Mapping[str, Any] = field(default_factory=dict)
    order: tuple[str, ...] = ("-received_on", "-id")
    context: Callable[[HttpRequest, dict[str, str]], dict[str, Any]] | None = None


def list_page(request: HttpRequest, *, spec: DocketSpec, listing: DocketList, action: str = "") -> HttpResponse:
    require_action(request, action or f"{spec.code}.case.view")
    f = {flt.name: request.GET.get(flt.name, "").strip() for flt in listing.filters}

    def build() -> QuerySet[Case]:
        qs = listing.base(request.user)
        for flt in listing.filters:
            if f[flt.name]:
                qs = flt.apply(qs, f[flt.name], request.user)
        return qs.order_by(*listing.order)

    result = case_page(
        user=request.user,
        docket=spec.code,
        page=page_number(request.GET.get("page")),
        filters=f,
        build=build,
        fields=listing.fields,
        expressions=dict(listing.expressions),
        row=listing.row,
    )
    ctx = {
        "result": result,
        "rows": result.rows,
        "states": spec.states,
        "f": f,
        "query": urlencode({k: v for k, v in f.items() if v}),
    }
    if listing.context:
        ctx.update(listing.context(request, f))
    return render(request, listing.template, ctx)


# ---- one page per transition ---------------------------------------------------------------------------------------
Prepare = Callable[[Case, str, dict[str, Any], dict[str, Any]], None]  # (case, code, initial, form kwargs)
Adjust = Callable[[Case, str, Any], None]  # (case, code, form)
Done = Callable[[Case, str, Any], Any]  # (case, code, service result) → where to go (None: the case)


def transition_page(
    request: HttpRequest,
    *,
    spec: DocketSpec,
    pk: int,
    code: str,
    prepare: Prepare | None = None,
    adjust: Adjust | None = None,
    done: Done | None = None,
    errors: Mapping[str, str] | None = None,
) -> HttpResponse:
    """GET: the transition's form (with the approval panel when the transition declares `review`); POST: the
    docket's service and, in the same transaction, the files of the transition's `attach` kind (each checked first,
    so a refused file changes nothing)."""
    require_action(request, f"{spec.code}.case.view")
    case = case_get_for(request.user, pk, docket=spec.code)
    if not CasePolicy.can(request.user, "view", case):  # a unit the docket also shows the case to (visible_to)
        raise Http404  # reads it, but the steps are the handling unit's: the same answer as a missing case
    try:
        transition = spec.transition(code)
    except KeyError:
        raise Http404 from None
    if not transition.form:  # a system step (deemed acceptance): no page
        raise Http404
    if transition not in transitions_available(request.user, case):
        messages.error(request, transition.refusal(case) or f"您不能“{transition.label}”。")
        return redirect(case)
    initial: dict[str, Any] = {"version": case.version, "on": today_local()}
    kwargs: dict[str, Any] = {}
    if prepare:
        prepare(case, code, initial, kwargs)
    form = import_string(transition.form)(request.POST or None, request.FILES or None, initial=initial, **kwargs)
    kind_label = dict(AttachmentKind.choices).get(transition.attach, "")
    if transition.attach:
        form.fields["files"] = MultiFileField(
            label=kind_label, required=False, help_text="可多选，随本环节加入电子卷宗"
        )
    if adjust:
        adjust(case, code, form)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        files = data.pop("files", []) if transition.attach else []
        try:
            for f in files:
                attachment_check(f, field="files")
            with transaction.atomic():
                result = transition.service_fn()(case=case, by=request.user, expected_version=version, **data)
                if files:
                    attachments_add(
                        case=case, by=request.user, files=files, kind=transition.attach, step=code, label=kind_label
                    )
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            form_error(form, exc, errors)
        else:
            messages.success(request, f"已完成：{transition.label}。")
            target = done(case, code, result) if done else None
            return redirect(target or case)
    return render(
        request,
        "cases/transition.html",
        {"case": case, "form": form, "transition": transition, "review": transition_review(transition, case)},
    )


def edit_page(
    request: HttpRequest,
    *,
    case: Case,
    form: Any,
    update: Callable[..., Any],
    template: str,
    errors: Mapping[str, str] | None = None,
) -> HttpResponse:
    """修改基本信息 of any docket: the docket's form (with its hidden `version`) and its update service, which refuses
    a stale version (the kernel's concurrent-edit rule) — the conflict shows above the form, a field's error beside it,
    and what the user typed stays."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update(case=case, by=request.user, expected_version=version, **data)
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            form_error(form, exc, errors)
        else:
            messages.success(request, "基本信息已保存。")
            return redirect(case)
    return render(request, template, {"case": case, "form": form})


def register_page(
    request: HttpRequest,
    *,
    form: Any,
    template: str,
    register: Callable[[dict[str, Any]], Case],
    errors: Mapping[str, str] | None = None,
    message: Callable[[Case], str] = lambda case: f"已登记，案号 {case.case_number}。",
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """登记 of any docket: the docket's bound form and its register service called with the cleaned data. A refusal
    (DomainError) shows beside the field it names (renamed through `errors`), what the user typed stays, nothing is
    written; on success the case page with a message naming the case number. The caller checks its action first
    (`require_action`) and builds the form (initial values, the units it offers)."""
    if request.method == "POST" and form.is_valid():
        try:
            case = register(form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc, errors)
        else:
            messages.success(request, message(case))
            return redirect(case)
    return render(request, template, {"form": form, **(context or {})})


def case_page_context(request: HttpRequest, case: Case, spec: DocketSpec, **extra: Any) -> dict[str, Any]:
    """What every docket's case page shows, read once here: the case and its `extra`, state and outcome labels, the
    parties, timeline and case-file rows (`case_page_reads`), the transitions the viewer may take now and each clock
    with its light, whether the viewer may see personal data. The docket adds its own labels through `extra` (which
    may also replace an entry, e.g. a narrower list of transitions)."""
    reads = case_page_reads(request.user, case)
    return {
        "case": case,
        "x": case.extra,
        "state_label": spec.state_label(case.state),
        "outcome_label": spec.outcome_label(case.outcome) if case.outcome else "",
        "parties": reads["parties"],
        "events": reads["events"],
        "case_file": case_file_context(request.user, case, reads["file"]),
        "pii": may_see_pii(request.user, case),
        "transitions": transitions_available(request.user, case),
        "clocks": [(c, clocks.case_clock_light(c)) for c in clocks.case_clocks(case)],
        **extra,
    }


def transition_review(transition: Transition, case: Case) -> Any:
    """The approval panel's content (the draft, its diff, the document preview) if the transition declares one."""
    return import_string(transition.review)(case) if transition.review else None


# ---- Excel import of past cases ------------------------------------------------------------------------------------
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_page(
    request: HttpRequest,
    *,
    spec: DocketSpec,
    action: str,
    template: str,
    run: Callable[..., Any],
    template_bytes: Callable[[], bytes],
    form_class: Any,
    filename: str,
) -> HttpResponse:
    require_action(request, action)
    if request.GET.get("template"):
        resp = HttpResponse(template_bytes(), content_type=XLSX)
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return resp
    mapping_post = request.method == "POST" and "map" in request.POST
    form = form_class(None if mapping_post else request.POST or None, request.FILES or None)
    result, job, mapping = None, None, None
    if request.GET.get("job", "").isdigit():  # the import queued below: its progress, then its result
        job = import_job_for(request, spec, int(request.GET["job"]))
        if job.status == job.Status.DONE:
            if job.result.get("ok"):
                messages.success(request, f"已导入 {job.result.get('imported', 0)} 件。")
                return redirect(f"{spec.code}:list")
            result = ImportResult(
                errors=[tuple(e) for e in job.result.get("errors", [])],
                unknown_units=list(job.result.get("unknown_units", [])),
            )
            if result.unknown_units:
                mapping = UnitMappingForm(request.POST if mapping_post else None, names=result.unknown_units)
                if mapping_post and mapping.is_valid():
                    remembered = mapping.remember(by=request.user, source="case_import")
                    messages.success(request, f"已记住{remembered}个单位名称的对应关系，请重新上传文件导入。")
                    return redirect(request.path)
    if request.method == "POST" and not mapping_post and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            check_import_workbook(f)  # type, size and zip directory here; the parse in the worker
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        else:
            job = upload_enqueue(
                kind=IMPORT_KIND,
                file=f,
                by=request.user,
                params={
                    "run": f"{run.__module__}.{run.__name__}",
                    "docket": spec.code,
                    "user": request.user.pk,
                    "unit": getattr(request.user, "unit_id", None),
                    "return": request.path,
                },
                label=f"导入历史{spec.label}案件",
            )
            return redirect(f"{request.path}?job={job.pk}")
    return render(request, template, {"form": form, "result": result, "job": job, "mapping": mapping})


class UnitMappingForm(forms.Form):
    """After a refused import: each unit name the file used that matches no unit, mapped once to a unit and
    remembered as its alias (`orgs.services.unit_alias_add`, audited), so the same file imports on the next upload."""

    def __init__(self, *args: Any, names: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        for i, name in enumerate(names):
            self.fields[f"unit_{i}"] = UnitChoiceField(
                label=f"“{name}”对应的单位", queryset=Unit.objects.filter(is_active=True), required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"unit_{i}") for i in range(len(self.names))):
            raise forms.ValidationError("请至少为一个单位名称选择对应的单位。")
        return data

    def remember(self, *, by: Any, source: str) -> int:
        from fazhi.orgs.services import unit_alias_add

        done = 0
        for i, name in enumerate(self.names):
            unit = self.cleaned_data.get(f"unit_{i}")
            if unit is not None:
                unit_alias_add(by=by, unit=unit, alias=name, source=source)
                done += 1
        return done


def import_job_for(request: HttpRequest, spec: DocketSpec, pk: int) -> Job:
    """The user's own import job of this docket, or 404 (a job id is no way into another user's import)."""
    job = Job.objects.filter(pk=pk, kind=IMPORT_KIND, created_by=request.user, params__docket=spec.code).first()
    if job is None:
        raise Http404
    return job
