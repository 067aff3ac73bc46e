"""The Excel import page of enforcement case records: choose the body, upload; the upload is checked here (type, size,
zip directory), staged and parsed by the worker (ADR 0010, `tasks.case_import_job`); the page shows the job's
progress, then every error with its row and column (nothing imported) or the count imported; and the blank template."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.uploads import check_import_workbook
from fazhi.jobs.models import Job
from fazhi.jobs.staging import upload_enqueue
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.widgets import UnitNamedSelect

from .imports import import_template
from .selectors import bodies_visible_to
from .tasks import CASE_IMPORT_KIND

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    body = forms.ModelChoiceField(label="执法主体", queryset=None, empty_label="请选择", widget=UnitNamedSelect)  # type: ignore[arg-type]
    file = forms.FileField(label="Excel 文件（.xlsx）", help_text="第一行为表头；可先下载模板。")

    def __init__(self, *args: object, bodies: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


@menu_page("enforcement.case.record")
def case_import(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user).filter(is_active=True)
    own = bodies.filter(unit=request.user.unit).first()
    form = ImportForm(request.POST or None, request.FILES or None, bodies=bodies, initial={"body": own})
    errors: list[tuple[int, str, str]] = []
    job = None
    if request.GET.get("job", "").isdigit():  # the import queued below: its progress, then its outcome
        job = Job.objects.filter(pk=int(request.GET["job"]), kind=CASE_IMPORT_KIND, created_by=request.user).first()
        if job is None:
            raise Http404  # a job id is no way into another user's import
        if job.status == Job.Status.DONE:
            if job.result.get("ok"):
                messages.success(request, f"已导入{job.result.get('imported', 0)}件执法案件。")
                return redirect(f"/enforcement/?body={job.params.get('body', '')}")
            errors = [tuple(e) for e in job.result.get("errors", [])]  # type: ignore[misc]
            job = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            body = form.cleaned_data["body"]
            try:
                check_import_workbook(form.cleaned_data["file"])  # the cheap checks here, the parse there
            except ValidationError as exc:
                form.add_error("file", exc.messages[0])
            else:
                job = upload_enqueue(
                    kind=CASE_IMPORT_KIND,
                    file=form.cleaned_data["file"],
                    by=request.user,
                    params={"user": request.user.pk, "body": body.pk, "return": request.path},
                    label=f"导入执法案件：{body.unit.name}",
                )
                return redirect(f"{request.path}?job={job.pk}")
        status = 400
    return render(request, "enforcement/case_import.html", {"form": form, "errors": errors, "job": job}, status=status)


@menu_page("enforcement.case.record")
def case_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(import_template(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''enforcement-cases.xlsx"
    return response
