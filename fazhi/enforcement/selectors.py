"""Reads of 行政执法, scoped by the policies; the flags a supervisor sees on officers and cases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.http import Http404

from fazhi.deadlines.models import Clock
from fazhi.deadlines.selectors import clocks_for, today_local

from .models import Body, Case, Matter, Officer, Training
from .policies import BodyPolicy, CasePolicy, MatterPolicy, OfficerPolicy
from .rules import REVIEW_GROUNDS, officer_problems, review_defect, tier_defect


def bodies_visible_to(user: Any, action: str = "view") -> QuerySet[Body]:
    return BodyPolicy.visible(user, action).select_related("unit", "entrusted_by__unit")


def body_get_for(user: Any, pk: int, action: str = "view") -> Body:
    b = bodies_visible_to(user, action).filter(pk=pk).first()
    if b is None:
        raise Http404
    return b


def officers_visible_to(user: Any) -> QuerySet[Officer]:
    return OfficerPolicy.visible(user, "view").select_related("body__unit")


def matters_visible_to(user: Any) -> QuerySet[Matter]:
    return MatterPolicy.visible(user, "view").select_related("body__unit")


def cases_visible_to(user: Any, action: str = "view") -> QuerySet[Case]:
    return CasePolicy.visible(user, action).select_related("body__unit", "matter", "tier")


def case_get_for(user: Any, pk: int, action: str = "view") -> Case:
    c = cases_visible_to(user, action).filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


@dataclass(frozen=True)
class OfficerRow:
    officer: Officer
    hours: dict[int, Decimal]
    problems: list[str]


def officer_rows(officers: list[Officer], on: dt.date | None = None) -> list[OfficerRow]:
    """Each officer with their training hours per year and why they may not be recorded on a case dated `on`
    (default today): the flag on the officer lists."""
    on = on or today_local()
    hours: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for oid, year, total in (
        Training.objects.filter(officer__in=officers)
        .values_list("officer_id", "on__year")
        .annotate(total=Sum("hours"))
        .order_by()
    ):
        hours[oid][year] = total
    return [
        OfficerRow(o, dict(hours.get(o.pk, {})), [p.message for p in officer_problems(o, on, hours.get(o.pk, {}))])
        for o in officers
    ]


def case_clocks(case: Case) -> dict[str, Clock]:
    """The case's latest clock per key (decision, publication, withdrawal)."""
    out: dict[str, Clock] = {}
    for c in clocks_for(case).order_by("id"):
        out[c.key] = c
    return out


def case_flags(case: Case, clocks: dict[str, Clock] | None = None, today: dt.date | None = None) -> list[str]:
    """What a supervisor sees wrong with a case: the 法制审核 defect, a late or overdue 公示, 撤回 or decision."""
    today = today or today_local()
    clocks = case_clocks(case) if clocks is None else clocks
    flags = []
    why = review_defect(
        required=case.review_required,
        decided_on=case.decided_on,
        reviewed_on=case.reviewed_on,
        reviewer=case.reviewer,
        qualified=case.reviewer_qualified,
    )
    if why:
        flags.append(why)
    if case.tier_id is not None:
        t = case.tier
        why = tier_defect(
            label=t.get_tier_display(), amount_min=t.amount_min, amount_max=t.amount_max, amount=case.amount
        )
        if why:
            flags.append(why)
    for key, done, label in (
        ("decision", case.decided_on, "作出决定"),
        ("publication", case.published_on, "公示"),
        ("withdrawal", case.withdrawn_on, "撤回公示"),
    ):
        c = clocks.get(key)
        if c is None:
            continue
        if done is not None and done > c.due_date:
            flags.append(f"{label}逾期：{done:%Y-%m-%d}{label}，期限届满日为{c.due_date:%Y-%m-%d}")
        elif done is None and today > c.due_date:
            flags.append(f"{label}已超期：期限届满日为{c.due_date:%Y-%m-%d}")
    return flags


def review_ground_labels(codes: list[str]) -> list[str]:
    return [f"{g.label}（{g.basis}）" for g in REVIEW_GROUNDS if g.code in codes]


# 案卷评查 and 涉企检查


def campaigns_visible_to(user: Any, action: str = "view") -> QuerySet[Any]:
    from .policies import ReviewCampaignPolicy

    return ReviewCampaignPolicy.visible(user, action).select_related("organizer", "lead")


def campaign_get_for(user: Any, pk: int, action: str = "view") -> Any:
    c = campaigns_visible_to(user, action).filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


def review_files_visible_to(user: Any, action: str = "view") -> QuerySet[Any]:
    from .policies import ReviewFilePolicy

    return ReviewFilePolicy.visible(user, action).select_related(
        "campaign", "case__matter", "body__unit", "reviewer_a", "reviewer_b"
    )


def review_file_get_for(user: Any, pk: int, action: str = "view") -> Any:
    f = review_files_visible_to(user, action).filter(pk=pk).first()
    if f is None:
        raise Http404
    return f


def campaign_results(campaign: Any, viewer: Any = None) -> list[dict[str, Any]]:
    """Per body of the campaign: files sampled, graded, their grades and defects — the counts from the metric
    registry (filtered by the campaign), the rest from the campaign's files."""
    from fazhi.metrics.periods import date_range
    from fazhi.metrics.selectors import metric_values

    from .models import ReviewFile

    period = date_range(campaign.created_at.date(), max(today_local(), campaign.created_at.date()))
    keys = [
        "enforcement.review_graded",
        "enforcement.review_passed",
        "enforcement.review_pass_rate",
        "enforcement.review_defects_open",
    ]
    rows = []
    files = list(ReviewFile.objects.filter(campaign=campaign).prefetch_related("defects"))
    for body in campaign.bodies.select_related("unit").order_by("unit__path", "id"):
        mine = [f for f in files if f.body_id == body.pk]
        v = metric_values(keys, period=period, unit=body.unit, viewer=viewer, campaign=campaign.pk)
        grades = [f.grade for f in mine]
        rows.append(
            {
                "body": body,
                "sampled": len(mine),
                "graded": v["enforcement.review_graded"]["value"],
                "excellent": grades.count("excellent"),
                "pass": grades.count("pass"),
                "fail": grades.count("fail"),
                "pass_rate": v["enforcement.review_pass_rate"]["value"],
                "defects": sum(len(f.defects.all()) for f in mine),
                "defects_open": v["enforcement.review_defects_open"]["value"],
            }
        )
    return rows


def inspections_visible_to(user: Any) -> QuerySet[Any]:
    from .policies import InspectionPolicy

    return InspectionPolicy.visible(user, "view").select_related("body__unit", "matter")


def inspection_get_for(user: Any, pk: int) -> Any:
    i = inspections_visible_to(user).filter(pk=pk).first()
    if i is None:
        raise Http404
    return i


def inspection_by_code(code: str) -> Any:
    """The inspection behind a confirmation link (anonymous: the code is the key), or None."""
    from .models import Inspection

    if not code or len(code) > 64:
        return None
    return Inspection.objects.select_related("body__unit", "matter").filter(confirm_code=code).first()


def supervision_documents_visible_to(user: Any, action: str = "view") -> QuerySet[Any]:
    from .policies import SupervisionDocumentPolicy

    return SupervisionDocumentPolicy.visible(user, action).select_related("body__unit", "unit", "issuer")


def supervision_document_get_for(user: Any, pk: int) -> Any:
    d = supervision_documents_visible_to(user).filter(pk=pk).first()
    if d is None:
        raise Http404
    return d


def supervision_state(doc: Any, today: dt.date | None = None) -> str:
    """已答复 / 逾期答复 (replied after the due day) / 逾期未答复 / 待答复."""
    from fazhi.deadlines.selectors import today_local

    today = today or today_local()
    if doc.replied_on is not None:
        return "逾期答复" if doc.reply_late else "已答复"
    return "逾期未答复" if doc.reply_due is not None and today > doc.reply_due else "待答复"


def complaints_visible_to(user: Any, action: str = "view") -> QuerySet[Any]:
    from .policies import ComplaintPolicy

    return ComplaintPolicy.visible(user, action).select_related("body__unit", "unit")


def complaint_get_for(user: Any, pk: int, action: str = "view") -> Any:
    c = complaints_visible_to(user, action).filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


def complaint_by_code(code: str, phone: str) -> Any:
    """The complaint behind a query code whose complainant's phone matches (anonymous: code and phone together are
    the key; None for both "no such code" and "wrong phone")."""
    import re

    from fazhi.core.crypto import blind_index

    from .models import Complaint

    code, phone = (code or "").strip(), re.sub(r"\s", "", phone or "")
    if not code or len(code) > 32 or not phone:
        return None
    return (
        Complaint.objects.select_related("body__unit")
        .filter(query_code=code, phone_index=blind_index(phone, "enforcement.complaint_phone"))
        .first()
    )


def complaint_state(c: Any, today: dt.date | None = None) -> str:
    """The state, or 逾期未办结 / 逾期办结 when the clock's due day passed."""
    today = today or today_local()
    if c.closed_on is not None:
        return f"{c.get_state_display()}（逾期）" if c.late else c.get_state_display()
    return "逾期未办结" if c.due_on is not None and today > c.due_on else c.get_state_display()


def hotline_orders_for_complaint(user: Any) -> QuerySet[Any]:
    """12345 work orders about enforcement (投诉 / 举报 in the setting's 诉求分类) the user may read and that are not
    a complaint yet, newest first."""
    from fazhi.cases.selectors import cases_visible_to

    from .models import Complaint
    from .rules import COMPLAINT_HOTLINE_TYPES, complaint_hotline_categories

    done = Complaint.objects.filter(hotline_case__isnull=False).values("hotline_case_id")
    return (
        cases_visible_to(user, docket="hotline")
        .filter(extra__type__in=COMPLAINT_HOTLINE_TYPES, extra__category__in=complaint_hotline_categories())
        .exclude(pk__in=done)
        .order_by("-received_on", "-id")
    )


def checks_visible_to(user: Any, action: str = "view") -> QuerySet[Any]:
    from .policies import SupervisionCheckPolicy

    return SupervisionCheckPolicy.visible(user, action).select_related("body__unit", "unit", "organizer")


def check_get_for(user: Any, pk: int, action: str = "view") -> Any:
    c = checks_visible_to(user, action).filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


def plans_visible_to(user: Any) -> QuerySet[Any]:
    """The 涉企行政检查计划 of the bodies the user sees (as the plans page)."""
    from .models import InspectionPlan

    return (
        InspectionPlan.objects.filter(body__in=bodies_visible_to(user))
        .select_related("body__unit")
        .prefetch_related("items__matter")
    )
