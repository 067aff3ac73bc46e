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
    HEARING_FORM_LABEL,
    MATTER_BASIS,
    MATTER_LABEL,
    REJECT_GROUND_LABEL,
    REMEDY_LABEL,
    WITHDRAW_KIND_LABEL,
)
from .forms import RegisterForm
from .services import admin_ruling_apply
from .spec import SPEC

DOCKET = "admin_ruling"


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("admin_ruling:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "matter": MATTER_LABEL.get(r["matter"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
    }


LIST = DocketList(
    template="admin_ruling/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"matter": KT("extra__matter")},
    row=_row,
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


FIELDS = {"parties-0-name": "applicant_name", "parties-1-name": "respondent_name"}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "admin_ruling.case.register")
    form = RegisterForm(
        request.POST or None,
        initial={"received_on": today_local(), "handling_unit": request.user.unit},
        units=units_in_scope_of(request.user),
    )

    def _register(d: dict[str, Any]) -> Case:
        return admin_ruling_apply(
            by=request.user,
            handling_unit=d["handling_unit"],
            applicants=[PartyInput(role="applicant", name=d["applicant_name"], phone=d["applicant_phone"])],
            respondents=[PartyInput(role="respondent", name=d["respondent_name"], phone=d["respondent_phone"])],
            matter=d["matter"],
            request=d["request"],
            received_on=d["received_on"],
            submit_token=d["submit_token"],
        )

    return register_page(request, form=form, template="admin_ruling/register.html", register=_register, errors=FIELDS)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "admin_ruling.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    hearings = [{**h, "form_label": HEARING_FORM_LABEL.get(h.get("form", ""), "")} for h in x.get("hearings", [])]
    return render(
        request,
        "admin_ruling/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            matter=MATTER_LABEL.get(x.get("matter", ""), ""),
            basis=MATTER_BASIS.get(x.get("matter", ""), ""),
            hearings=hearings,
            reject_ground=REJECT_GROUND_LABEL.get((x.get("rejected") or {}).get("ground", ""), ""),
            remedy_kind=REMEDY_LABEL.get((x.get("remedy") or {}).get("kind", ""), ""),
            withdraw_kind=WITHDRAW_KIND_LABEL.get((x.get("withdrawn") or {}).get("kind", ""), ""),
        ),
    )


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code)
