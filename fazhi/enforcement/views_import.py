"""The Excel import page of enforcement case records: choose the body, upload, see every error with its row and
column (nothing imported) or the count imported; and the blank template."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.audit.services import record_event
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.widgets import UnitNamedSelect

from .events import EnforcementEvent
from .imports import cases_import, import_template
from .selectors import bodies_visible_to

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
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        result = cases_import(file=form.cleaned_data["file"], body=body, by=request.user)
        if result.ok:
            record_event(
                actor=request.user,
                action=EnforcementEvent.CASE_IMPORTED,
                obj=body,
                summary={"cases": len(result.cases)},
            )
            messages.success(request, f"已导入{len(result.cases)}件执法案件。")
            return redirect(f"/enforcement/?body={body.pk}")
        errors = result.errors
    return render(request, "enforcement/case_import.html", {"form": form, "errors": errors})


@menu_page("enforcement.case.record")
def case_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(import_template(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''enforcement-cases.xlsx"
    return response
