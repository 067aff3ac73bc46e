"""Staff pages: list (the kernel's DocketList: kept rows, capped count), register, detail, one page per transition.
Statistics: the kernel's pages (/cases/stats/hotline/) over the registry's metrics."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import Truncator

from fazhi.cases import clocks
from fazhi.cases.casefile import case_file_context, may_see_pii
from fazhi.cases.docket_views import (
    DocketList,
    ListFilter,
    import_page,
    list_page,
    register_page,
    require_action,
    transition_page,
)
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case
from fazhi.cases.selectors import case_get_for, case_page_reads, cases_visible_to, transitions_available
from fazhi.cases.services import PartyInput, today_local

from .codes import DIVERSION_LABEL, RETURN_LABEL, SATISFACTION_LABEL, TYPE_LABEL, TYPES, categories
from .forms import ImportForm, RegisterForm
from .imports import hotline_import, import_template_bytes
from .services import hotline_register
from .spec import SPEC

DOCKET = "hotline"


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("hotline:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "type": TYPE_LABEL.get(r["type"] or "", ""),
        "category": dict(categories()).get(r["category"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
        "outcome": SPEC.outcome_label(r["outcome"]) if r["outcome"] else "",
    }


def _month(qs: QuerySet[Case], v: str, user: Any) -> QuerySet[Case]:
    try:
        year, month = (int(x) for x in v.split("-"))
    except ValueError:
        return qs
    return qs.filter(received_on__year=year, received_on__month=month)


LIST = DocketList(
    template="hotline/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("type", lambda qs, v, user: qs.filter(extra__type=v)),
        ListFilter("category", lambda qs, v, user: qs.filter(extra__category=v)),
        ListFilter("month", _month),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"type": KT("extra__type"), "category": KT("extra__category")},
    row=_row,
    context=lambda request, f: {"types": TYPES, "categories": categories()},
)


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


FIELD_OF = {"parties-0-name": "caller_name", "parties-0-phone": "caller_phone"}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "hotline.case.register")
    form = RegisterForm(request.POST or None, initial={"received_on": today_local(), "centre": request.user.unit})

    def _register(d: dict[str, Any]) -> Case:
        return hotline_register(
            by=request.user,
            centre=d["centre"],
            source=d["source"],
            source_id=d["source_id"],
            received_on=d["received_on"],
            type=d["type"],
            category=d["category"],
            content=d["content"],
            location=d["location"],
            area=d["area"],
            urgency=d["urgency"],
            caller=PartyInput(role="applicant", name=d["caller_name"], phone=d["caller_phone"]),
        )

    return register_page(
        request,
        form=form,
        template="hotline/register.html",
        register=_register,
        errors=FIELD_OF,
        message=lambda case: f"已登记工单 {case.case_number}。",
    )


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "hotline.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    reads = case_page_reads(request.user, case)
    x = case.extra
    return render(
        request,
        "hotline/detail.html",
        {
            "case": case,
            "x": x,
            "state_label": SPEC.state_label(case.state),
            "outcome_label": SPEC.outcome_label(case.outcome) if case.outcome else "",
            "type_label": TYPE_LABEL.get(x.get("type", ""), ""),
            "category_label": dict(categories()).get(x.get("category", ""), ""),
            "returns": [(r, RETURN_LABEL.get(r.get("reason", ""), "")) for r in x.get("returns", [])],
            "visit_label": SATISFACTION_LABEL.get((x.get("visit") or {}).get("satisfaction", ""), "未联系上诉求人"),
            "diverted_label": DIVERSION_LABEL.get((x.get("diverted") or {}).get("route", ""), ""),
            "parties": reads["parties"],
            "events": reads["events"],
            "transitions": transitions_available(request.user, case),
            "clocks": [(c, clocks.case_clock_light(c)) for c in clocks.case_clocks(case)],
            "case_file": case_file_context(request.user, case, reads["file"]),
            "pii": may_see_pii(request.user, case),
        },
    )


@login_required
def order_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code)


@login_required
def import_orders(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=SPEC,
        action="hotline.case.register",
        template="hotline/import.html",
        run=hotline_import,
        template_bytes=import_template_bytes,
        form_class=ImportForm,
        filename="12345热线工单导入.xlsx",
    )
