"""Staff pages: list, intake, detail, one page per transition, statistics, import. Parse → authorise → service."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator

from fazhi.cases.docket_views import (
    DocketList,
    ListFilter,
    case_page_context,
    edit_page,
    form_error,
    import_page,
    list_page,
    require_action,
    transition_page,
)
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Channel, PartyRole
from fazhi.cases.selectors import case_get_for, cases_visible_to, transitions_available
from fazhi.cases.services import party_input_from, today_local
from fazhi.core.downloads import download_pk, file_download
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse
from fazhi.jobs.policies import job_get_for
from fazhi.orgs.rules import has_action

from .codes import REQUEST_KINDS
from .exports import EXPORT_ACTION, JOB_KIND, export_job_file, reconsideration_export
from .forms import BasicsForm, ImportForm, IntakeForm
from .guards import pending_requests
from .imports import import_template_bytes, reconsideration_import
from .policies import ReconsiderationCasePolicy
from .selectors import by_state, by_text, reconsideration_case_get_for
from .services import reconsideration_basics, reconsideration_case_update, reconsideration_intake
from .spec import SPEC
from .stats import reconsideration_statistics

DOCKET = "reconsideration"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_require = require_action
_apply_error = form_error


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("reconsideration:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(40),
        "received_on": r["received_on"].isoformat(),
        "channel": CHANNELS.get(r["channel"], r["channel"]),
        "state": SPEC.state_label(r["state"]),
    }


def _list_context(request: HttpRequest, f: dict[str, str]) -> dict[str, Any]:
    return {
        "state": f["state"],
        "q": f["q"],
        "can_export": has_action(EXPORT_ACTION).allows(request.user, None),
        "export_query": urlencode({"state": f["state"], "q": f["q"]}),
    }


CHANNELS = dict(Channel.choices)
LIST = DocketList(
    template="reconsideration/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", by_state),
        ListFilter("q", by_text),
    ),
    fields=("pk", "case_number", "title", "received_on", "channel", "state"),
    row=_row,
    context=_list_context,
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    _require(request, "reconsideration.case.view")
    _require(request, EXPORT_ACTION)
    result = reconsideration_export(
        by=request.user, state=request.GET.get("state", ""), q=request.GET.get("q", "").strip()
    )
    if result.job is not None:
        messages.info(request, f"共 {result.rows} 件，已转入后台导出，完成后可在此页下载。")
        return redirect("jobs:detail", result.job.pk)
    resp = HttpResponse(result.data, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('行政复议案件.xlsx')}"
    return resp


@login_required
def export_download(request: HttpRequest, key: str) -> HttpResponse:
    job = job_get_for(request.user, download_pk(JOB_KIND, key))  # 404 for a job the user may not see
    f = export_job_file(user=request.user, job=job)
    if f is None:  # another user's job (even for a job administrator), not finished, or no longer permitted
        raise Http404
    return file_download(f, filename="行政复议案件.xlsx", content_type=XLSX)


INTAKE_FIELDS = {
    "parties-0-id_number": "applicant_id_number",
    "parties-0-phone": "applicant_phone",
    "parties-0-credit_code": "applicant_credit_code",
    "parties-0-name": "applicant_name",
    **{f"agents-{i}-{f}": f"agent_{i + 1}_{f}" for i in range(2) for f in ("name", "id_number", "phone")},
}


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    _require(request, "reconsideration.case.intake")
    form = IntakeForm(
        request.POST or None,
        request.FILES or None,
        initial={"received_on": today_local(), "handler": request.user.pk},
        unit=request.user.unit,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        applicant = party_input_from(d, prefix="applicant", role=PartyRole.APPLICANT)
        try:
            case = reconsideration_intake(
                by=request.user,
                handling_unit=request.user.unit,
                received_on=d["received_on"],
                channel=d["channel"],
                applicant=applicant,
                act=d["act"],
                request=d["request"],
                facts=d["facts"],
                respondent_unit=d["respondent_unit"],
                respondent_name=d["respondent_name"],
                matter=d.get("matter", ""),
                submit_token=d["submit_token"],
                files=request.FILES.getlist("files"),
                agents=form.agents(),
                handler=d["handler"],
                co_handlers=list(d["co_handlers"]),
            )
        except DomainError as exc:
            form_refuse(form, exc, INTAKE_FIELDS)
        else:
            messages.success(request, f"已登记，案号 {case.case_number}。")
            return redirect(case)
    return render(request, "reconsideration/intake.html", {"form": form})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for(request.user, pk, docket=DOCKET)
    return render(
        request,
        "reconsideration/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            transitions=[t for t in transitions_available(request.user, case) if t.form],  # no system steps
            can_edit=not SPEC.state(case.state).closed and ReconsiderationCasePolicy.can(request.user, "edit", case),
        ),
    )


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """修改基本信息 (the act under review, the request, the respondent) while the case is open."""
    case = reconsideration_case_get_for(request.user, pk, action="edit")
    form = BasicsForm(request.POST or None, initial={**reconsideration_basics(case), "version": case.version})
    return edit_page(
        request, case=case, form=form, update=reconsideration_case_update, template="reconsideration/edit.html"
    )


def _prepare(case: Any, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    draft = case.extra.get("decision") or case.extra.get("decision_returned")
    if code == "draft_decision" and draft:
        initial.update(draft)
    if code == "terminate" and case.extra.get("termination_requested"):
        initial.update(case.extra["termination_requested"])
    if code == "refuse":
        initial["request"] = pending_requests(case)[0]


def _adjust(case: Any, code: str, form: Any) -> None:
    if code == "refuse":
        form.fields["request"].choices = [(k, v) for k, v in REQUEST_KINDS if k in pending_requests(case)]


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare, adjust=_adjust)


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    _require(request, "reconsideration.stats.view")
    try:
        year = int(request.GET.get("year") or today_local().year)
    except ValueError:
        year = today_local().year
    unit_code = request.GET.get("unit") or None
    figures = reconsideration_statistics(year=year, unit_code=unit_code, user=request.user)
    option = {
        "tooltip": {},
        "xAxis": {"type": "category", "data": [r["label"] for r in figures["outcomes"]]},
        "yAxis": {"type": "value"},
        "series": [{"type": "bar", "data": [r["count"] for r in figures["outcomes"]]}],
    }
    return render(
        request,
        "reconsideration/stats.html",
        {
            "f": figures,
            "year": year,
            "unit": unit_code or "",
            "option_json": json.dumps(option, ensure_ascii=False),
            # every figure opens the cases behind it (the kernel's drill-down), for a user who may open it
            "drill": reverse("cases:stats_cases", args=[DOCKET])
            + "?"
            + urlencode({"year": year, **({"unit": unit_code} if unit_code else {})})
            if has_action("cases.stats.view").allows(request.user, None)
            else "",
        },
    )


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=SPEC,
        action="reconsideration.case.import",
        template="reconsideration/import.html",
        run=reconsideration_import,
        template_bytes=import_template_bytes,
        form_class=ImportForm,
        filename="行政复议导入.xlsx",
    )
