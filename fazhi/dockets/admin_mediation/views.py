"""Staff pages: list, register, case page, one page per transition (the kernel's shared pages)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models.fields.json import KT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import Truncator

from fazhi.cases.docket_views import (
    DocketList,
    ListFilter,
    case_page_context,
    list_page,
    register_page,
    require_action,
    transition_page,
)
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case
from fazhi.cases.selectors import case_get_for, cases_visible_to
from fazhi.cases.services import PartyInput, today_local
from fazhi.orgs.selectors import units_in_scope_of

from .codes import (
    CONFIRMATION_RESULT_LABEL,
    DISPUTE_TYPE_LABEL,
    OTHER_ROUTE_LABEL,
    PERFORMANCE_LABEL,
    REJECT_GROUND_LABEL,
    TERMINATION_LABEL,
)
from .forms import RegisterForm
from .services import admin_mediation_apply
from .spec import SPEC

DOCKET = "admin_mediation"


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("admin_mediation:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "dispute_type": DISPUTE_TYPE_LABEL.get(r["dispute_type"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
    }


LIST = DocketList(
    template="admin_mediation/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"dispute_type": KT("extra__dispute_type")},
    row=_row,
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


FIELDS = {"parties-0-name": "applicant_name", "parties-1-name": "respondent_name"}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "admin_mediation.case.register")
    form = RegisterForm(
        request.POST or None,
        initial={"received_on": today_local(), "handling_unit": request.user.unit},
        units=units_in_scope_of(request.user),
    )

    def _register(d: dict[str, Any]) -> Case:
        return admin_mediation_apply(
            by=request.user,
            handling_unit=d["handling_unit"],
            applicants=[PartyInput(role="applicant", name=d["applicant_name"], phone=d["applicant_phone"])],
            respondents=[PartyInput(role="respondent", name=d["respondent_name"], phone=d["respondent_phone"])],
            dispute_type=d["dispute_type"],
            request=d["request"],
            received_on=d["received_on"],
            submit_token=d["submit_token"],
        )

    return register_page(
        request, form=form, template="admin_mediation/register.html", register=_register, errors=FIELDS
    )


def _told(codes: list[str]) -> str:
    return "、".join(OTHER_ROUTE_LABEL.get(c, "") for c in codes or [])


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "admin_mediation.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    rejected, terminated = x.get("rejected") or {}, x.get("terminated") or {}
    follow_ups = [{**f, "label": PERFORMANCE_LABEL.get(f.get("performance", ""), "")} for f in x.get("follow_ups", [])]
    return render(
        request,
        "admin_mediation/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            dispute_type=DISPUTE_TYPE_LABEL.get(x.get("dispute_type", ""), ""),
            reject_ground=REJECT_GROUND_LABEL.get(rejected.get("ground", ""), ""),
            reject_routes=_told(rejected.get("routes", [])),
            terminate_ground=TERMINATION_LABEL.get(terminated.get("ground", ""), ""),
            terminate_routes=_told(terminated.get("routes", [])),
            confirmation_result=CONFIRMATION_RESULT_LABEL.get((x.get("confirmation") or {}).get("result", ""), ""),
            follow_ups=follow_ups,
        ),
    )


def _prepare(case: Case, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    if code == "agree":
        kwargs["case"] = case
    if code == "record_session" and case.extra.get("sessions"):
        initial["mediators"] = case.extra["sessions"][-1]["mediators"]
    if code == "terminate":
        initial["routes"] = ["admin_ruling", "litigation"]


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare)
