"""Reads of the normative-documents module, already scoped to the requesting user (or public, for the library)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from .models import DocumentStatus, FilingReview, NormativeDocument, SearchToken
from .policies import NormativeDocumentPolicy
from .search import query_tokens


def documents_visible_to(user: Any, action: str = "view") -> QuerySet[NormativeDocument]:
    return NormativeDocumentPolicy.visible(user, action).select_related("lead_unit", "filed_to")


def document_get_for(user: Any, pk: int, action: str = "view") -> NormativeDocument:
    """The document if `user` may do `action` on it; the same 404 for a missing and a forbidden one."""
    doc = NormativeDocument.objects.select_related("lead_unit", "filed_to").filter(pk=pk).first()
    if doc is None or not NormativeDocumentPolicy.can(user, action, doc):
        raise Http404
    return doc


def filing_reviews_for(user: Any) -> QuerySet[FilingReview]:
    docs = NormativeDocumentPolicy.visible(user, "filing_review")
    return FilingReview.objects.filter(document__in=docs).select_related("document", "document__lead_unit")


def documents_to_review(user: Any) -> QuerySet[NormativeDocument]:
    """Filed to the user's unit (scope), not yet decided."""
    return (
        NormativeDocumentPolicy.visible(user, "filing_review")
        .filter(filed_on__isnull=False)
        .exclude(filing_review__outcome__in=["passed", "correction"])
        .select_related("lead_unit")
    )


def library_documents() -> QuerySet[NormativeDocument]:
    """Everything published is public (国办发〔2018〕37号: 未经公布的不得作为行政管理依据)."""
    return NormativeDocument.objects.filter(published_on__isnull=False).select_related("lead_unit")


def library_search(
    *,
    query: str = "",
    issuer_id: int | None = None,
    status: str = "",
    published_from: Any = None,
    published_to: Any = None,
) -> QuerySet[NormativeDocument]:
    """The public library: any query length, one- and two-character queries included, from the token index; a query
    run longer than two characters is then confirmed as a substring of the title, 文号, 登记编号 or text."""
    qs = library_documents()
    tokens, long_runs = query_tokens(query)
    if tokens:
        qs = _with_tokens(qs, tokens)
        for run in long_runs:
            qs = qs.filter(
                Q(title__icontains=run)
                | Q(doc_number__icontains=run)
                | Q(registration_number__icontains=run)
                | Q(full_text__icontains=run)
                | Q(lead_unit__name__icontains=run)
            )
    if issuer_id:
        qs = qs.filter(Q(lead_unit_id=issuer_id) | Q(co_issuers__id=issuer_id)).distinct()
    if status in DocumentStatus.values and status:
        qs = qs.filter(status=status)
    if published_from:
        qs = qs.filter(published_on__gte=published_from)
    if published_to:
        qs = qs.filter(published_on__lte=published_to)
    return qs.order_by("-published_on", "-id")


RARE = 5000  # a token (or the rarest two together) in fewer documents than this: start from its documents
RANK_CAP = 20_000  # tokens are ranked by their counts up to this (an index-only count)


def _with_tokens(qs: QuerySet[NormativeDocument], tokens: set[str]) -> QuerySet[NormativeDocument]:
    """Documents having every token. The rarest tokens decide the plan:
    - a rare one lists its documents (an index range) and the others are checked per document;
    - when every token is common but two of them seldom meet (a 文号: 示范, 20, 15, 5号 are each in thousands of
      documents, together in a few hundred), the documents having both are listed (two index ranges) and checked;
    - when even those are common (市, 管理, 食品安全), the newest documents are walked in order and checked per document,
      so the first page stops after 20 matches instead of sorting 100,000 ids.
    The counts are capped and read from the (token, document) index alone."""
    counts = {t: _postings(t)[:RANK_CAP].count() for t in tokens}
    ranked = sorted(tokens, key=lambda t: (counts[t], t))
    rarest = ranked[0]
    if counts[rarest] < RARE:
        qs = qs.filter(pk__in=_postings(rarest))
        others = ranked[1:]
    elif (
        len(ranked) > 1
        and (both := _postings(ranked[0]).filter(document_id__in=_postings(ranked[1])))[:RARE].count() < RARE
    ):
        qs = qs.filter(pk__in=both)
        others = ranked[2:]
    else:
        others = ranked
    for t in others:
        qs = qs.filter(Exists(SearchToken.objects.filter(document_id=OuterRef("pk"), token=t)))
    return qs


def _postings(token: str) -> QuerySet[SearchToken]:
    return SearchToken.objects.filter(token=token).values("document_id")


def library_get(pk: int) -> NormativeDocument:
    doc = library_documents().filter(pk=pk).first()
    if doc is None:
        raise Http404
    return doc
