"""Anonymous public pages: apply for 行政复议 online, look up progress, read published decisions.

Safety without captcha: per-IP rate limits (counted in the database, core/ratelimit.py), CSRF, uploads checked by content, and progress lookup needs both
the unguessable receipt number and the applicant's phone (compared through its blind index), with one answer for
"not found" and "wrong phone".
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from fazhi.cases.models import Case, PartyKind, PartyRole
from fazhi.cases.registry import docket_get
from fazhi.cases.selectors import case_by_receipt, case_timeline
from fazhi.cases.services import PartyInput, today_local
from fazhi.consultations.portal_views import urlpatterns as consultation_urls
from fazhi.core.crypto import blind_index
from fazhi.core.errors import DomainError
from fazhi.core.middleware import client_ip
from fazhi.core.ratelimit import rate_count, rate_hit, rate_limit_message
from fazhi.core.validators import normalize_identifier
from fazhi.decisions.portal_views import urlpatterns as decision_urls
from fazhi.dockets.intake.portal_views import urlpatterns as intake_urls
from fazhi.dockets.petitions.portal_views import urlpatterns as petition_urls
from fazhi.dockets.proposals.portal_views import urlpatterns as proposal_urls
from fazhi.indicators.portal_views import urlpatterns as survey_urls
from fazhi.orgs.models import Unit
from fazhi.orgs.selectors import units_resolve
from fazhi.reports.portal_views import urlpatterns as report_urls

from .forms import ApplicationForm, DisclosureApplicationForm, LookupForm

APPLY_LIMIT = (10, 3600)  # applications made, per IP per hour
APPLY_REFUSED_LIMIT = (60, 3600)  # refused tries (corrections of a refused form), per IP per hour
LOOKUP_LIMIT = (30, 600)  # per IP per 10 minutes
FIELD_MAP = {
    "parties-0-name": "name",
    "parties-0-id_number": "id_number",
    "parties-0-phone": "phone",
    "respondent_name": "respondent",
    "files-0": "files",
}


def _key(request: HttpRequest, bucket: str) -> str:
    # The visitor's address as nginx reports it (X-Real-IP, docs/deploy.md): behind the proxy REMOTE_ADDR is the proxy
    # itself, and every visitor would share one limit.
    return f"portal.{bucket}:{client_ip(request)}"


def _limited(request: HttpRequest, bucket: str, limit: tuple[int, int]) -> bool:
    return rate_hit(_key(request, bucket), limit=limit[0], seconds=limit[1])


def _refused(request: HttpRequest, form: ApplicationForm) -> int:
    """Count a refused try; past the wider limit, say when to try again (the form still keeps what was typed)."""
    if _limited(request, "apply_refused", APPLY_REFUSED_LIMIT):
        form.add_error(None, rate_limit_message(APPLY_REFUSED_LIMIT[1]))
        return 429
    return 200


def reconsideration_body() -> Unit:
    """The 复议机构 receiving online applications: settings.FAZHI_RECONSIDERATION_UNIT (code), else the top-most
    active unit whose name ends with 司法局."""
    from django.conf import settings

    code = getattr(settings, "FAZHI_RECONSIDERATION_UNIT", "")
    qs = Unit.objects.filter(is_active=True)
    unit = qs.filter(code=code).first() if code else qs.filter(name__endswith="司法局").order_by("path").first()
    if unit is None:
        raise Http404("未配置行政复议机构")
    return unit


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html")


def apply(request: HttpRequest) -> HttpResponse:
    from fazhi.dockets.reconsideration.services import reconsideration_intake

    form = ApplicationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        # The limit counts applications made: correcting a refused form is counted apart, under a wider limit, and a
        # refused one comes back with everything typed and the time to try again (issue #11 point 2).
        if rate_count(_key(request, "apply"), seconds=APPLY_LIMIT[1]) >= APPLY_LIMIT[0]:
            form.is_valid()
            form.add_error(None, rate_limit_message(APPLY_LIMIT[1]))
            return render(request, "portal/apply.html", {"form": form}, status=429)
        if not form.is_valid():
            status = _refused(request, form)
        else:
            d = form.cleaned_data
            respondent = units_resolve(d["respondent"]).unit
            try:
                case = reconsideration_intake(
                    by=None,
                    handling_unit=reconsideration_body(),
                    received_on=today_local(),
                    channel="online",
                    applicant=PartyInput(
                        role=PartyRole.APPLICANT,
                        kind=PartyKind.PERSON,
                        name=d["name"],
                        id_number=d["id_number"],
                        phone=d["phone"],
                        address=d["address"],
                    ),
                    act=d["act"],
                    request=d["request"],
                    facts=d["facts"],
                    respondent_unit=respondent,
                    respondent_name=d["respondent"],
                    submit_token=d["submit_token"],
                    files=d["files"],
                    with_receipt=True,
                )
            except DomainError as exc:
                field = FIELD_MAP.get(exc.field or "", exc.field)
                form.add_error(field if field in form.fields else None, exc.message)
                status = _refused(request, form)
            else:
                _limited(request, "apply", APPLY_LIMIT)
                return render(request, "portal/applied.html", {"case": case})
    return render(request, "portal/apply.html", {"form": form}, status=status)


DISCLOSURE_FIELDS = {
    "parties-0-name": "name",
    "parties-0-id_number": "id_number",
    "parties-0-credit_code": "id_number",
    "parties-0-phone": "phone",
    "handling_unit": "agency",
    "files-0": "files",
}


def disclosure_apply(request: HttpRequest) -> HttpResponse:
    """政府信息公开申请 online. 《政府信息公开条例》第三十一条第（三）项: an online request is received on the day both
    sides confirm it — the portal confirms it at once by issuing the receipt number, so that day is the receipt date."""
    from fazhi.dockets.disclosure.services import disclosure_register

    form = DisclosureApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if _limited(request, "apply", APPLY_LIMIT):
            return render(request, "portal/limited.html", status=429)
        if form.is_valid():
            d = form.cleaned_data
            person = d["applicant_type"] == "natural_person"
            today = today_local()
            try:
                case = disclosure_register(
                    by=None,
                    handling_unit=d["agency"],
                    applicant_type=d["applicant_type"],
                    applicant=PartyInput(
                        role=PartyRole.APPLICANT,
                        name=d["name"],
                        id_number=d["id_number"] if person else "",
                        credit_code="" if person else d["id_number"],
                        phone=d["phone"],
                        address=d["address"],
                    ),
                    content=d["content"],
                    purpose=d["purpose"],
                    channel="online",
                    submitted_on=today,
                    confirmed_on=today,
                    submit_token=d["submit_token"],
                    files=d["files"],
                    with_receipt=True,
                )
            except DomainError as exc:
                field = DISCLOSURE_FIELDS.get(exc.field or "", exc.field)
                form.add_error(field if field in form.fields else None, exc.message)
            else:
                return render(request, "portal/applied.html", {"case": case, "disclosure": True})
    return render(request, "portal/disclosure_apply.html", {"form": form})


def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    ctx: dict[str, object] = {"form": form}
    if request.method == "POST":
        if _limited(request, "lookup", LOOKUP_LIMIT):
            form.is_valid()
            form.add_error(None, rate_limit_message(LOOKUP_LIMIT[1]))
            return render(request, "portal/lookup.html", ctx, status=429)
        if form.is_valid():
            phone = normalize_identifier(form.cleaned_data["phone"])
            case = case_by_receipt(
                form.cleaned_data["receipt_number"].strip().upper(), blind_index(phone, "party.phone")
            )
            if case is None:
                form.add_error(None, "未找到该申请，请核对申请编号和联系电话。")
            else:
                spec = docket_get(case.docket)
                state = spec.state(case.state)
                ctx.update(
                    {
                        "case": case,
                        "state_label": state.public_label or state.label,
                        "events": case_timeline(case, public_only=True),
                        "outcome_label": spec.outcome_label(case.outcome) if case.outcome else "",
                        "decision": (case.extra.get("decision") or {}) if case.state == "decided" else {},
                        "publication": case.extra.get("publication"),
                        "reply": (case.extra.get("reply") or {}) if case.docket == "disclosure" else {},
                        "correction": (case.extra.get("correction") or {}) if case.docket == "disclosure" else {},
                        "can_withdraw": case.docket == "disclosure" and not state.closed,
                    }
                )
    return render(request, "portal/lookup.html", ctx)


def disclosure_withdraw(request: HttpRequest) -> HttpResponse:
    """The applicant withdraws an open 政府信息公开 request (counted as 三(六)3 其他), with the same receipt number and
    phone as the progress lookup."""
    from fazhi.dockets.disclosure.services import case_withdraw

    form = LookupForm(request.POST or None)
    if request.method != "POST":
        raise Http404
    if _limited(request, "lookup", LOOKUP_LIMIT):
        return render(request, "portal/limited.html", status=429)
    case = None
    if form.is_valid():
        phone = normalize_identifier(form.cleaned_data["phone"])
        case = case_by_receipt(form.cleaned_data["receipt_number"].strip().upper(), blind_index(phone, "party.phone"))
    if case is None or case.docket != "disclosure":
        form.add_error(None, "未找到该申请，请核对申请编号和联系电话。")
        return render(request, "portal/lookup.html", {"form": form})
    try:
        case_withdraw(case=case, by=None, on=today_local(), note="申请人通过网上服务撤回")
    except DomainError as exc:
        form.add_error(None, exc.message)
    return lookup(request)


def decisions(request: HttpRequest) -> HttpResponse:
    rows = Case.objects.filter(docket="reconsideration", state="decided", extra__published_on__isnull=False).order_by(
        "-closed_on"
    )[:100]
    return render(request, "portal/decisions.html", {"rows": rows})


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = Case.objects.filter(
        pk=pk, docket="reconsideration", state="decided", extra__published_on__isnull=False
    ).first()
    if case is None:
        raise Http404
    pub = dict(case.extra["publication"])
    if not pub.get("issuer"):  # published before the issuing body was recorded with the text
        from fazhi.cases.services import template_get

        pub["issuer"] = template_get("reconsideration", "decision").issuer or case.handling_unit.name
    pub.setdefault("decided_on", case.closed_on.isoformat() if case.closed_on else "")
    return render(request, "portal/decision_detail.html", {"case": case, "pub": pub})


urlpatterns = [
    path("", index, name="index"),
    path("reconsideration/apply/", apply, name="apply"),
    path("disclosure/apply/", disclosure_apply, name="disclosure_apply"),
    path("disclosure/withdraw/", disclosure_withdraw, name="disclosure_withdraw"),
    path("reconsideration/lookup/", lookup, name="lookup"),
    path("reconsideration/decisions/", decisions, name="decisions"),
    path("reconsideration/decisions/<int:pk>/", decision_detail, name="decision_detail"),
    *consultation_urls,
    *decision_urls,
    *petition_urls,
    *intake_urls,
    *proposal_urls,
    *survey_urls,
    *report_urls,
]
