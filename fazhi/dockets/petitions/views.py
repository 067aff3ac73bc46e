"""Staff pages: list, register, detail, one page per transition (the kernel's shared pages). Parse → authorise →
service → render. Statistics: the kernel's pages (/cases/stats/petitions/) over the registry's metrics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
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

from .codes import CHANNEL_LABEL, NOT_ACCEPT_LABEL, OPINION_LABEL, RECEIVER_LABEL, ROUTE_LABEL, TYPE_LABEL, TYPES
from .forms import RegisterForm
from .services import petition_register
from .spec import SPEC

DOCKET = "petitions"


def _by_year(qs: QuerySet[Case], year: str, user: Any) -> QuerySet[Case]:
    if year.isdigit() and 1900 < int(year) < 3000:
        return qs.filter(received_on__range=(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)))
    return qs


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("petitions:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "type": TYPE_LABEL.get(r["type"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
        "outcome": SPEC.outcome_label(r["outcome"]) if r["outcome"] else "",
    }


LIST = DocketList(
    template="petitions/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("type", lambda qs, v, user: qs.filter(extra__type=v)),
        ListFilter("year", _by_year),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v) | qs.filter(receipt_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"type": KT("extra__type")},
    row=_row,
    context=lambda request, f: {"types": TYPES},
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


def _representatives(text: str) -> list[PartyInput]:
    out = []
    for line in (text or "").splitlines():
        bits = line.replace("，", " ").replace(",", " ").split()
        if bits:
            out.append(PartyInput(role="applicant", name=bits[0], phone=bits[1] if len(bits) > 1 else ""))
    return out


FIELD_OF = {"representatives-phone": "representatives", "representatives-name": "representatives"}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "petitions.case.register")
    form = RegisterForm(
        request.POST or None, initial={"received_on": today_local(), "handling_unit": request.user.unit}
    )

    def _register(d: dict[str, Any]) -> Case:
        petitioner = PartyInput(
            role="applicant",
            name=d["petitioner_name"],
            id_number=d["petitioner_id_number"],
            phone=d["petitioner_phone"],
            address=d["petitioner_address"],
        )
        return petition_register(
            by=request.user,
            handling_unit=d["handling_unit"],
            receiver=d["receiver"],
            type=d["type"],
            petitioner=petitioner,
            content=d["content"],
            request=d["request"],
            channel=d["channel"],
            received_on=d["received_on"],
            object_unit=d["object_unit"],
            object_name=d["object_name"],
            joint_count=d["joint_count"],
            representatives=_representatives(d["representatives"]),
            new_facts=d["new_facts"],
            submit_token=d["submit_token"],
        )

    def _message(case: Case) -> str:
        note = "；同一信访人此前已就同一对象信访，已关联" if case.extra.get("repeat_of") else ""
        return f"已登记，编号 {case.case_number}，收到日期 {case.received_on:%Y-%m-%d}{note}。"

    return register_page(
        request, form=form, template="petitions/register.html", register=_register, errors=FIELD_OF, message=_message
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from fazhi.cases.handover import case_handovers

    require_action(request, "petitions.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    routed = x.get("routed") or {}
    not_accepted = x.get("not_accepted") or {}
    return render(
        request,
        "petitions/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            type_label=TYPE_LABEL.get(x.get("type", ""), ""),
            channel=CHANNEL_LABEL.get(case.channel, case.get_channel_display()),
            receiver=RECEIVER_LABEL.get(x.get("receiver", ""), ""),
            route_label=ROUTE_LABEL.get(routed.get("route", ""), ""),
            handed_to=case_handovers(case)["to"] if routed else [],
            not_accepted_label=NOT_ACCEPT_LABEL.get(not_accepted.get("reason", ""), ""),
            opinions=[
                (label, x[key], OPINION_LABEL.get(x[key].get("outcome", ""), ""))
                for key, label in (("opinion", "信访处理意见书"), ("review", "复查"), ("rereview", "复核"))
                if x.get(key)
            ],
        ),
    )


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code)
