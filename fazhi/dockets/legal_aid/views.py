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

from .codes import ADVANCE_GROUND_LABEL, AID_PERSON_KIND_LABEL, EXEMPTION_LABEL, MATTER_LABEL, QUALITY_LABEL
from .forms import RegisterForm
from .services import legal_aid_apply
from .spec import SPEC

DOCKET = "legal_aid"


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("legal_aid:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "matter": MATTER_LABEL.get(r["matter"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
    }


LIST = DocketList(
    template="legal_aid/list.html",
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


FIELDS = {
    "parties-0-name": "applicant_name",
    "parties-0-id_number": "applicant_id_number",
    "parties-0-phone": "applicant_phone",
}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "legal_aid.case.register")
    form = RegisterForm(
        request.POST or None,
        initial={"received_on": today_local(), "handling_unit": request.user.unit},
        units=units_in_scope_of(request.user),
    )

    def _register(d: dict[str, Any]) -> Case:
        return legal_aid_apply(
            by=request.user,
            handling_unit=d["handling_unit"],
            applicant=PartyInput(
                role="applicant",
                name=d["applicant_name"],
                id_number=d["applicant_id_number"],
                phone=d["applicant_phone"],
            ),
            matter=d["matter"],
            request=d["request"],
            received_on=d["received_on"],
            submit_token=d["submit_token"],
        )

    return register_page(request, form=form, template="legal_aid/register.html", register=_register, errors=FIELDS)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "legal_aid.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    d = x.get("decision") or {}
    return render(
        request,
        "legal_aid/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            matter=MATTER_LABEL.get(x.get("matter", ""), ""),
            exemption=EXEMPTION_LABEL.get(d.get("exemption", ""), "") if d.get("exemption") else "",
            advance_ground=ADVANCE_GROUND_LABEL.get((x.get("advance") or {}).get("ground", ""), ""),
            aid_kind=AID_PERSON_KIND_LABEL.get((x.get("assignment") or {}).get("kind", ""), ""),
            advance_kind=AID_PERSON_KIND_LABEL.get((x.get("advance") or {}).get("kind", ""), ""),
            grade=QUALITY_LABEL.get((x.get("evaluation") or {}).get("grade", ""), ""),
        ),
    )


def _prepare(case: Any, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    if code in ("assign", "advance"):
        kwargs["case"] = case  # the person is chosen from the case's centre's registry
    advance = (case.extra or {}).get("advance")
    if code == "assign" and advance and advance.get("person_id"):  # 先行援助: the person who gave it, unless another
        initial["person"] = advance["person_id"]


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare)
