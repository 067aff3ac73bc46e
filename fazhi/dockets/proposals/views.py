"""Staff pages: list, detail, the 主办 unit's transition pages (kernel), a share's steps, the 交办 import.
Parse → authorise → service → render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import Truncator

from fazhi.cases.approvals import ApprovalView, draft_fields
from fazhi.cases.docket_views import (
    XLSX,
    DocketList,
    ListFilter,
    case_page_context,
    form_error,
    import_page,
    list_page,
    require_action,
    transition_page,
)
from fazhi.cases.documents import document_preview
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case
from fazhi.cases.policies import CasePolicy
from fazhi.cases.selectors import case_get_for, transitions_available
from fazhi.cases.services import today_local
from fazhi.core.errors import DomainError
from fazhi.core.forms import long_text
from fazhi.orgs.models import Unit
from fazhi.orgs.rules import has_action
from fazhi.orgs.widgets import UnitChoiceField

from . import services as s
from .forms import ContactForm as ContactStepForm
from .forms import ImportForm
from .imports import import_template_bytes, proposals_import
from .models import Assignment, AssignmentRole, Item, MeetingKind, Proposer, Reply, ResultClass, Session
from .policies import ProposalPolicy
from .selectors import (
    SHEET_COLUMNS,
    proposal_get_for,
    proposals_visible_to,
    reconciliation_rows,
    reconciliation_workbook,
    share_get_for,
    shares_of,
    shares_of_user,
)
from .services.steps import reply_context
from .spec import SPEC

DOCKET = "proposals"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _by_session(qs: QuerySet[Case], v: str, user: Any) -> QuerySet[Case]:
    return qs.filter(extra__session=v)


def _by_kind(qs: QuerySet[Case], v: str, user: Any) -> QuerySet[Case]:
    return qs.filter(extra__kind=v)


def _by_number(qs: QuerySet[Case], q: str, user: Any) -> QuerySet[Case]:
    return qs.filter(extra__number=q) | qs.filter(title__contains=q)


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("proposals:detail", r["pk"]),
        "number": r["number"] or "",
        "session": r["session"] or "",
        "title": Truncator(r["title"]).chars(30),
        "unit": r["handling_unit__short_name"] or r["handling_unit__name"] or "",
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
    }


LIST = DocketList(
    template="proposals/list.html",
    base=proposals_visible_to,
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("kind", _by_kind),
        ListFilter("session", _by_session),
        ListFilter("q", _by_number),
    ),
    fields=("pk", "title", "state", "received_on", "handling_unit__name", "handling_unit__short_name"),
    expressions={"number": KT("extra__number"), "session": KT("extra__session")},
    row=_row,
    context=lambda request, f: {
        "may_import": has_action("proposals.case.assign").allows(request.user, None),
        "kinds": (("suggestion", "代表建议"), ("proposal", "政协提案")),
        "sessions": sorted({x for x in Item.objects.values_list("session__name", flat=True)}),
    },
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "proposals.case.view")
    case = proposal_get_for(request.user, pk)
    item = Item.objects.select_related("session").get(case=case)
    lead_view = CasePolicy.can(request.user, "view", case)
    shares = shares_of(case)
    return render(
        request,
        "proposals/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            item=item,
            proposers=item.proposers.select_related("proposer"),
            shares=shares,
            # 协办 opinions go to the 主办 unit only (Shandong 2017): shown to whoever may work the case as lead
            show_opinions=lead_view,
            my_shares=[(sh, share_steps(sh)) for sh in shares_of_user(request.user, case)],
            # the office decides a share's pending request for reassignment (legal-rules.md §8)
            may_decide=ProposalPolicy.can(request.user, "office", case),
            meetings=case.meetings.prefetch_related("units", "proposers"),
            may_meet=case.closed_on is None
            and CasePolicy.can_transition(request.user, case, SPEC.transition("contact")),
            contacts=case.contacts.select_related("unit"),
            replies=Reply.objects.filter(case=case).select_related("unit", "signed_by"),
            commitments=case.commitments.all(),
            feedback=case.feedback.all(),
            may_issue_code=case.state == "replied"
            and SPEC.transition("rate") in transitions_available(request.user, case),
        ),
    )


def _prepare(case: Any, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    draft = case.extra.get("draft") or {}
    if code == "draft" and draft:
        initial["result_class"] = draft.get("class")
        initial["text"] = draft.get("text")
        initial["commitments"] = "\n".join(f"{c['text']}；{c['due']}" for c in draft.get("commitments", []))
    if code == "rate":
        initial.pop("rating", None)


def _adjust(case: Any, code: str, form: Any) -> None:
    if code == "draft":
        classes = s.steps.classes()
        form.fields["result_class"].choices = [(c, lbl) for c, lbl in ResultClass.choices if c in classes]


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare, adjust=_adjust)


def reply_review(case: Case) -> ApprovalView:
    """The 签发 page's panel: the draft's fields and the 答复函 as it will be issued."""
    draft = case.extra.get("draft") or {}
    labels = [("class", "办理结果"), ("text", "答复内容"), ("promised", "承诺事项")]
    shown = {
        **draft,
        "class": ResultClass(draft["class"]).label if draft.get("class") else "",
        "promised": "；".join(f"{c['text']}（{c['due']}）" for c in draft.get("commitments", [])),
    }
    return ApprovalView(
        title="待签发的答复函",
        fields=draft_fields(labels, shown, None),
        preview_title="答复函预览",
        preview=document_preview(case, "reply_letter", reply_context(case, draft, None)),
    )


# ---- a 分办 / 协办 unit's share ----------------------------------------------------------------------------------------
class ShareSignForm(forms.Form):
    on = forms.DateField(label="签收日期", widget=DATE)


class ShareReassignForm(forms.Form):
    reason = long_text("申请调整理由", help_text="不属于本单位职责的，应在签收期限内说明理由，不得自行转办。")


class ShareDecideForm(forms.Form):
    on = forms.DateField(label="决定日期", widget=DATE)
    unit = UnitChoiceField(
        label="调整为", queryset=Unit.objects.filter(is_active=True), required=False, help_text="不选则维持原单位"
    )
    note = long_text("说明", required=False)


class ShareOpinionForm(forms.Form):
    on = forms.DateField(label="意见日期", widget=DATE)
    opinion = long_text("协办意见", max_length=5000, rows=6)


class ShareContactForm(forms.Form):
    on = ContactStepForm.base_fields["on"]
    form = ContactStepForm.base_fields["form"]
    note = ContactStepForm.base_fields["note"]


class ShareDraftForm(forms.Form):
    result_class = forms.ChoiceField(label="办理结果", choices=ResultClass.choices)
    text = long_text("答复内容（本单位承办部分）", max_length=5000, rows=8)


SHARE_STEPS: dict[str, tuple[str, type[forms.Form], Any, str]] = {
    "sign": ("签收", ShareSignForm, s.share_sign, "handle"),
    "ask_reassign": ("申请调整承办单位", ShareReassignForm, s.share_ask_reassign, "handle"),
    "opinion": ("送交协办意见", ShareOpinionForm, s.share_opinion, "handle"),
    "decide": ("处理调整申请（交办机关）", ShareDecideForm, s.share_reassign, "decide"),
    "contact": ("登记与代表/委员沟通", ShareContactForm, s.share_contact, "handle"),
    "draft": ("拟写答复函", ShareDraftForm, s.share_reply_draft, "handle"),
    "sign_off": ("签发答复函（单位负责人）", ShareSignForm, s.share_reply_sign_off, "sign_off"),
    "send": ("答复代表/委员（本单位承办部分）", ShareSignForm, s.share_reply_send, "handle"),
}


def share_steps(share: Assignment) -> list[tuple[str, str]]:
    if share.role == AssignmentRole.ASSIST:
        codes = ["opinion"] if share.signed_on else ["sign", "ask_reassign", "opinion"]
    elif not share.signed_on:
        codes = ["sign", "ask_reassign"]
    else:
        codes = ["contact", "draft", "sign_off", "send"]
    return [(c, SHARE_STEPS[c][0]) for c in codes]


@login_required
def share_step(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    if code not in SHARE_STEPS:
        raise Http404
    label, form_class, service, action = SHARE_STEPS[code]
    share = share_get_for(request.user, pk, action)
    form = form_class(request.POST or None, initial={"on": today_local()})
    if request.method == "POST" and form.is_valid():
        try:
            service(share=share, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"已完成：{label}。")
            return redirect(share.case)
    return render(
        request, "proposals/share_step.html", {"share": share, "case": share.case, "form": form, "label": label}
    )


@login_required
def import_items(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=SPEC,
        action="proposals.case.assign",
        template="proposals/import.html",
        run=proposals_import,
        template_bytes=import_template_bytes,
        form_class=ImportForm,
        filename="建议提案交办清单.xlsx",
    )


@login_required
def reconciliation(request: HttpRequest) -> HttpResponse:
    """对账销号: per session, every item with its reply, class, rating and open commitments; Excel export; the
    office's 销号 link on each item ready for it."""
    require_action(request, "proposals.case.view")
    sessions = list(Session.objects.all())
    session = next(
        (x for x in sessions if str(x.pk) == request.GET.get("session", "")), sessions[0] if sessions else None
    )
    if session is not None and request.GET.get("format") == "xlsx":
        from urllib.parse import quote

        from fazhi.audit.services import record_event

        data = reconciliation_workbook(user=request.user, session=session)
        record_event(actor=request.user, action="proposals.reconciliation.export", obj=session, summary={})
        resp = HttpResponse(data, content_type=XLSX)
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(session.name + '对账表.xlsx')}"
        return resp
    rows = reconciliation_rows(user=request.user, session=session) if session else []
    may_close = has_action("proposals.case.close").allows(request.user, None)
    return render(
        request,
        "proposals/reconciliation.html",
        {
            "sessions": sessions,
            "session": session,
            "rows": rows,
            "columns": SHEET_COLUMNS,
            "may_close": may_close,
            "done": sum(1 for r in rows if r["reconciled_on"]),
        },
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="形式", choices=MeetingKind.choices)
    on = forms.DateField(label="日期", widget=DATE)
    place = forms.CharField(label="地点", max_length=200)
    units = forms.ModelMultipleChoiceField(
        label="参加单位", queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    proposers = forms.ModelMultipleChoiceField(
        label="参加的代表/委员",
        queryset=Proposer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="代表/委员参加的，视为各承办单位已与其沟通",
    )
    attendees = forms.CharField(label="其他参加人员", max_length=1000, required=False)
    minutes = long_text("会议纪要", max_length=10000, rows=6)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_ids = Assignment.objects.filter(case=case, active=True).values("unit_id")
        self.fields["units"].queryset = Unit.objects.filter(pk__in=unit_ids)  # type: ignore[attr-defined]
        self.fields["proposers"].queryset = Proposer.objects.filter(  # type: ignore[attr-defined]
            pk__in=case.proposal.proposers.values("proposer_id")
        )


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """登记会办/面商 (the 主办 unit): the units handling the item, its proposers who attended, the minutes."""
    case = case_get_for(request.user, pk, docket=DOCKET)
    if not CasePolicy.can_transition(request.user, case, SPEC.transition("contact")):
        raise Http404
    form = MeetingForm(request.POST or None, case=case, initial={"on": today_local(), "kind": "joint"})
    if request.method == "POST" and form.is_valid():
        try:
            s.meeting_record(case=case, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已登记会办/面商。")
            return redirect(case)
    return render(request, "proposals/meeting.html", {"case": case, "form": form})


@login_required
def feedback_code(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: a one-time code for the proposer's portal rating, shown once (only its digest is kept)."""
    require_action(request, "proposals.case.handle")
    case = case_get_for(request.user, pk, docket=DOCKET)
    if request.method != "POST":
        return redirect(case)
    try:
        code = s.feedback_code_issue(case=case, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(case)
    return render(request, "proposals/feedback_code.html", {"case": case, "code": code})
