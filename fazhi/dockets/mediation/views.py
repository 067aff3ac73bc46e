"""Staff pages: list, register, case page, one page per transition (the kernel's shared pages), the committees and
their mediators (workload and results), import. Parse → authorise → service → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from fazhi.cases.docket_views import (
    DocketList,
    ListFilter,
    case_page_context,
    import_page,
    list_page,
    register_page,
    require_action,
    transition_page,
)
from fazhi.cases.handover import source_handovers_of
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case
from fazhi.cases.selectors import case_get_for, cases_visible_to
from fazhi.cases.services import PartyInput, today_local
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse, unbound_form_html
from fazhi.orgs.models import GrantsStamp
from fazhi.orgs.rules import has_action
from fazhi.orgs.selectors import units_in_scope_of

from .codes import (
    AGREEMENT_FORM_LABEL,
    COMMITTEE_KIND_LABEL,
    CONFIRMATION_RESULT_LABEL,
    DISPUTE_TYPE_LABEL,
    DISPUTE_TYPES,
    HOTLINE_TOPIC_LABEL,
    HOTLINE_TOPICS,
    PERFORMANCE_LABEL,
    REJECT_GROUND_LABEL,
    SECTOR_LABEL,
    SOURCE_LABEL,
    TRANSFER_FROM_LABEL,
)
from .forms import CommitteeForm, HotlineCallForm, ImportForm, MediatorForm, RegisterForm
from .imports import import_template_bytes, mediation_import
from .selectors import (
    committee_choices,
    committee_get_for,
    committees_visible_to,
    hotline_calls_visible_to,
    hotline_page,
    mediators_of,
)
from .services import committee_create, hotline_call_log, mediation_register, mediator_add
from .services.hotline import HOTLINE_SOURCE
from .spec import SPEC

DOCKET = "mediation"


def _by_year(qs: QuerySet[Case], year: str, user: Any) -> QuerySet[Case]:
    if year.isdigit() and 1900 < int(year) < 3000:
        return qs.filter(received_on__range=(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)))
    return qs


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("mediation:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "committee": r["committee_name"] or "",
        "dispute_type": DISPUTE_TYPE_LABEL.get(r["dispute_type"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
        "outcome": SPEC.outcome_label(r["outcome"]) if r["outcome"] else "",
    }


LIST = DocketList(
    template="mediation/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("year", _by_year),
        ListFilter("type", lambda qs, v, user: qs.filter(extra__dispute_type=v)),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"committee_name": KT("extra__committee_name"), "dispute_type": KT("extra__dispute_type")},
    row=_row,
    context=lambda request, f: {"dispute_types": DISPUTE_TYPES},
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


FIELD_OF = {
    "parties-0-name": "applicant_name",
    "parties-0-id_number": "applicant_id_number",
    "parties-0-phone": "applicant_phone",
    "parties-1-name": "respondent_name",
    "parties-1-phone": "respondent_phone",
}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "mediation.case.register")
    form = RegisterForm(
        request.POST or None,
        initial={"received_on": today_local(), "committee": request.GET.get("committee")},
        committees=committee_choices(request.user),
    )

    def _register(d: dict[str, Any]) -> Case:
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
        return mediation_register(
            by=request.user,
            committee=d["committee"],
            source=d["source"],
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

    return register_page(request, form=form, template="mediation/register.html", register=_register, errors=FIELD_OF)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "mediation.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    agreement = x.get("agreement") or {}
    confirmation = x.get("confirmation") or {}
    return render(
        request,
        "mediation/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            source=SOURCE_LABEL.get(x.get("source", ""), ""),
            transfer_from=TRANSFER_FROM_LABEL.get(x.get("transfer_from", ""), ""),
            dispute_type=DISPUTE_TYPE_LABEL.get(x.get("dispute_type", ""), ""),
            agreement_form=AGREEMENT_FORM_LABEL.get(agreement.get("form", ""), ""),
            confirmation_result=CONFIRMATION_RESULT_LABEL.get(confirmation.get("result", ""), ""),
            rejected_ground=REJECT_GROUND_LABEL.get((x.get("rejected") or {}).get("ground", ""), ""),
            follow_ups=[
                {**v, "label": PERFORMANCE_LABEL.get(v.get("performance", ""), "")} for v in x.get("follow_ups", [])
            ],
        ),
    )


def _prepare(case: Case, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    if code in ("accept", "record_session", "agree"):
        kwargs["case"] = case
    if code == "record_session":
        initial["mediators"] = [str(m["id"]) for m in case.extra.get("mediators", [])]
    if code == "agree":
        initial["form"] = "written"


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare)


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=SPEC,
        action="mediation.case.register",
        template="mediation/import.html",
        run=mediation_import,
        template_bytes=import_template_bytes,
        form_class=ImportForm,
        filename="人民调解案件导入.xlsx",
    )


# ---- committees and mediators ---------------------------------------------------------------------------------------
def _workload(committees: QuerySet[Any], user: Any, year: int) -> dict[int, dict[str, int]]:
    """Per committee: disputes received this year, open now, agreements reached this year — over the cases the user
    may see (one grouped query)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        cases_visible_to(user, docket=DOCKET)
        .filter(Q(received_on__range=(start, end)) | Q(closed_on__isnull=True))
        .annotate(committee=KT("extra__committee_id"))
        .values("committee")
        .annotate(
            received=Count("pk", filter=Q(received_on__range=(start, end))),
            open=Count("pk", filter=Q(closed_on__isnull=True)),
            agreed=Count(
                "pk", filter=Q(received_on__range=(start, end), extra__agreement__form__in=["written", "oral"])
            ),
        )
    )
    return {int(r["committee"]): r for r in rows if r["committee"]}


@login_required
def committees(request: HttpRequest) -> HttpResponse:
    require_action(request, "mediation.case.view")
    year = today_local().year
    qs = committees_visible_to(request.user).annotate(mediator_count=Count("mediators"))
    manage = has_action("mediation.committee.manage").allows(request.user, None)
    form = None
    if manage:
        form = CommitteeForm(request.POST or None, units=units_in_scope_of(request.user))
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                c = committee_create(
                    by=request.user, unit=d["unit"], name=d["name"], kind=d["kind"], sector=d["sector"]
                )
            except DomainError as exc:
                form_refuse(form, exc)
            else:
                messages.success(request, f"已登记{c.name}。")
                return redirect("mediation:committee", pk=c.pk)
    work = _workload(qs, request.user, year)
    rows = [
        {
            "c": c,
            "kind": COMMITTEE_KIND_LABEL.get(c.kind, ""),
            "sector": SECTOR_LABEL.get(c.sector, "") if c.sector else "",
            **{k: work.get(c.pk, {}).get(k, 0) for k in ("received", "open", "agreed")},
        }
        for c in qs
    ]
    return render(request, "mediation/committees.html", {"rows": rows, "form": form, "year": year})


@login_required
def committee_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "mediation.case.view")
    committee = committee_get_for(request.user, pk)
    manage = has_action("mediation.committee.manage").allows(request.user, None)
    form = MediatorForm(request.POST or None) if manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            m = mediator_add(by=request.user, committee=committee, **d)
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            messages.success(request, f"已登记调解员{m.name}。")
            return redirect("mediation:committee", pk=committee.pk)
    year = today_local().year
    sessions: dict[int, int] = {}
    agreed: dict[int, int] = {}
    cases = cases_visible_to(request.user, docket=DOCKET).filter(
        extra__committee_id=committee.pk, received_on__year=year
    )
    for x in cases.values_list("extra", flat=True)[:5000]:
        seen = set()
        for s in x.get("sessions", []):
            for m in s.get("mediators", []):
                sessions[m["id"]] = sessions.get(m["id"], 0) + 1
                seen.add(m["id"])
        if x.get("agreement"):
            for mid in seen:
                agreed[mid] = agreed.get(mid, 0) + 1
    mediators = [
        {"m": m, "sessions": sessions.get(m.pk, 0), "agreed": agreed.get(m.pk, 0)} for m in mediators_of(committee)
    ]
    return render(
        request,
        "mediation/committee.html",
        {
            "committee": committee,
            "kind": COMMITTEE_KIND_LABEL.get(committee.kind, ""),
            "mediators": mediators,
            "form": form,
            "year": year,
            "case_count": cases.count(),
        },
    )


# ---- 12348 热线 consultations ----------------------------------------------------------------------------------------
HOTLINE_PAGE = 50


def _cursor(raw: str) -> tuple[str, int] | None:
    at, _, pk = raw.rpartition("_")
    try:
        dt.datetime.fromisoformat(at)
        return (at, int(pk)) if at else None
    except ValueError:
        return None


@login_required
def hotline(request: HttpRequest) -> HttpResponse:
    """The 12348 log: the entry form on top (operators type while they talk), then the calls newest first, filtered by
    topic, transfer and day, keyset-paged (so page 1 and page 10,000 cost the same)."""
    require_action(request, "mediation.hotline.view")
    log = has_action("mediation.hotline.log").allows(request.user, None)
    form = None
    if log:
        units = units_in_scope_of(request.user)
        form = HotlineCallForm(
            request.POST or None,
            prefix="c",
            units=units,
            initial={
                "received_at": timezone.localtime().replace(second=0, microsecond=0),
                "unit": request.user.unit_id,
            },
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                call = hotline_call_log(
                    by=request.user,
                    unit=d["unit"],
                    received_at=d["received_at"],
                    duration_seconds=form.duration_seconds,
                    topic=d["topic"],
                    question=d["question"],
                    answer=d["answer"],
                    transferred=d["transferred"],
                    transferred_to=d["transferred_to"],
                    callback_phone=d["callback_phone"],
                    submit_token=d["submit_token"],
                )
            except DomainError as exc:
                form_refuse(form, exc, {"duration_seconds": "minutes"})
            else:
                messages.success(request, f"已登记{call.received_at:%H:%M}的来电。")
                return redirect("mediation:hotline")
    form_html = None
    if form is not None and not form.is_bound:
        # the entry form as typed into all day: its HTML kept per process (core.forms.unbound_form_html), the
        # minute of its default time and the viewer's units (the grants stamp) in the key
        stamp = GrantsStamp.objects.filter(pk=1).values_list("token", flat=True).first() or ""
        form_html = mark_safe(unbound_form_html(form, stamp))  # noqa: S308  (rendered by form_fields.html)
    qs = hotline_calls_visible_to(request.user)
    topic = request.GET.get("topic", "")
    if topic in HOTLINE_TOPIC_LABEL:
        qs = qs.filter(topic=topic)
    transferred = request.GET.get("transferred", "")
    if transferred in ("1", "0"):
        qs = qs.filter(transferred=transferred == "1")
    day = request.GET.get("day", "")
    try:
        on = dt.date.fromisoformat(day) if day else None
    except ValueError:
        on = None
    if on is not None:
        start = timezone.make_aware(dt.datetime.combine(on, dt.time()))
        qs = qs.filter(received_at__gte=start, received_at__lt=start + dt.timedelta(days=1))
    rows, after = hotline_page(qs, after=_cursor(request.GET.get("after", "")), size=HOTLINE_PAGE)
    # what each call became (a hand-over: an intake, a dispute), read for the page at once; 来电转登记 opens the
    # intake form prefilled from the call (one intake per call)
    became = source_handovers_of(HOTLINE_SOURCE, [c.pk for c in rows])
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "mediation/hotline.html",
        {
            "form": form,
            "form_html": form_html,
            "rows": [
                {
                    "c": c,
                    "topic": HOTLINE_TOPIC_LABEL.get(c.topic, c.topic),
                    "minutes": round(c.duration_seconds / 60, 1),
                    "became": [
                        {"number": h.case.case_number, "url": detail_url(f"{h.docket}:detail", h.case_id)}
                        for h in became.get(c.pk, [])
                    ],
                    "intake": not any(h.docket == "intake" for h in became.get(c.pk, [])),
                }
                for c in rows
            ],
            "next": f"{after[0]}_{after[1]}" if after else "",
            "first": not request.GET.get("after"),
            "query": query.urlencode(),
            "topics": HOTLINE_TOPICS,
            "topic": topic,
            "transferred": transferred,
            "day": on.isoformat() if on else "",
            "may_intake": has_action("intake.case.register").allows(request.user, None),
        },
    )
