"""Staff pages: list, register, detail, one page per transition, import. Parse → authorise → service → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.text import Truncator

from fazhi.cases import clocks
from fazhi.cases.listing import case_page, detail_url, page_number
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.selectors import case_get_for, case_parties, case_timeline, cases_visible_to, transitions_available
from fazhi.cases.services import party_input_from, today_local
from fazhi.core.errors import ConflictError, DomainError
from fazhi.orgs.rules import has_action
from fazhi.orgs.unit_cache import unit_id_for_code

from .codes import HEAD_POSITION_LABEL, INSTANCES
from .forms import AppearanceForm, BasicsForm, ImportForm, RegisterForm
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


def _require(request: HttpRequest, action: str) -> None:
    if not has_action(action).allows(request.user, None):
        raise Http404


def _apply_error(form: Any, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    _require(request, "litigation.case.view")
    g = request.GET
    f = {k: g.get(k, "").strip() for k in ("state", "instance", "unit", "year", "q")}

    def build() -> QuerySet[Case]:
        qs = cases_visible_to(request.user, docket=DOCKET)
        if f["state"]:
            qs = qs.filter(state=f["state"])
        if f["instance"]:
            qs = qs.filter(extra__instance=f["instance"])
        if f["unit"]:  # resolve the code first so the database can walk (docket, respondent_unit, received_on)
            qs = qs.filter(respondent_unit_id=unit_id_for_code(f["unit"], getattr(request.user, "grants_stamp", None)))
        year = f["year"]
        if year.isdigit() and 1900 < int(year) < 3000:
            qs = qs.filter(received_on__range=(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)))
        if f["q"]:
            qs = qs.filter(case_number=f["q"]) | qs.filter(extra__court_case_number=f["q"])
        return qs.order_by("-received_on", "-id")

    result = case_page(
        user=request.user,
        docket=DOCKET,
        page=page_number(g.get("page")),
        filters=f,
        build=build,
        fields=LIST_FIELDS,
        expressions={
            "court_number": KT("extra__court_case_number"),
            "instance": KT("extra__instance"),
            "defendant": KT("extra__defendant_name"),
        },
    )
    instance_label = dict(INSTANCES)
    rows = [
        {
            "pk": r["pk"],
            "url": detail_url("litigation:detail", r["pk"]),
            "case_number": r["case_number"],
            "court_number": r["court_number"] or "",
            "title": Truncator(r["title"]).chars(30),
            "defendant": r["respondent_unit__short_name"] or r["respondent_unit__name"] or r["defendant"] or "",
            "instance": instance_label.get(r["instance"], ""),
            "received_on": r["received_on"].isoformat(),
            "state": SPEC.state_label(r["state"]),
        }
        for r in result.rows
    ]
    return render(
        request,
        "litigation/list.html",
        {
            "rows": rows,
            "states": SPEC.states,
            "instances": INSTANCES,
            "f": f,
            "result": result,
            "query": urlencode({k: v for k, v in f.items() if v}),
        },
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require(request, "litigation.case.register")
    form = RegisterForm(request.POST or None, initial={"served_on": today_local()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plaintiff = party_input_from(d, prefix="plaintiff", role=PartyRole.APPLICANT)
        try:
            case = litigation_register(
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
                after_reconsideration=d["after_reconsideration"],
                reconsideration_number=d["reconsideration_number"],
                submit_token=d["submit_token"],
            )
        except DomainError as exc:
            field = {
                "parties-0-id_number": "plaintiff_id_number",
                "parties-0-phone": "plaintiff_phone",
                "parties-0-credit_code": "plaintiff_credit_code",
                "parties-0-name": "plaintiff_name",
            }.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已登记，案号 {case.case_number}。")
            return redirect(case)
    return render(request, "litigation/register.html", {"form": form})


def _linked(user: Any, pk: Any) -> Case | None:
    """A linked case (复议, 上诉, 原审) if the user may see it."""
    if not pk:
        return None
    return cases_visible_to(user).filter(pk=pk).first()


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
        {
            "case": case,
            "x": x,
            "state_label": SPEC.state_label(case.state),
            "outcome_label": SPEC.outcome_label(case.outcome),
            "lost": bool(case.outcome) and case.outcome in lost_codes(),
            "instance_label": dict(INSTANCES).get(x.get("instance"), ""),
            "hearings": hearings,
            "parties": case_parties(case),
            "events": case_timeline(case),
            "transitions": transitions_available(request.user, case),
            "clocks": [(c, clocks.case_clock_light(c)) for c in clocks.case_clocks(case)],
            "reconsideration": _linked(request.user, x.get("reconsideration_case_id")),
            "appeal": _linked(request.user, x.get("appeal_case_id")),
            "appeal_of": _linked(request.user, x.get("appeal_of_id")),
            "can_edit": LitigationCasePolicy.can(request.user, "edit", case),
        },
    )


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """修改基本信息 (court, court case number, cause, instance, defendant, plaintiff contact)."""
    case = litigation_case_get_for(request.user, pk, action="edit")
    basics = litigation_basics(case)
    plaintiff = {k: basics.pop(k) for k in ("plaintiff_phone", "plaintiff_address")}  # never shown unmasked
    form = BasicsForm(request.POST or None, initial={**basics, "version": case.version}, plaintiff=plaintiff)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            litigation_case_update(case=case, by=request.user, expected_version=version, **data)
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, "基本信息已保存。")
            return redirect(case)
    return render(request, "litigation/edit.html", {"case": case, "form": form})


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    _require(request, "litigation.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    try:
        transition = SPEC.transition(code)
    except KeyError:
        raise Http404 from None
    if transition not in transitions_available(request.user, case):
        messages.error(request, transition.refusal(case) or f"您不能“{transition.label}”。")
        return redirect(case)
    form_cls = import_string(transition.form)
    initial: dict[str, Any] = {"version": case.version, "on": today_local()}
    kwargs: dict[str, Any] = {}
    if form_cls is AppearanceForm:
        kwargs["hearings"] = case.extra.get("hearings") or []
    if code == "analyse_loss":
        initial["responsible_unit"] = case.respondent_unit
    form = form_cls(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            result = transition.service_fn()(case=case, by=request.user, expected_version=version, **data)
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, f"已完成：{transition.label}。")
            if code == "appeal" and isinstance(result, Case):
                return redirect(result)
            return redirect(case)
    return render(request, "litigation/transition.html", {"case": case, "form": form, "transition": transition})


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    _require(request, "litigation.case.register")
    if request.GET.get("template"):
        resp = HttpResponse(
            import_template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        resp["Content-Disposition"] = (
            "attachment; filename*=UTF-8''" + "%E8%A1%8C%E6%94%BF%E5%BA%94%E8%AF%89%E5%AF%BC%E5%85%A5.xlsx"
        )
        return resp
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = litigation_import(file=form.cleaned_data["file"], by=request.user, handling_unit=request.user.unit)
        if result.ok:
            messages.success(request, f"已导入 {len(result.cases)} 件。")
            return redirect("litigation:list")
    return render(request, "litigation/import.html", {"form": form, "result": result})
