"""Reads of 法治督察, scoped to the viewer (the API, the pages and the metrics use these)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.audit.models import AuditEvent
from fazhi.supervision.models import Report
from fazhi.supervision.states import ItemState

from .models import Finding, InspectionPlan
from .policies import FindingPolicy, InspectionPlanPolicy


def plans_visible_to(user: Any, action: str = "view") -> QuerySet[InspectionPlan]:
    return InspectionPlanPolicy.visible(user, action).select_related("organizer")


def plan_get_for(user: Any, pk: int, action: str = "view") -> InspectionPlan:
    p = InspectionPlan.objects.select_related("organizer", "revisit_of").filter(pk=pk).first()
    if p is None or not InspectionPlanPolicy.can(user, action, p):
        raise Http404
    return p


def findings_visible_to(user: Any, action: str = "view") -> QuerySet[Finding]:
    return FindingPolicy.visible(user, action).select_related("plan", "responsible_unit", "item")


def finding_get_for(user: Any, pk: int, action: str = "view") -> Finding:
    f = Finding.objects.select_related("plan", "responsible_unit", "item", "checklist_item").filter(pk=pk).first()
    if f is None or not FindingPolicy.can(user, action, f):
        raise Http404
    return f


STATUS = {
    "open": "待整改",
    "planned": "整改中",
    "submitted": "待审核",
    "closed": "已销号",
}


def finding_status(f: Finding) -> str:
    """The finding's 整改 status read from its supervisable item (the one lifecycle) and its 整改方案."""
    if f.item is None:
        return "open"
    if f.item.state == ItemState.CLOSED:
        return "closed"
    if f.item.state == ItemState.SUBMITTED:
        return "submitted"
    return "planned" if f.measures else "open"


def finding_reports(f: Finding) -> QuerySet[Report]:
    return Report.objects.filter(item_id=f.item_id).prefetch_related("evidence").order_by("created_at", "id")


def finding_reviews(f: Finding) -> QuerySet[Any]:
    from fazhi.supervision.models import Review

    return Review.objects.filter(item_id=f.item_id).order_by("created_at", "id")


def plan_timeline(p: InspectionPlan) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type="inspections.inspectionplan", object_id=str(p.pk)).order_by("id")


def plan_counts(p: InspectionPlan) -> dict[str, int]:
    """Findings of one plan by status (the report and the plan page)."""
    counts = dict.fromkeys(STATUS, 0)
    for f in p.findings.select_related("item"):
        counts[finding_status(f)] += 1
    counts["total"] = sum(counts[k] for k in STATUS)
    return counts
