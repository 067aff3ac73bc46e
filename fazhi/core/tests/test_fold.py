"""{{ text|fold }} (issue #11 point 7): a long text shows its first part and the rest behind a native <details>; a
short one comes back as it was, escaped, with its line breaks."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from fazhi.core.templatetags.fold import FOLD_CHARS, FOLD_LINES, fold_point


def _render(text: str) -> str:
    return Template("{{ text|fold }}").render(Context({"text": text}))


def test_a_6000_character_report_is_folded_with_its_length_and_the_whole_text_on_the_page():
    # given a progress report of 6,000 characters in sentences of 20
    text = ("本季度完成涉企收费清理工作共计十二项。" * 316)[:6000]
    # when it is shown
    html = _render(text)
    # then the first part shows, the rest is behind 展开 with the count, and nothing is lost
    assert html.startswith('<div class="fold">')
    assert html.count("<details>") == 1
    assert "<summary>展开全文（共6000字）</summary>" in html
    head, rest = html.split("<details>")
    assert 200 < len(head) - len('<div class="fold">') <= FOLD_CHARS
    assert head.endswith("。")  # cut at the end of a sentence
    assert (
        html.replace('<div class="fold">', "")
        .replace("<details><summary>展开全文（共6000字）</summary>", "")
        .replace("</details></div>", "")
        == text
    )


def test_a_100_character_report_is_shown_whole_without_details():
    text = "已建立问题台账。" * 12 + "清理"
    assert len(text) == 98
    assert _render(text) == text


def test_line_breaks_are_kept_and_html_is_escaped():
    assert _render("第一行\n<b>第二行</b>") == "第一行<br>&lt;b&gt;第二行&lt;/b&gt;"
    folded = _render("\n".join(f"第{i}项<script>" for i in range(1, 10)))
    assert "<script>" not in folded
    assert folded.startswith('<div class="fold">第1项&lt;script&gt;<br>第2项')


def test_more_than_six_short_lines_fold_after_the_sixth():
    text = "\n".join(f"{i}. 落实责任" for i in range(1, 10))
    cut = fold_point(text)
    assert text[:cut].rstrip().split("\n")[-1] == f"{FOLD_LINES}. 落实责任"
    assert "<summary>展开全文（共" in _render(text)


@pytest.mark.parametrize("value", [None, "", "   \n"])
def test_nothing_renders_nothing(value):
    assert _render(value) == ""


def test_a_text_just_over_the_limit_without_a_sentence_end_is_cut_at_the_limit():
    text = "字" * (FOLD_CHARS + 1)
    assert fold_point(text) == FOLD_CHARS
    assert "<summary>展开全文（共301字）</summary>字</details>" in _render(text)
