"""The one unit picker (issue #11 point 12): every select of units renders through these widgets and fields.

A city has a hundred units or more; a plain select of them has no search. ``UnitSelect`` / ``UnitSelectMultiple``
render an ordinary ``<select data-picker="unit">`` (it works without JavaScript) whose options carry
``data-search`` — the unit's short name and aliases — and ``static/fazhi/app.js`` (``fazhiPickers``) puts a search box
above it: typing any part of a full name, short name or alias filters the options. Option values may be unit ids,
model choice values, or the plan forms' ``u<id>`` / ``g<id>`` (a group's own aliases are searched too).

Fields: ``UnitChoiceField`` / ``UnitMultipleChoiceField`` (labels indented by tree depth with ``tree=True``); a select
of records that a unit names (执法主体, 被督察单位) takes ``UnitNamedSelect``. tests/test_unit_picker.py fails on a
form's select of units without the picker.
The persona × page walk fails on a long select without the picker (tests/walk.py).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import GrantsStamp, Unit, UnitAlias, UnitGroup


def _unit_id(value: Any) -> tuple[str, int] | None:
    """('u', id) or ('g', id) of an option value; None for the empty choice or anything else."""
    value = getattr(value, "value", value)  # ModelChoiceIteratorValue
    text = str(value if value is not None else "")
    if text[:1] in ("u", "g") and text[1:].isdigit():
        return text[0], int(text[1:])
    return ("u", int(text)) if text.isdigit() else None


class _PickerMixin:
    """Adds data-picker to the select and data-search (short name, aliases) to each unit's option, read once per
    widget."""

    _search: dict[tuple[str, int], str]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        if not hasattr(self, "_search"):  # once per widget, however many selects it renders (the plan import's)
            self._search = self._search_terms()
        attrs = {**(attrs or {}), "data-picker": "unit"}
        return super().get_context(name, value, attrs)  # type: ignore[misc]

    def _search_terms(self) -> dict[tuple[str, int], str]:
        # every active unit's short name and aliases (two small queries; iterating a ModelChoiceField's choices here
        # would run its query a second time), and the aliases of the groups a fixed choice list names
        terms: dict[tuple[str, int], list[str]] = {}
        for pk, short in Unit.objects.filter(is_active=True).values_list("pk", "short_name"):
            terms.setdefault(("u", pk), []).append(short)
        for pk, alias in UnitAlias.objects.filter(unit__is_active=True).order_by("pk").values_list("unit_id", "name"):
            terms.setdefault(("u", pk), []).append(alias)
        choices = self.choices  # type: ignore[attr-defined]
        if isinstance(choices, list | tuple):
            groups = [k[1] for v, _label in choices if (k := _unit_id(v)) is not None and k[0] == "g"]
            if groups:
                for pk, aliases in UnitGroup.objects.filter(pk__in=groups).values_list("pk", "aliases"):
                    terms.setdefault(("g", pk), []).extend(str(a) for a in aliases or [])
        return {k: " ".join(t for t in v if t) for k, v in terms.items()}

    def create_option(self, name: str, value: Any, label: Any, selected: Any, index: int, **kwargs: Any) -> Any:
        option = super().create_option(name, value, label, selected, index, **kwargs)  # type: ignore[misc]
        key = _unit_id(value)
        if key is not None and getattr(self, "_search", {}).get(key):
            option["attrs"]["data-search"] = self._search[key]
        return option


def _attrs_html(attrs: dict[str, Any]) -> SafeString:
    """Django's widgets/attrs.html in Python: False leaves the attribute out, True writes its bare name."""
    return _joined(
        format_html(" {}", k) if v is True else format_html(' {}="{}"', k, str(v))
        for k, v in attrs.items()
        if v is not False
    )


def _joined(parts: Any) -> SafeString:
    return format_html_join("", "{}", ((p,) for p in parts))


_KEPT: OrderedDict[tuple[Any, ...], SafeString] = OrderedDict()
_KEPT_MAX = 512


def _kept_key(widget: Any, name: str, value: Any, attrs: dict[str, Any] | None) -> tuple[Any, ...] | None:
    """What a select of units from a queryset depends on: the grants stamp (it changes with every unit, name, alias
    and tree change, orgs/signals.py), the queryset's SQL, how labels are made, and the name, attributes and value.
    None for any other choices (a fixed list: rendered fresh)."""
    choices = getattr(widget, "choices", None)
    field = getattr(choices, "field", None)
    queryset = getattr(field, "queryset", None)
    if queryset is None or queryset.model is not Unit:
        return None
    stamp = GrantsStamp.objects.filter(pk=1).values_list("token", flat=True).first()
    if not stamp:
        return None
    sql, params = queryset.query.sql_with_params()
    values = tuple(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
    return (
        stamp,
        type(widget).__name__,
        sql,
        tuple(map(str, params)),
        getattr(field, "tree", False),
        str(getattr(field, "empty_label", "")),
        name,
        repr(sorted((attrs or {}).items())),
        repr(sorted(widget.attrs.items())),
        values,
    )


class _FastSelectMixin:
    """A select of a city's units has a hundred options or more; Django renders each through two templates
    (select_option.html, attrs.html), which was ~45 % of the public library's page (bench/documents_library.py).
    This writes the same HTML as django/forms/widgets/select.html in Python, every value escaped by format_html;
    orgs/tests/test_widgets.py compares the two on a grouped, multiple and selected select. A select over a queryset
    of units is kept per process under the grants stamp (ADR 0006): building its options (the units, their short
    names and aliases) was still a third of the library page after that."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        key = _kept_key(self, name, value, attrs)
        if key is not None and (html := _KEPT.get(key)) is not None:
            _KEPT.move_to_end(key)
            return html
        w = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        html = format_html(
            '<select name="{}"{}>{}\n</select>', w["name"], _attrs_html(w["attrs"]), _joined(_optgroups(w))
        )
        if key is not None:
            _KEPT[key] = html
            while len(_KEPT) > _KEPT_MAX:
                _KEPT.popitem(last=False)
        return html


def _optgroups(w: dict[str, Any]) -> Any:
    for group_name, group_choices, _index in w["optgroups"]:
        options = _joined(
            format_html('\n  <option value="{}"{}>{}</option>\n', str(o["value"]), _attrs_html(o["attrs"]), o["label"])
            for o in group_choices
        )
        yield format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, options) if group_name else options


class UnitSelect(_FastSelectMixin, _PickerMixin, forms.Select):
    pass


class UnitSelectMultiple(_FastSelectMixin, _PickerMixin, forms.SelectMultiple):
    pass


class UnitNamedSelect(_FastSelectMixin, forms.Select):
    """The picker over records a unit names — 执法主体, 被督察单位 (their option values are not unit ids, so they carry
    no aliases): typing any characters of the name, in order, filters them."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"data-picker": "unit", **(attrs or {})}, choices)


def _tree_label(unit: Unit) -> str:
    return "　" * max(0, unit.path.count("/") - 1) + unit.name


class UnitChoiceField(forms.ModelChoiceField):
    widget = UnitSelect

    def __init__(self, *args: Any, tree: bool = False, **kwargs: Any) -> None:
        self.tree = tree
        kwargs.setdefault("queryset", Unit.objects.none())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return _tree_label(obj) if self.tree else str(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = UnitSelectMultiple

    def __init__(self, *args: Any, tree: bool = False, **kwargs: Any) -> None:
        self.tree = tree
        kwargs.setdefault("queryset", Unit.objects.none())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return _tree_label(obj) if self.tree else str(obj)
