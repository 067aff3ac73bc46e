"""Reads of 重大行政决策, scoped by the policies."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.consultations.selectors import consultations_for_owner

from .models import Catalogue, CatalogueItem, Decision, Step
from .policies import CataloguePolicy, DecisionPolicy
from .states import StepKind


def decisions_visible_to(user: Any, action: str = "view") -> QuerySet[Decision]:
    return DecisionPolicy.visible(user, action).select_related("lead_unit", "government", "item")


def decision_get_for(user: Any, pk: int, action: str = "view") -> Decision:
    d = decisions_visible_to(user, action).filter(pk=pk).first()
    if d is None:
        raise Http404
    return d


def catalogues_visible_to(user: Any) -> QuerySet[Catalogue]:
    return CataloguePolicy.visible(user, "view").select_related("unit")


def catalogue_get_for(user: Any, pk: int, action: str = "view") -> Catalogue:
    c = CataloguePolicy.visible(user, action).select_related("unit").filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


def catalogues_public() -> QuerySet[Catalogue]:
    return Catalogue.objects.filter(state="published").select_related("unit")


def catalogue_items(c: Catalogue) -> list[CatalogueItem]:
    return list(c.items.select_related("lead_unit").prefetch_related("decisions").order_by("number"))


def step_current(d: Decision, kind: str, *, status: str | None = None) -> Step | None:
    """The latest record of a procedure in the decision's current round (returned ones excluded unless asked)."""
    qs = Step.objects.filter(decision=d, round=d.round, kind=kind)
    qs = qs.filter(status=status) if status else qs.exclude(status=Step.Status.RETURNED)
    return qs.order_by("-id").first()


def procedure_missing(d: Decision) -> list[str]:
    """Required procedures (the catalogue item's, plus 合法性审查 always) not completed in the current round.
    公众参与 is done by a completed step or a consultation of this decision that has closed; an open one is not."""
    consultations = list(consultations_for_owner(d))
    missing = []
    for kind in [*d.required, StepKind.LEGALITY]:
        done = step_current(d, kind, status=Step.Status.DONE) is not None
        if kind == StepKind.PARTICIPATION:
            if any(c.state == "open" for c in consultations):
                done = False
            elif any(c.state in ("closed", "published") for c in consultations):
                done = True
        if not done:
            missing.append(kind)
    return missing


def decision_timeline(d: Decision) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for s in d.steps.all():
        rows.append(
            {
                "on": s.completed_on or s.started_on,
                "label": f"{s.get_kind_display()}（第{s.round}轮）",
                "text": s.summary,
                "status": s.get_status_display(),
            }
        )
    for m in d.meetings.all():
        rows.append({"on": m.held_on, "label": m.kind, "text": m.get_result_display(), "status": ""})
    for r in d.returns.all():
        rows.append(
            {"on": r.created_at.date(), "label": f"程序回流至{r.get_to_step_display()}", "text": r.reason, "status": ""}
        )
    for c in d.changes.all():
        rows.append({"on": c.on, "label": c.get_kind_display(), "text": c.reason, "status": ""})
    return sorted(rows, key=lambda r: r["on"])


def catalogue_items_visible(user: Any) -> QuerySet[CatalogueItem]:
    return CatalogueItem.objects.filter(catalogue__in=catalogues_visible_to(user)).select_related(
        "catalogue__unit", "lead_unit"
    )


def government_of(unit: Any) -> Any:
    """The nearest government (人民政府) at or above a unit: the decision body for a decision not in a catalogue."""
    from fazhi.orgs.models import Unit, UnitKind

    ids = [int(i) for i in (unit.path or "").strip("/").split("/") if i.isdigit()] or [unit.pk]
    govs = {u.pk: u for u in Unit.objects.filter(pk__in=ids, kind=UnitKind.GOVERNMENT)}
    for i in reversed(ids):
        if i in govs:
            return govs[i]
    return unit


def decisions_public() -> QuerySet[Decision]:
    return Decision.objects.filter(published_on__isnull=False).select_related("lead_unit", "government")
