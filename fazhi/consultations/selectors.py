"""Reads of the consultation engine, scoped by the policy; the ledger's items and the figures behind every page,
the .docx and the Excel export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.deadlines.engine import DueResult, compute_due
from fazhi.metrics.registry import rate

from .models import AdoptionEntry, Comment, CommentCluster, Consultation, DraftArticle, Outcome
from .policies import ConsultationPolicy
from .registry import OWNERS
from .states import ConsultationState


def consultations_visible_to(user: Any, action: str = "view") -> QuerySet[Consultation]:
    return ConsultationPolicy.visible(user, action).select_related("unit")


def consultation_get_for(user: Any, pk: int, action: str = "view") -> Consultation:
    c = consultations_visible_to(user, action).filter(pk=pk).first()
    if c is None:
        raise Http404
    return c


def consultations_for_owner(owner: Any) -> QuerySet[Consultation]:
    from django.contrib.contenttypes.models import ContentType

    return Consultation.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)


def period_minimum_of(c: Consultation) -> DueResult:
    """The first day on which the consultation may close: the owner's minimum-period rule (fazhi/deadlines) counted
    from the opening day (the day itself not counted, 民事诉讼法 Art. 85)."""
    return compute_due(c.rule_id, c.opened_on or c.opens_on)


def consultations_public() -> QuerySet[Consultation]:
    """What the portal lists: consultations that are or were open (a draft is never public)."""
    return Consultation.objects.exclude(state=ConsultationState.DRAFT).select_related("unit")


def owner_info(c: Consultation) -> dict[str, str]:
    spec = OWNERS.get(f"{c.owner_type.app_label}.{c.owner_type.model}")
    obj = c.owner_type.get_object_for_this_type(pk=c.owner_id) if spec else None
    if spec is None or obj is None:
        return {"label": "", "title": "", "url": ""}
    return {"label": spec.label, "title": spec.title(obj), "url": spec.url(obj)}


@dataclass
class LedgerItem:
    """One line of the ledger: a cluster of near-duplicates (answered once) or a single comment."""

    comments: list[Comment]
    cluster: CommentCluster | None = None
    entry: AdoptionEntry | None = None
    article: DraftArticle | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def first(self) -> Comment:
        return self.comments[0]

    @property
    def senders(self) -> int:
        return len({c.sender_key or f"#{c.pk}" for c in self.comments})


def ledger_items(c: Consultation) -> list[LedgerItem]:
    """Visible comments as ledger items in order of their first comment: a cluster's members without their own
    answer form one item; a comment answered on its own (or in no cluster) is an item by itself."""
    comments = list(c.comments.filter(hidden=False).select_related("article", "cluster", "adoption").order_by("number"))
    cluster_entries = {e.cluster_id: e for e in AdoptionEntry.objects.filter(consultation=c, cluster__isnull=False)}
    items: list[LedgerItem] = []
    by_cluster: dict[int, LedgerItem] = {}
    for cm in comments:
        own = cm.adoption if hasattr(cm, "adoption") else None
        if cm.cluster_id and own is None:
            item = by_cluster.get(cm.cluster_id)
            if item is None:
                item = LedgerItem([], cluster=cm.cluster, entry=cluster_entries.get(cm.cluster_id), article=cm.article)
                by_cluster[cm.cluster_id] = item
                items.append(item)
            item.comments.append(cm)
        else:
            items.append(LedgerItem([cm], entry=own, article=cm.article))
    return items


def answers_by_comment(c: Consultation) -> dict[int, AdoptionEntry]:
    out: dict[int, AdoptionEntry] = {}
    for item in ledger_items(c):
        if item.entry is not None:
            for cm in item.comments:
                out[cm.pk] = item.entry
    return out


def consultation_figures(c: Consultation) -> dict[str, Any]:
    """Comments (visible), commenters (distinct phone, else name; anonymous each one), clusters (of ≥ 2 visible
    comments), answers by outcome counted per comment, adoption rate = (采纳 + 部分采纳) ÷ answered comments, and the
    same per article ("" = the whole draft)."""
    items = ledger_items(c)
    comments = [cm for i in items for cm in i.comments]
    outcomes = {o: 0 for o in Outcome.values}
    per_article: dict[int | None, dict[str, Any]] = {}
    for a in [None, *c.articles.all()]:
        per_article[a.pk if a else None] = {
            "article": a,
            "label": a.label if a else "总体意见",
            "comments": 0,
            "adopted": 0,
            "answered": 0,
        }
    for i in items:
        for cm in i.comments:
            row = per_article[cm.article_id]
            row["comments"] += 1
            if i.entry is not None:
                outcomes[i.entry.outcome] += 1
                row["answered"] += 1
                row["adopted"] += i.entry.outcome in (Outcome.ADOPTED, Outcome.PARTLY)
    answered = sum(outcomes.values())
    adopted = outcomes[Outcome.ADOPTED] + outcomes[Outcome.PARTLY]
    for row in per_article.values():
        row["adoption_rate"] = rate(row["adopted"], row["answered"])
    return {
        "comments": len(comments),
        "hidden": c.comments.filter(hidden=True).count(),
        "commenters": len({cm.sender_key or f"#{cm.pk}" for cm in comments}),
        "clusters": sum(1 for i in items if i.cluster is not None and len(i.comments) >= 2),
        "clustered_comments": sum(len(i.comments) for i in items if i.cluster is not None and len(i.comments) >= 2),
        "items": len(items),
        "answered": answered,
        "outcomes": outcomes,
        "adoption_rate": rate(adopted, answered),
        "per_article": [r for r in per_article.values() if r["comments"] or r["article"] is not None],
    }


def revision_list(c: Consultation) -> list[LedgerItem]:
    """The drafter's revision list: adopted and partly adopted items, in the draft's article order."""
    rows = [i for i in ledger_items(c) if i.entry and i.entry.outcome in (Outcome.ADOPTED, Outcome.PARTLY)]
    return sorted(rows, key=lambda i: (i.article.order if i.article else 0, i.first.number))
