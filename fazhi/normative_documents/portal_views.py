"""Public pages (anonymous by design, mounted under the portal): the 规范性文件库 with search — one- and two-character
Chinese queries included — each document's page (status, validity, history, text), 审查建议 and the 清理 results."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import mark_safe

from fazhi.core.errors import DomainError
from fazhi.core.middleware import client_ip
from fazhi.core.ratelimit import rate_hit, rate_retry_at
from fazhi.core.stamps import kept
from fazhi.deadlines.selectors import today_local
from fazhi.orgs.models import GrantsStamp

from .forms import LibrarySearchForm, SuggestionForm
from .models import CleanupCampaign, NormativeDocument
from .selectors import library_get, library_search
from .services import review_suggestion_submit
from .services.library import LIBRARY
from .templatetags.library_rows import library_items

SUGGEST_LIMIT = (10, 3600)  # per IP per hour
PAGE = 20
COUNT_CAP = 1000


@dataclass(frozen=True)
class LibraryPage:
    """One page of a library search as shown: which documents, in order, the capped count, the result list's HTML and
    the search form's HTML — kept under the library's data stamp (a publication, status change or re-index makes a
    new one) and the grants stamp (a unit's name, shown in each row and in the issuer select)."""

    ids: tuple[int, ...]
    count: int
    number: int
    num_pages: int
    items: str
    form: str


# the fields the result list shows (templatetags/library_rows.py): the text is never read for a page
ROW_FIELDS = (
    "title",
    "doc_number",
    "registration_number",
    "published_on",
    "status",
    "valid_until",
    "lead_unit__name",
)


def _library_page(params: dict, page: str | None, form: LibrarySearchForm) -> LibraryPage:
    # the first COUNT_CAP matches in order, in one query: their number is the (capped) count and the page is cut from
    # them (a one-character query may match most of the library; refine it to see past that)
    matches = list(library_search(**params).values_list("pk", flat=True)[:COUNT_CAP])
    found = Paginator(matches, PAGE).get_page(page)
    ids = tuple(found.object_list)
    by_pk = NormativeDocument.objects.select_related("lead_unit").only(*ROW_FIELDS).in_bulk(ids)
    items = library_items([by_pk[pk] for pk in ids if pk in by_pk])
    form_html = render_to_string("form_fields.html", {"form": form})
    return LibraryPage(ids, found.paginator.count, found.number, found.paginator.num_pages, items, form_html)


class _Page(list):
    """The slice of a page the template reads (its ids, number, previous/next), over a kept LibraryPage."""

    def __init__(self, kept_page: LibraryPage) -> None:
        super().__init__(kept_page.ids)
        self.number = kept_page.number
        self.count = kept_page.count
        self.num_pages = kept_page.num_pages
        self.items = mark_safe(kept_page.items)  # noqa: S308  (library_items escaped every value)

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET or None)
    params: dict = {}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        params = {
            "query": d["q"],
            "issuer_id": d["issuer"].pk if d["issuer"] else None,
            "status": d["status"],
            "published_from": d["published_from"],
            "published_to": d["published_to"],
        }
    page_arg = request.GET.get("page")
    units = GrantsStamp.objects.filter(pk=1).values_list("token", flat=True).first() or "-"
    # what the page depends on besides the library's stamp: the query as typed (the form shows it back, with its
    # errors), the day (a search by date reads "today"'s data) and the units' names (the grants stamp)
    part = repr((sorted(request.GET.lists()), today_local(), units))
    found = kept(LIBRARY, part, lambda: _library_page(params, page_arg, form))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "normative_documents/portal/library.html",
        {
            "form_html": mark_safe(found.form),  # noqa: S308  (rendered by form_fields.html, autoescaped)
            "page": _Page(found),
            "query": query.urlencode(),
            "capped": found.count >= COUNT_CAP,
        },
    )


def document_page(request: HttpRequest, pk: int) -> HttpResponse:
    doc = library_get(pk)
    history = [
        (doc.signed_on, "签发"),
        (doc.published_on, f"公布（{doc.published_where}）"),
        (doc.effective_on, "施行"),
        (doc.ended_on, doc.get_status_display() if doc.ended_on else ""),
    ]
    return render(
        request,
        "normative_documents/portal/document.html",
        {
            "doc": doc,
            "history": [(d, t) for d, t in history if d],
            "supersedes": doc.supersedes.filter(published_on__isnull=False),
        },
    )


def suggest(request: HttpRequest, pk: int) -> HttpResponse:
    doc = library_get(pk)
    form = SuggestionForm(request.POST or None, initial={"document": doc.pk})
    if request.method == "POST":
        if rate_hit(f"portal.documents.suggest:{client_ip(request)}", limit=SUGGEST_LIMIT[0], seconds=SUGGEST_LIMIT[1]):
            return render(request, "portal/limited.html", {"retry_at": rate_retry_at(SUGGEST_LIMIT[1])}, status=429)
        if form.is_valid():
            d = form.cleaned_data
            if d["document"] != doc.pk:
                raise Http404
            try:
                s = review_suggestion_submit(
                    document=doc, name=d["name"], phone=d["phone"], content=d["content"], submit_token=d["submit_token"]
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return render(request, "normative_documents/portal/suggested.html", {"doc": doc, "suggestion": s})
    return render(
        request,
        "normative_documents/portal/suggest.html",
        {"doc": doc, "form": form},
        status=400 if form.errors else 200,
    )


def cleanups(request: HttpRequest) -> HttpResponse:
    rows = (
        CleanupCampaign.objects.filter(approved_on__isnull=False)
        .prefetch_related("items__document")
        .order_by("-approved_on")[:20]
    )
    return render(request, "normative_documents/portal/cleanups.html", {"rows": rows})


urlpatterns = [
    path("documents/", library, name="documents"),
    path("documents/<int:pk>/", document_page, name="document"),
    path("documents/<int:pk>/suggest/", suggest, name="document_suggest"),
    path("documents/cleanups/", cleanups, name="document_cleanups"),
]
