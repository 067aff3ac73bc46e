"""Form helpers every module's pages share."""

from __future__ import annotations

import uuid
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


def form_refuse(form: Any, exc: DomainError, fields: Mapping[str, str] | None = None) -> None:
    """A service's refusal beside the field it names (renamed through `fields`), else above the form; what the user
    typed stays in the bound form."""
    name = (fields or {}).get(exc.field or "", exc.field)
    form.add_error(name if name in form.fields else None, exc.message)
