"""core.forms.unbound_form_html: the template's bytes, a fresh token per use, kept per key, never for a bound form."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string

from fazhi.core import forms as core_forms
from fazhi.core.forms import TokenForm, unbound_form_html


class NoteForm(TokenForm):
    title = forms.CharField(label="标题", max_length=20)
    kind = forms.ChoiceField(label="类别", choices=[("a", "甲"), ("b", "乙")])


TOKEN = re.compile(r'name="submit_token" value="([0-9a-f-]{36})"')


def test_the_kept_html_is_the_templates_with_a_fresh_token_each_time() -> None:
    core_forms._KEPT.clear()
    first = unbound_form_html(NoteForm(initial={"title": "初稿"}), "s1")
    second = unbound_form_html(NoteForm(initial={"title": "初稿"}), "s1")
    t1, t2 = TOKEN.search(first).group(1), TOKEN.search(second).group(1)  # type: ignore[union-attr]
    assert t1 != t2 and core_forms._SENTINEL not in first + second
    fresh = NoteForm(initial={"title": "初稿", "submit_token": t1})
    assert first == render_to_string("form_fields.html", {"form": fresh})  # the template's bytes
    assert len(core_forms._KEPT) == 1
    # another initial value or stamp is another entry; "" keeps nothing
    assert 'value="二稿"' in unbound_form_html(NoteForm(initial={"title": "二稿"}), "s1")
    unbound_form_html(NoteForm(initial={"title": "初稿"}), "s2")
    unbound_form_html(NoteForm(initial={"title": "初稿"}), "")
    assert len(core_forms._KEPT) == 3


def test_a_bound_form_is_refused() -> None:
    with pytest.raises(ValueError):
        unbound_form_html(NoteForm({"title": "x"}), "s1")
