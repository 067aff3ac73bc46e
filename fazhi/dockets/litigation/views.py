"""Staff pages: list, register, detail, one page per transition, import. Parse → authorise → service → render."""

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
    edit_page,
    form_error,
    import_page,
    list_page,
    register_page,
    require_action,
    transition_page,
)
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.selectors import case_get_for, cases_visible_to
from fazhi.cases.services import party_input_from, today_local
from fazhi.orgs.unit_cache import unit_id_for_code

from .codes import HEAD_POSITION_LABEL, INSTANCES
from .forms import BasicsForm, ImportForm, RegisterForm
from .imports import import_template_bytes, litigation_import
from .policies import LitigationCasePolicy
from .selectors import litigation_case_get_for
from .services import litigation_basics, litigation_case_update, litigation_register
from .spec import SPEC
from .stats import lost_codes

DOCKET = "litigation"
LIST_FIELDS = (
    "pk",
    "case_number",
    "title",
    "state",
    "received_on",
    "respondent_unit__name",
    "respondent_unit__short_name",
)


_require = require_action
_apply_error = form_error


def _by_unit(qs: QuerySet[Case], code: str, user: Any) -> QuerySet[Case]:
    # resolve the code first so the database can walk (docket, respondent_unit, received_on)
    return qs.filter(respondent_unit_id=unit_id_for_code(code, getattr(user, "grants_stamp", None)))


def _by_year(qs: QuerySet[Case], year: str, user: Any) -> QuerySet[Case]:
    if year.isdigit() and 1900 < int(year) < 3000:
        return qs.filter(received_on__range=(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)))
    return qs


def _by_number(qs: QuerySet[Case], q: str, user: Any) -> QuerySet[Case]:
    return qs.filter(case_number=q) | qs.filter(extra__court_case_number=q)


INSTANCE_LABEL = dict(INSTANCES)


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("litigation:detail", r["pk"]),
        "case_number": r["case_number"],
        "court_number": r["court_number"] or "",
        "title": Truncator(r["title"]).chars(30),
        "defendant": r["respondent_unit__short_name"] or r["respondent_unit__name"] or r["defendant"] or "",
        "instance": INSTANCE_LABEL.get(r["instance"], ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
    }


LIST = DocketList(
    template="litigation/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("instance", lambda qs, v, user: qs.filter(extra__instance=v)),
        ListFilter("unit", _by_unit),
        ListFilter("year", _by_year),
        ListFilter("q", _by_number),
    ),
    fields=LIST_FIELDS,
    expressions={
        "court_number": KT("extra__court_case_number"),
        "instance": KT("extra__instance"),
        "defendant": KT("extra__defendant_name"),
    },
    row=_row,
    context=lambda request, f: {"instances": INSTANCES},
)


# The kernel names a party's fields as the case-file formset does; this form asks for the plaintiff directly.
PLAINTIFF_FIELDS = {
    "parties-0-id_number": "plaintiff_id_number",
    "parties-0-phone": "plaintiff_phone",
    "parties-0-credit_code": "plaintiff_credit_code",
    "parties-0-name": "plaintiff_name",
}


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require(request, "litigation.case.register")
    form = RegisterForm(request.POST or None, initial={"served_on": today_local()})

    def _register(d: dict[str, Any]) -> Case:
        plaintiff = party_input_from(d, prefix="plaintiff", role=PartyRole.APPLICANT)
        return litigation_register(
            by=request.user,
            handling_unit=request.user.unit,
            court=d["court"],
            court_case_number=d["court_case_number"],
            plaintiff=plaintiff,
            cause=d["cause"],
            instance=d["instance"],
            served_on=d["served_on"],
            defendant_unit=d["defendant_unit"],
            defendant_name=d["defendant_name"],
            matter=d.get("matter", ""),
            after_reconsideration=d["after_reconsideration"],
            reconsideration_number=d["reconsideration_number"],
            submit_token=d["submit_token"],
        )

    return register_page(
        request, form=form, template="litigation/register.html", register=_register, errors=PLAINTIFF_FIELDS
    )


def _linked(user: Any, pk: Any) -> Case | None:
    """A linked case (复议, 上诉, 原审) if the user may see it."""
    if not pk:
        return None
    return cases_visible_to(user).filter(pk=pk).first()


def _task_visible(user: Any, x: dict[str, Any]) -> bool:
    """Link the rectification (a supervisable item; a plans task before #13) only for a user who may open it (a link
    shown must not end in a 404)."""
    loss = x.get("loss_analysis") or {}
    if loss.get("item_id"):
        from fazhi.supervision.selectors import items_visible_to

        return items_visible_to(user, "view").filter(pk=loss["item_id"]).exists()
    task_id = loss.get("task_id")
    if not task_id:
        return False
    from fazhi.plans.selectors import tasks_visible_to

    return tasks_visible_to(user, "view").filter(pk=task_id).exists()


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "litigation.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    hearings = []
    for h in x.get("hearings") or []:
        a = h.get("appearance") or {}
        hearings.append({**h, "a": a, "position": HEAD_POSITION_LABEL.get(a.get("head_position", ""), "")})
    return render(
        request,
        "litigation/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            lost=bool(case.outcome) and case.outcome in lost_codes(),
            instance_label=dict(INSTANCES).get(x.get("instance"), ""),
            hearings=hearings,
            reconsideration=_linked(request.user, x.get("reconsideration_case_id")),
            appeal=_linked(request.user, x.get("appeal_case_id")),
            appeal_of=_linked(request.user, x.get("appeal_of_id")),
            can_edit=LitigationCasePolicy.can(request.user, "edit", case),
            task_visible=_task_visible(request.user, x),
        ),
    )


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """修改基本信息 (court, court case number, cause, instance, defendant, plaintiff contact)."""
    case = litigation_case_get_for(request.user, pk, action="edit")
    basics = litigation_basics(case)
    plaintiff = {k: basics.pop(k) for k in ("plaintiff_phone", "plaintiff_address")}  # never shown unmasked
    form = BasicsForm(request.POST or None, initial={**basics, "version": case.version}, plaintiff=plaintiff)
    return edit_page(request, case=case, form=form, update=litigation_case_update, template="litigation/edit.html")


def _prepare(case: Any, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    if code == "record_appearance":
        kwargs["hearings"] = case.extra.get("hearings") or []
    if code == "analyse_loss":
        initial["responsible_unit"] = case.respondent_unit


def _done(case: Any, code: str, result: Any) -> Any:
    return result if code == "appeal" and isinstance(result, Case) else None  # the new case at the next instance


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare, done=_done)


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=SPEC,
        action="litigation.case.register",
        template="litigation/import.html",
        run=litigation_import,
        template_bytes=import_template_bytes,
        form_class=ImportForm,
        filename="行政应诉导入.xlsx",
    )
