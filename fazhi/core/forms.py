"""Form helpers every module's pages share."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from django import forms

from .errors import DomainError


class TokenForm(forms.Form):
    """A hidden one-time token: a retried submit (double click, resend after a timeout) creates one record. A new
    form gets a fresh token; a refused form shown again keeps the one it was sent with, so resending it is still the
    same submission. The service stores the token with what it creates (unique) and returns the first on a repeat."""

    submit_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submit_token", uuid.uuid4())


_SENTINEL = "00000000-0000-4000-8000-00000000f0f0"  # the token a kept form is rendered with, replaced per use
_KEPT: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_KEPT_MAX = 256
_KEPT_LOCK = threading.Lock()


def unbound_form_html(form: TokenForm, stamp: str, *depends_on: Any) -> str:
    """form_fields.html of an unbound TokenForm, kept per process: a form typed into all day (the 12348 log) costs
    its ten widgets' templates once, not per page. The key is the form's class, prefix and initial values, the SQL of
    every choice queryset, `stamp` (the grants stamp when a field lists units: it changes with every unit and name)
    and `depends_on` (whatever else the caller's fields were built from); "" keeps nothing. Each use gets a fresh
    submit token. A bound form (a refusal shown back) is rendered as usual by the template."""
    from django.template.loader import render_to_string

    if form.is_bound:
        raise ValueError("unbound_form_html renders an unbound form only")
    initial = {k: v for k, v in form.initial.items() if k != "submit_token"}
    querysets = []
    for name, field in form.fields.items():
        qs = getattr(field, "queryset", None)
        if qs is not None:
            sql, params = qs.query.sql_with_params()
            querysets.append((name, sql, tuple(map(str, params))))
    key = (
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        repr(sorted(initial.items(), key=str)),
        tuple(querysets),
        stamp,
        depends_on,
    )
    with _KEPT_LOCK:
        html = _KEPT.get(key) if stamp else None
    if html is None:
        form.initial["submit_token"] = _SENTINEL
        html = render_to_string("form_fields.html", {"form": form})
        if stamp:
            with _KEPT_LOCK:
                _KEPT[key] = html
                while len(_KEPT) > _KEPT_MAX:
                    _KEPT.popitem(last=False)
    return html.replace(_SENTINEL, str(uuid.uuid4()))


def form_refuse(form: Any, exc: DomainError, fields: Mapping[str, str] | None = None) -> None:
    """A service's refusal beside the field it names (renamed through `fields`), else above the form; what the user
    typed stays in the bound form."""
    name = (fields or {}).get(exc.field or "", exc.field)
    form.add_error(name if name in form.fields else None, exc.message)


REPORT_MAX = 5000  # 进展情况、办理情况、完成情况: about three printed pages (issue #11 point 7)
REASON_MAX = 1000  # 理由、意见、说明
# the full text of a document pasted in (a draft regulation, a 规范性文件, a document template): a 100-article 办法 runs
# to about 20,000 characters, so reports' limit would refuse real ones; the request body cap (256 KB) still holds
DOCUMENT_MAX = 50000


def long_text(
    label: str, *, max_length: int = REASON_MAX, rows: int = 3, required: bool = True, help_text: str = ""
) -> forms.CharField:
    """A Textarea with a limit the browser enforces as you type (maxlength) and the server checks again, saying the
    limit in its help text. tests/test_ux_basics.py fails on a text area without a limit."""
    limit = f"最多{max_length}字。"
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=f"{help_text}{limit}" if help_text else limit,
        error_messages={"max_length": f"不能超过{max_length}字（现有%(show_value)d字）。"},
    )
