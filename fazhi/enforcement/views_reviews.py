"""案卷评查 pages: campaigns (list, create, sample), a file's page (each reviewer's own score form, the lead's 合议 and
defects), results per body. Parse → authorise → one service or selector → render; a refused form keeps its input and
shows the message beside the field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import today_local
from fazhi.orgs.decorators import menu_page

from . import forms as f
from .policies import ReviewCampaignPolicy, ReviewFilePolicy
from .selectors import (
    bodies_visible_to,
    campaign_get_for,
    campaign_results,
    campaigns_visible_to,
    review_file_get_for,
)
from .services import (
    campaign_close,
    campaign_create,
    campaign_sample,
    defect_record,
    file_reconcile,
    file_score,
    score_differences,
)
from .states import FileState

SCORE = "enforcement.review.score"


def _people(user: Any) -> Any:
    """Who may sit on a panel the user makes: the active users of the user's own unit (the 行政执法监督机构's staff)."""
    return get_user_model().objects.filter(is_active=True, unit_id=user.unit_id).order_by("username")


@menu_page(SCORE)
def campaign_list(request: HttpRequest) -> HttpResponse:
    may_manage = ReviewCampaignPolicy.can(request.user, "manage", _own_campaign(request.user))
    form = None
    if may_manage:
        today = today_local()
        form = f.CampaignForm(
            request.POST or None,
            bodies=bodies_visible_to(request.user).filter(is_active=True),
            people=_people(request.user),
            initial={"period_from": today.replace(month=1, day=1), "period_to": today, "sample_size": 20},
        )
        if request.method == "POST" and form.is_valid():
            x = form.cleaned_data
            try:
                c = campaign_create(
                    by=request.user,
                    title=x["title"],
                    organizer=request.user.unit,
                    bodies=list(x["bodies"]),
                    period_from=x["period_from"],
                    period_to=x["period_to"],
                    kinds=x["kinds"],
                    sample_size=x["sample_size"],
                    lead=x["lead"],
                    reviewers=list(x["reviewers"]),
                    seed=x["seed"],
                    submit_token=x["submit_token"],
                )
            except DomainError as exc:
                refuse(form, exc)
            else:
                messages.success(request, "评查活动已创建。")
                return redirect(c)
    elif request.method == "POST":
        raise Http404
    campaigns = campaigns_visible_to(request.user).order_by("-created_at", "-id")
    return render(request, "enforcement/campaign_list.html", {"campaigns": campaigns, "form": form})


def _own_campaign(user: Any) -> Any:
    from .models import ReviewCampaign

    return ReviewCampaign(organizer_id=user.unit_id)


@menu_page(SCORE)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = campaign_get_for(request.user, pk)
    files = c.files.select_related("case", "body__unit", "reviewer_a", "reviewer_b").order_by(
        "body__unit__path", "case_id"
    )
    return render(
        request,
        "enforcement/campaign_detail.html",
        {
            "c": c,
            "files": files,
            "bodies": c.bodies.select_related("unit").order_by("unit__path"),
            "reviewers": c.reviewers.order_by("pk"),
            "kinds": ", ".join(c.kinds) if c.kinds else "",
            "may_sample": c.sampled_at is None and ReviewCampaignPolicy.can(request.user, "manage", c),
            "may_close": c.sampled_at is not None
            and not c.is_closed
            and ReviewCampaignPolicy.can(request.user, "manage", c),
            "may_results": ReviewCampaignPolicy.can(request.user, "results", c),
            "me": request.user.pk,
        },
    )


@require_POST
@menu_page(SCORE)
def campaign_sample_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = campaign_get_for(request.user, pk, "manage")
    try:
        files = campaign_sample(by=request.user, campaign=c)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已抽取{len(files)}份案卷（随机种子：{c.seed}）。")
    return redirect(c)


@require_POST
@menu_page(SCORE)
def campaign_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = campaign_get_for(request.user, pk, "manage")
    form = f.CampaignCloseForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        campaign_close(by=request.user, campaign=c, expected_version=form.cleaned_data["version"])
    except ConflictError:
        messages.error(request, "评查活动已被他人修改，请刷新后重试。")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "评查活动已结束，评查结果不再修改。")
    return redirect(c)


@menu_page(SCORE)
def campaign_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    c = campaign_get_for(request.user, pk, "results")
    return render(request, "enforcement/campaign_results.html", {"c": c, "rows": campaign_results(c, request.user)})


FORMS = ("score", "reconcile", "defect")


@menu_page(SCORE)
def review_file(request: HttpRequest, pk: int, act: str = "") -> HttpResponse:
    rf = review_file_get_for(request.user, pk)
    sheet = rf.campaign.sheet
    vetoes = rf.campaign.vetoes
    me = request.user.pk
    my_slot = 1 if me == rf.reviewer_a_id else 2 if me == rf.reviewer_b_id else None
    scores = {s.slot: s for s in rf.scores.select_related("reviewer")}
    may = {
        "score": my_slot is not None
        and my_slot not in scores
        and not rf.campaign.is_closed
        and ReviewFilePolicy.can(request.user, "score", rf),
        "reconcile": ReviewFilePolicy.can(request.user, "reconcile", rf)
        and not rf.campaign.is_closed
        and (rf.state == FileState.DIFFERENT or (rf.state == FileState.GRADED and rf.reconciled)),
        "defect": ReviewFilePolicy.can(request.user, "reconcile", rf)
        and not rf.campaign.is_closed
        and rf.state == FileState.GRADED,
    }
    data = request.POST if request.method == "POST" else None
    if data is not None and (act not in FORMS or not may[act]):
        raise Http404
    forms_ = {
        "score": f.ScoreForm(data if act == "score" else None, sheet=sheet, vetoes=vetoes, prefix="score"),
        "reconcile": f.ReconcileForm(
            data if act == "reconcile" else None,
            sheet=sheet,
            vetoes=vetoes,
            prefix="rec",
            initial_items=rf.items or None,
            initial_vetoes=rf.vetoes,
        ),
        "defect": f.DefectForm(data if act == "defect" else None, sheet=sheet, prefix="defect"),
    }
    if data is not None:
        form = forms_[act]
        if form.is_valid():
            try:
                if act == "score":
                    file_score(
                        by=request.user,
                        file=rf,
                        items=form.items(),
                        note=form.cleaned_data["note"],
                        vetoes=form.vetoes(),
                    )
                    done = "评分已提交。"
                elif act == "reconcile":
                    file_reconcile(
                        by=request.user,
                        file=rf,
                        items=form.items(),
                        note=form.cleaned_data["note"],
                        vetoes=form.vetoes(),
                    )
                    done = "合议结果已保存。"
                else:
                    defect_record(
                        by=request.user,
                        file=rf,
                        item_code=form.cleaned_data["item_code"],
                        text=form.cleaned_data["text"],
                    )
                    done = "评查问题已认定，已列入执法单位的督办事项。"
            except DomainError as exc:
                refuse(form, exc, {f"item_{i['code']}": f"item_{i['code']}" for i in sheet} | {"vetoes": "vetoes"})
            else:
                messages.success(request, done)
                return redirect(rf)
    # independent scoring: a reviewer sees the other's sheet only once both have scored
    both = len(scores) == 2
    show = both or my_slot is None
    return render(
        request,
        "enforcement/review_file.html",
        {
            "rf": rf,
            "case": rf.case,
            "scores": [
                {
                    "s": scores[k],
                    "parts": [(i["label"], scores[k].items.get(i["code"])) for i in sheet],
                    "vetoes": [v["label"] for v in vetoes if v["code"] in scores[k].vetoes],
                }
                for k in sorted(scores)
                if show or k == my_slot
            ],
            "rows": score_differences(rf) if show and both else [],
            "decisions": rf.decisions.select_related("by").order_by("created_at", "id"),
            "file_vetoes": [v["label"] for v in vetoes if v["code"] in rf.vetoes],
            "defects": [
                (d, next((i["label"] for i in sheet if i["code"] == d.item_code), d.item_code))
                for d in rf.defects.select_related("supervision_item").order_by("id")
            ],
            "forms": {k: v for k, v in forms_.items() if may[k]},
            "open": act,
            "my_slot": my_slot,
            "waiting": my_slot is not None and my_slot in scores and not both,
        },
    )
