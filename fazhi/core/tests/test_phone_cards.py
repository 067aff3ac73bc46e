"""Lists as cards on a phone without JavaScript (issue #11 point 8): every list table's cells carry their column's
label, written on the server (fazhi/core/phone_cards.py), so app.css can lay the rows out as cards."""

from __future__ import annotations

import pytest

from fazhi.core.phone_cards import label_tables

LIST = (
    '<table class="table"><thead><tr><th>工单号</th><th>诉求 <small>内容</small></th><th colspan="2">办理</th></tr>'
    "</thead><tbody>\n"
    '<tr><td><a href="/x/">A1</a></td><td>停水</td><td>受理</td><td data-label="结果">已办结</td></tr>'
    '<tr><td colspan="4">暂无案件。</td></tr></tbody></table>'
)


def test_a_list_table_is_marked_and_each_cell_carries_its_column_label():
    assert label_tables(LIST) == (
        '<table class="table phone-cards"><thead><tr><th>工单号</th><th>诉求 <small>内容</small></th>'
        '<th colspan="2">办理</th></tr></thead><tbody>\n'
        '<tr><td data-label="工单号"><a href="/x/">A1</a></td><td data-label="诉求 内容">停水</td>'
        '<td data-label="">受理</td><td data-label="结果">已办结</td></tr>'
        '<tr><td colspan="4" data-label="">暂无案件。</td></tr></tbody></table>'
    )


@pytest.mark.parametrize(
    "table",
    [
        "<table class='list no-cards'><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead><tbody><tr><td>1</td>"
        "<td>2</td><td>3</td></tr></tbody></table>",
        "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
        "<table><thead><tr><th colspan=3>a</th></tr><tr><th>b</th><th>c</th><th>d</th></tr></thead><tbody><tr>"
        "<td>1</td><td>2</td><td>3</td></tr></tbody></table>",
        "<table><tr><td>1</td><td>2</td><td>3</td></tr></table>",
    ],
    ids=["opted out", "two columns", "two-row header", "no header"],
)
def test_other_tables_are_left_as_they_are(table):
    assert label_tables(table) == table


def test_a_table_inside_a_cell_is_labelled_from_its_own_header_and_labels_are_escaped():
    page = (
        '<table><thead><tr><th>甲</th><th>乙&amp;丙</th><th>"丁"</th></tr></thead><tbody><tr><td>1</td><td>'
        "<table><thead><tr><th>x</th><th>y</th><th>z</th></tr></thead><tbody><tr><td>a</td><td>b</td><td>c</td>"
        "</tr></tbody></table></td><td>3</td></tr></tbody></table>"
    )
    out = label_tables(page)
    assert '<td data-label="乙&amp;丙"><table class="phone-cards">' in out
    assert '<td data-label="x">a</td><td data-label="y">b</td><td data-label="z">c</td>' in out
    assert '<td data-label="&quot;丁&quot;">3</td>' in out


NESTED = (
    "<table><thead><tr><th>甲</th><th>乙</th><th>丙</th></tr></thead><tbody><tr><td>1</td><td>"
    "<TABLE><thead><tr><th>x</th><th>y</th><th>z</th></tr></thead><tbody><tr><td>a</td><td>b</td><td>c</td>"
    "</tr></tbody></TABLE></td><td>3</td></tr></tbody></table>"
)


@pytest.mark.parametrize(
    "page",
    [
        f"<main><p>前言</p>{LIST}<p>中间</p>{LIST}<footer>尾</footer></main>",
        f"<div>{NESTED}</div></table><p>多余的结束标签</p>{LIST}",
        f"<div>{LIST}<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead><tbody><tr><td>1</td><td>2",
    ],
    ids=["two tables among text", "nested, upper case and a stray end tag", "a table left open"],
)
def test_labelling_table_by_table_gives_the_bytes_of_one_scan_of_the_whole_page(page):
    from fazhi.core.phone_cards import _label_fragment, _label_table

    once = label_tables(page)
    assert once == _label_fragment(page) and once != page
    hits = _label_table.cache_info().hits
    assert label_tables(page) == once and _label_table.cache_info().hits > hits  # the second time from the kept tables


def test_every_html_page_gets_it_from_the_middleware_and_nothing_else_is_touched(rf):
    from django.http import HttpResponse, JsonResponse

    from fazhi.core.phone_cards import PhoneCardsMiddleware

    page = PhoneCardsMiddleware(lambda request: HttpResponse(LIST))(rf.get("/"))
    assert '<td data-label="工单号"><a href="/x/">A1</a></td>' in page.content.decode()
    assert page.content.decode() == label_tables(LIST)
    data = PhoneCardsMiddleware(lambda request: JsonResponse({"html": LIST}))(rf.get("/"))
    assert data.content.count(b"data-label") == 1  # the one the cell named itself
