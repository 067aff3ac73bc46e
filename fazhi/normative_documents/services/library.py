"""The public library's index: each published document's distinct characters and character pairs (SearchToken),
rewritten whenever the document's searchable fields change. See selectors.library_search."""

from __future__ import annotations

from django.db import transaction

from fazhi.core.stamps import stamp_changed

from ..models import NormativeDocument, SearchToken
from ..search import tokens_of

LIBRARY = "normative_documents.library"  # the data stamp of the public library's searches (portal_views.library)


def document_search_text(doc: NormativeDocument) -> list[str]:
    """The searchable fields, each tokenised on its own (no pair spans two fields)."""
    issuers = [doc.lead_unit.name, *(u.name for u in doc.co_issuers.all())]
    return [doc.title, doc.doc_number, doc.registration_number or "", *issuers, doc.full_text]


@transaction.atomic
def document_index(*, document_id: int) -> int:
    """(Re)write the tokens of one document; unpublished documents have none. Returns the token count. Every path that
    changes what the library lists (publication, status, searchable text) ends here, so the library's stamp changes
    with it."""
    stamp_changed(LIBRARY)
    doc = NormativeDocument.objects.select_related("lead_unit").filter(pk=document_id).first()
    SearchToken.objects.filter(document_id=document_id).delete()
    if doc is None or doc.published_on is None:
        return 0
    tokens = set()
    for text in document_search_text(doc):
        tokens |= tokens_of(text)
    SearchToken.objects.bulk_create(
        [SearchToken(token=t, document_id=document_id) for t in sorted(tokens)], batch_size=2000
    )
    return len(tokens)
