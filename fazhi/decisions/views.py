"""Pages of 重大行政决策: parse → authorise → one service or selector → render. Each procedure action is one POST
form on the decision's page; a refused one re-renders the page with the user's input and the error beside the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.consultations.selectors import consultations_for_owner
from fazhi.core.downloads import file_download
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import today_local
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for

from . import forms as f
from .archive import archive_export
from .policies import DecisionPolicy
from .selectors import (
    catalogue_items_visible,
    decision_get_for,
    decision_timeline,
    decisions_visible_to,
    government_of,
    procedure_missing,
)
from .services import (
    decision_adjust,
    decision_evaluate,
    decision_launch,
    decision_party_report,
    decision_publish,
    decision_resume,
    decision_send_back,
    decision_start,
    decision_suspend,
    execution_report,
    legality_complete,
    legality_submit,
    meeting_record,
    step_record,
)
from .states import TRANSITIONS, DecisionState, StepKind


@dataclass(frozen=True)
class Act:
    transition: str
    policy: str
    form: type[Form] | None
    run: Callable[[Any, Any, dict[str, Any]], Any]
    done: str


ACTS: dict[str, Act] = {
    "start": Act("start", "manage", None, lambda d, u, x: decision_start(decision=d, by=u), "决策程序已启动。"),
    "step": Act(
        "step_record",
        "manage",
        f.StepForm,
        lambda d, u, x: step_record(
            decision=d,
            by=u,
            kind=x["kind"],
            started_on=x["started_on"],
            completed_on=x["completed_on"],
            summary=x["summary"],
            assessor=x["assessor"],
            people=f.lines(x["people"]),
            risk_level=x["risk_level"],
            materials_on=x["materials_on"],
            participants_published_on=x["participants_published_on"],
        ),
        "程序已记录。",
    ),
    "legality_submit": Act(
        "legality_submit",
        "manage",
        f.LegalitySubmitForm,
        lambda d, u, x: legality_submit(decision=d, by=u, on=x["on"], reviewer=x["reviewer"]),
        "已送请合法性审查。",
    ),
    "legality": Act(
        "legality_complete",
        "legality",
        f.LegalityForm,
        lambda d, u, x: legality_complete(
            decision=d,
            by=u,
            on=x["on"],
            opinion=x["opinion"],
            summary=x["summary"],
            people=f.lines(x["people"]),
            short_reason=x["short_reason"],
        ),
        "合法性审查意见已记录。",
    ),
    "meeting": Act(
        "meeting",
        "decide",
        f.MeetingForm,
        lambda d, u, x: meeting_record(
            decision=d,
            by=u,
            kind=x["kind"],
            held_on=x["held_on"],
            attendees=f.lines(x["attendees"]),
            speakers=f.lines(x["speakers"]),
            head=x["head"],
            majority=x["majority"],
            result=x["result"],
            departure_reason=x["departure_reason"],
            dissents=x["dissents"],
            decision_text=x["decision_text"],
        ),
        "集体讨论决定已记录。",
    ),
    "send_back": Act(
        "send_back",
        "manage",
        f.SendBackForm,
        lambda d, u, x: decision_send_back(decision=d, by=u, to_step=x["to_step"], reason=x["reason"]),
        "已程序回流。",
    ),
    "party_report": Act(
        "party_report",
        "manage",
        f.DayForm,
        lambda d, u, x: decision_party_report(decision=d, by=u, on=x["on"]),
        "已记录报告党委。",
    ),
    "publish": Act(
        "publish",
        "manage",
        f.PublishForm,
        lambda d, u, x: decision_publish(decision=d, by=u, on=x["on"], publication=x["publication"]),
        "决策已公布。",
    ),
    "report": Act(
        "execution_report",
        "execute",
        f.ReportForm,
        lambda d, u, x: execution_report(
            decision=d, by=u, unit=u.unit, reported_on=x["reported_on"], text=x["text"], submit_token=x["submit_token"]
        ),
        "执行情况已报送。",
    ),
    "suspend": Act(
        "suspend",
        "evaluate",
        f.ReasonDayForm,
        lambda d, u, x: decision_suspend(decision=d, by=u, on=x["on"], reason=x["reason"]),
        "已暂停执行。",
    ),
    "resume": Act(
        "resume",
        "evaluate",
        f.ReasonDayForm,
        lambda d, u, x: decision_resume(decision=d, by=u, on=x["on"], reason=x["reason"]),
        "已恢复执行。",
    ),
    "adjust": Act(
        "adjust",
        "evaluate",
        f.AdjustForm,
        lambda d, u, x: decision_adjust(decision=d, by=u, on=x["on"], reason=x["reason"], major=x["major"]),
        "调整已记录。",
    ),
    "evaluate": Act(
        "evaluate",
        "evaluate",
        f.EvaluateForm,
        lambda d, u, x: decision_evaluate(
            decision=d,
            by=u,
            trigger=x["trigger"],
            assessor=x["assessor"],
            completed_on=x["completed_on"],
            conclusion=x["conclusion"],
        ),
        "后评估已记录。",
    ),
}
LABELS = {name: TRANSITIONS[a.transition][2] for name, a in ACTS.items()}


def _units() -> Any:
    return Unit.objects.filter(is_active=True).order_by("path")


@menu_page("decisions.view")
def decision_list(request: HttpRequest) -> HttpResponse:
    qs = decisions_visible_to(request.user)
    year, state = request.GET.get("year", ""), request.GET.get("state", "")
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if state in DecisionState.values:
        qs = qs.filter(state=state)
    if request.GET.get("unit"):
        qs = qs.filter(lead_unit__code=request.GET["unit"])
    return render(
        request,
        "decisions/list.html",
        {"items": qs[:500], "states": DecisionState.choices, "year": year, "state": state},
    )


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    if not grants_for(request.user).has("decisions.manage"):
        raise Http404
    item = None
    if request.GET.get("item", "").isdigit():
        item = catalogue_items_visible(request.user).filter(pk=int(request.GET["item"])).first()
    initial = {"launched_on": today_local()}
    if item is not None:
        initial.update(title=item.title, lead_unit=item.lead_unit, required=item.procedures)
    form = f.LaunchForm(request.POST or None, units=_units(), initial=initial)
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        gov = item.catalogue.unit if item else government_of(request.user.unit)
        try:
            d = decision_launch(
                by=request.user,
                launched_on=x["launched_on"],
                item=item,
                title=x["title"],
                lead_unit=x["lead_unit"],
                government=gov,
                required=x["required"],
                submit_token=x["submit_token"],
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            if not DecisionPolicy.can(request.user, "view", d):
                raise Http404
            return redirect(d)
    return render(request, "decisions/new.html", {"form": form, "item": item})


def _detail(request: HttpRequest, d: Any, bound: tuple[str, Form] | None = None, status: int = 200) -> HttpResponse:
    acts = []
    for name, a in ACTS.items():
        if d.state in TRANSITIONS[a.transition][0] and DecisionPolicy.can(request.user, a.policy, d):
            form = bound[1] if bound and bound[0] == name else (a.form() if a.form else None)
            acts.append({"name": name, "label": LABELS[name], "form": form, "open": bool(bound and bound[0] == name)})
    return render(
        request,
        "decisions/detail.html",
        {
            "d": d,
            "acts": acts,
            "missing": [StepKind(k).label for k in procedure_missing(d)],
            "required": [StepKind(k).label for k in d.required],
            "timeline": decision_timeline(d),
            "steps": d.steps.order_by("round", "id"),
            "meetings": d.meetings.prefetch_related("dissents"),
            "returns": d.returns.all(),
            "reports": d.reports.select_related("unit"),
            "evaluations": d.evaluations.all(),
            "consultations": consultations_for_owner(d),
            "can_manage": DecisionPolicy.can(request.user, "manage", d),
        },
        status=status,
    )


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, decision_get_for(request.user, pk))


@login_required
@require_POST
def decision_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    a = ACTS.get(action)
    if a is None:
        raise Http404
    d = decision_get_for(request.user, pk, a.policy)
    form = a.form(request.POST) if a.form else None
    if form is not None and not form.is_valid():
        return _detail(request, d, (action, form), status=400)
    try:
        a.run(d, request.user, form.cleaned_data if form is not None else {})
    except DomainError as exc:
        if form is None:
            messages.error(request, exc.message)
            return redirect(d)
        refuse(form, exc)
        return _detail(request, decision_get_for(request.user, pk), (action, form), status=400)
    messages.success(request, a.done)
    return redirect(reverse("decisions:detail", args=[pk]))


@login_required
def decision_archive(request: HttpRequest, pk: int) -> HttpResponse:
    d = decision_get_for(request.user, pk, "manage")
    data = archive_export(decision=d, by=request.user)
    return file_download(BytesIO(data), filename=f"决策档案-{d.pk}.zip", content_type="application/zip")
