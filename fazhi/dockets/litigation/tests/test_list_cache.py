"""The 行政应诉 list through the kernel's case_page (cases/listing.py): capped count, rows kept under the docket stamp
and the grants stamp, and never shown after a committed change or to a viewer with another scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.cases.listing import COUNT_CAP, detail_url, docket_stamp, page_number
from fazhi.cases.models import Case, DocketStamp

pytestmark = pytest.mark.django_db


def test_a_kept_page_needs_only_the_session_and_user_queries_and_a_new_case_shows_at_once(
    lawsuit, handler, login_client, pages_cache, django_assert_num_queries
):
    first = lawsuit()
    c = login_client(handler)
    assert [r["pk"] for r in c.get("/litigation/").context["rows"]] == [first.pk]
    # session, user (one statement, with the docket stamps) — no stamp, rows or count query
    with django_assert_num_queries(2):
        kept = c.get("/litigation/")
    assert [r["pk"] for r in kept.context["rows"]] == [first.pk] and kept.context["result"].total == 1
    # when another case is registered, the docket stamp changes in the same transaction
    before = docket_stamp("litigation")
    second = lawsuit(court_case_number="（2025）示0101行初2号")
    assert docket_stamp("litigation") != before
    page = c.get("/litigation/")
    assert [r["pk"] for r in page.context["rows"]] == [second.pk, first.pk] and page.context["result"].total == 2


def test_a_viewer_with_another_scope_never_gets_a_kept_page(lawsuit, handler, persona, login_client, pages_cache):
    case = lawsuit()
    assert [r["pk"] for r in login_client(handler).get("/litigation/").context["rows"]] == [case.pk]
    # a handler of another unit (本单位 scope) asks for the same page with the same filters
    outsider = persona("reconsideration_handler", "market")
    assert login_client(outsider).get("/litigation/").context["rows"] == []


def test_deleting_a_case_changes_the_stamp(lawsuit):
    case = lawsuit()
    before = DocketStamp.objects.get(docket="litigation").token
    case.delete()
    assert DocketStamp.objects.get(docket="litigation").token != before
    assert docket_stamp("no-such-docket") == "-"


def test_the_count_stops_at_the_cap(lawsuit, handler, login_client, monkeypatch):
    import fazhi.cases.listing as listing

    monkeypatch.setattr(listing, "COUNT_CAP", 2)
    for i in range(3):
        lawsuit(court_case_number=f"（2025）示0101行初{i + 10}号")
    page = login_client(handler).get("/litigation/")
    assert page.context["result"].total == "2+" and "共 2+ 件" in page.content.decode()
    assert COUNT_CAP == 1000


def test_rows_link_to_the_detail_url_and_page_numbers_are_clamped(lawsuit, handler, login_client):
    case = lawsuit()
    row = login_client(handler).get("/litigation/").context["rows"][0]
    assert row["url"] == reverse("litigation:detail", args=[case.pk]) == detail_url("litigation:detail", case.pk)
    assert (page_number(None), page_number("0"), page_number("-3"), page_number("x"), page_number("7")) == (
        1,
        1,
        1,
        1,
        7,
    )
    assert page_number("99999999999") == 100_000
    assert Case.objects.count() == 1


def test_list_cells_are_escaped():
    from fazhi.cases.templatetags.case_lists import case_rows

    html = case_rows(
        [{"url": "/x/1/?a=1&b=2", "case_number": "示应诉〔2025〕1号", "title": "<script>alert(1)</script>"}],
        "case_number",
        "title",
    )
    assert html == (
        '<tr><td><a href="/x/1/?a=1&amp;b=2">示应诉〔2025〕1号</a></td>'
        "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td></tr>"
    )
    assert case_rows([], "a", "b", "c") == '<tr><td colspan="3">暂无案件。</td></tr>'
