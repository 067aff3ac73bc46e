"""A date field's preset value reaches the browser as ISO 8601 (issue #19): with Django's zh_Hans formats it rendered
"2026/12/01", which <input type="date"> rejects, so the field showed empty."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import translation


class _Form(forms.Form):
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_a_preset_date_renders_iso_and_other_spellings_are_still_read():
    with translation.override("zh-hans"):
        html = str(_Form(initial={"on": dt.date(2026, 12, 1)})["on"])
        assert 'value="2026-12-01"' in html
        for text in ("2026-12-01", "2026/12/01", "2026年12月1日"):
            form = _Form({"on": text})
            assert form.is_valid(), text
            assert form.cleaned_data["on"] == dt.date(2026, 12, 1)
