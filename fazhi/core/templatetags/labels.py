"""``{{ code|action_label }}``: the Chinese label of an audit action or permission code (fazhi/core/action_labels.py).

A builtin of the template engine (config/settings/base.py), so every page can show a code's label without a load.
"""

from __future__ import annotations

from django import template

from fazhi.core.actions import action_label as _label

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return _label(str(code or ""))


@register.filter
def without_label(message: str, label: str) -> str:
    """An error message without the field's label in front, for a template that puts the label there once
    (issue #11 point 5: a message that already named its field read "身份证号码：身份证号码：…")."""
    text, label = str(message), str(label or "")
    while label and text.startswith((f"{label}：", f"{label}:")):
        text = text[len(label) + 1 :].lstrip()
    return text
