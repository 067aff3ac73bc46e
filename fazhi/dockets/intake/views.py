"""Staff pages: list, register (typed in, or from a 12348 call), the intake's page, its routing page and the kernel's
step pages. Parse → authorise → service → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.fields.json import KT
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
from fazhi.cases.handover import (
    case_hand_over,
    case_handovers,
    handover_allowed,
    handover_choices,
    handover_of,
    source_matter,
)
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case
from fazhi.cases.policies import CasePolicy
from fazhi.cases.selectors import case_get_for, cases_visible_to, transitions_available
from fazhi.cases.services import PartyInput, today_local
from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.forms import form_refuse
from fazhi.orgs.selectors import units_in_scope_of

from .codes import (
    CHANNEL_LABEL,
    CHANNELS,
    DISPUTE_TYPE_LABEL,
    FEEDBACK_LABEL,
    ROUTE_LABEL,
    TRANSFER_FROM_LABEL,
)
from .forms import RegisterForm, RouteForm
from .services import intake_register, intake_route
from .spec import SPEC

DOCKET = "intake"
HOTLINE_CALL = "mediation.hotline_call"  # the 12348 call's hand-over source kind (registered by 人民调解)


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("intake:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "channel": CHANNEL_LABEL.get(r["intake_channel"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
    }


LIST = DocketList(
    template="intake/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("channel", lambda qs, v, user: qs.filter(extra__channel=v)),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"intake_channel": KT("extra__channel")},
    row=_row,
    context=lambda request, f: {"channels": CHANNELS, **_figures(request.user)},
)


def _figures(user: Any) -> dict[str, Any]:
    """This year's received (by channel) and routed (by where to) for the viewer's scope, from the metric registry."""
    from fazhi.metrics.registry import metric_get
    from fazhi.metrics.selectors import metric_values

    year = today_local().year
    keys = ("intake.received", "intake.routed")
    values = metric_values(keys, period=year, viewer=user)
    return {"year": year, "figures": [{**values[k], "label": metric_get(k).label} for k in keys]}


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


FIELD_OF = {
    "parties-0-name": "applicant_name",
    "parties-0-id_number": "applicant_id_number",
    "parties-0-phone": "applicant_phone",
    "parties-0-address": "applicant_address",
    "parties-1-name": "respondent_name",
    "parties-1-phone": "respondent_phone",
    "parties-1-address": "respondent_address",
}


def _parties(d: dict[str, Any]) -> tuple[PartyInput, list[PartyInput]]:
    applicant = PartyInput(
        role="applicant",
        name=d["applicant_name"],
        id_number=d["applicant_id_number"],
        phone=d["applicant_phone"],
        address=d["applicant_address"],
    )
    respondents = []
    if d["respondent_name"]:
        respondents.append(
            PartyInput(
                role="respondent",
                name=d["respondent_name"],
                phone=d["respondent_phone"],
                address=d["respondent_address"],
            )
        )
    return applicant, respondents


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "intake.case.register")
    call_id = request.GET.get("call", "")
    if call_id.isdigit():
        return _register_from_call(request, int(call_id))
    form = RegisterForm(
        request.POST or None,
        initial={"received_on": today_local(), "handling_unit": request.user.unit_id},
        units=units_in_scope_of(request.user),
    )

    def _register(d: dict[str, Any]) -> Case:
        applicant, respondents = _parties(d)
        return intake_register(
            by=request.user,
            handling_unit=d["handling_unit"],
            channel=d["channel"],
            transfer_from=d["transfer_from"],
            transfer_note=d["transfer_note"],
            dispute_type=d["dispute_type"],
            applicants=[applicant],
            respondents=respondents,
            account=d["account"],
            amount=d["amount"],
            mass=d["mass"],
            escalation_risk=d["escalation_risk"],
            received_on=d["received_on"],
            submit_token=d["submit_token"],
        )

    return register_page(request, form=form, template="intake/register.html", register=_register, errors=FIELD_OF)


def _register_from_call(request: HttpRequest, pk: int) -> HttpResponse:
    """12348 来电转登记: the intake form prefilled from the call (its question, date, topic, call-back phone); one
    intake per call — a call already registered opens its intake."""
    source = (HOTLINE_CALL, pk)
    done = handover_of(source, DOCKET)
    if done is not None:
        messages.info(request, f"该来电已登记为{done.case.case_number}。")
        return redirect(done.case)
    try:
        matter = source_matter(HOTLINE_CALL, pk, request.user)
    except DomainError:
        raise Http404 from None
    v = matter.values
    form = RegisterForm(
        request.POST or None,
        from_call=True,
        initial={
            "handling_unit": request.user.unit_id,
            "dispute_type": v.get("dispute_type", ""),
            "account": v.get("account", ""),
            "applicant_phone": v.get("callback_phone", ""),
        },
        units=units_in_scope_of(request.user),
    )

    def _register(d: dict[str, Any]) -> Case:
        applicant, respondents = _parties(d)
        return case_hand_over(
            source=source,
            docket=DOCKET,
            by=request.user,
            options={
                "handling_unit": d["handling_unit"],
                "dispute_type": d["dispute_type"],
                "account": d["account"],
                "amount": d["amount"],
                "mass": d["mass"],
                "escalation_risk": d["escalation_risk"],
            },
            parties=[applicant, *respondents],
        )

    return register_page(
        request,
        form=form,
        template="intake/register.html",
        register=_register,
        errors=FIELD_OF,
        context={"call": matter},
    )


def _routes(user: Any, x: dict[str, Any]) -> list[dict[str, Any]]:
    """The routes with a link to each case the viewer may open (a 司法所 sees the intake, not the 法律援助 case)."""
    routes = x.get("routes", [])
    seen: set[int] = set()
    for docket in {r["channel"] for r in routes if r.get("case_id")}:
        ids = [r["case_id"] for r in routes if r.get("case_id") and r["channel"] == docket]
        seen.update(cases_visible_to(user, docket=docket).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        {
            **r,
            "label": ROUTE_LABEL.get(r.get("channel", ""), ""),
            "feedback_label": FEEDBACK_LABEL.get((r.get("feedback") or {}).get("result", ""), ""),
            "url": detail_url(f"{r['channel']}:detail", r["case_id"]) if r.get("case_id") in seen else "",
        }
        for r in routes
    ]


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "intake.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    steps = [t for t in transitions_available(request.user, case) if t.code != "route"]
    may_route = any(t.code == "route" for t in transitions_available(request.user, case))
    return render(
        request,
        "intake/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            transitions=steps,
            may_route=may_route,
            channel=CHANNEL_LABEL.get(x.get("channel", ""), ""),
            transfer_from=TRANSFER_FROM_LABEL.get(x.get("transfer_from", ""), ""),
            dispute_type=DISPUTE_TYPE_LABEL.get(x.get("dispute_type", ""), ""),
            routes=_routes(request.user, x),
            handovers=case_handovers(case),
        ),
    )


def _channels(user: Any) -> dict[str, dict[str, list[Any]]]:
    """The docket channels this user may route to, with the choices their hand-over declares."""
    out: dict[str, dict[str, list[Any]]] = {}
    for docket, keys in (
        ("mediation", ("committee",)),
        ("legal_aid", ("matter",)),
        ("reconsideration", ()),
        ("admin_ruling", ("matter",)),
        ("admin_mediation", ()),
    ):
        if handover_allowed(docket, user):
            out[docket] = {k: handover_choices(docket, k, user) for k in keys}
    return out


@login_required
def route(request: HttpRequest, pk: int) -> HttpResponse:
    """分流: one or several channels at once (intake_route: all or nothing)."""
    require_action(request, "intake.case.route")
    case = case_get_for(request.user, pk, docket=DOCKET)
    transition = SPEC.transition("route")
    if not CasePolicy.can_transition(request.user, case, transition):
        raise Http404
    if transition not in transitions_available(request.user, case):
        messages.error(request, transition.refusal(case) or "当前不能分流。")
        return redirect(case)
    form = RouteForm(
        request.POST or None,
        channels=_channels(request.user),
        initial={"version": case.version, "on": today_local()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            intake_route(
                case=case,
                by=request.user,
                on=form.cleaned_data["on"],
                routes=form.routes(),
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            form_refuse(
                form,
                exc,
                {
                    "routes": "",
                    "committee": "committee",
                    "matter": _matter_field(form),
                    "request": "request",
                    "act": "act",
                    "handling_unit": _unit_field(form),
                    "parties-0-name": "",
                    "parties-1-name": "",
                },
            )
        else:
            messages.success(request, "已完成：分流。")
            return redirect(case)
    return render(request, "intake/route.html", {"case": case, "form": form})


def _unit_field(form: RouteForm) -> str:
    d = getattr(form, "cleaned_data", {})
    if d.get("to_legal_aid") and not d.get("aid_unit"):
        return "aid_unit"
    if d.get("to_reconsideration") and not d.get("review_unit"):
        return "review_unit"
    if d.get("to_admin_ruling") and not d.get("ruling_unit"):
        return "ruling_unit"
    if d.get("to_admin_mediation") and not d.get("mediation_unit"):
        return "mediation_unit"
    return "aid_unit" if d.get("to_legal_aid") else "review_unit"


def _matter_field(form: RouteForm) -> str:
    d = getattr(form, "cleaned_data", {})
    if d.get("to_admin_ruling") and not (d.get("to_legal_aid") and not d.get("aid_matter")):
        return "ruling_matter"
    return "aid_matter"


def _prepare(case: Case, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    if code == "record_feedback":
        kwargs["case"] = case


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    if code == "route":
        return redirect("intake:route", pk=pk)
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare)
