"""The one unit picker (widgets.py): every unit select is searchable by full name, short name and alias."""

from __future__ import annotations

import re

import pytest
from django import forms

from fazhi.orgs.models import Unit, UnitAlias, UnitGroup
from fazhi.orgs.widgets import UnitChoiceField, UnitMultipleChoiceField, UnitSelect


class _Form(forms.Form):
    unit = UnitChoiceField(label="单位", queryset=Unit.objects.order_by("path"))
    units = UnitMultipleChoiceField(label="单位", queryset=Unit.objects.order_by("path"), tree=True, required=False)


@pytest.mark.django_db
def test_a_unit_select_carries_the_picker_and_each_units_short_name_and_aliases(city, django_assert_num_queries):
    # given a unit with a short name and two aliases
    market = city["market"]
    UnitAlias.objects.create(unit=market, name="市市监局")
    UnitAlias.objects.create(unit=market, name="市工商局")
    form = _Form(initial={"unit": market.pk})
    # when the form renders its single select: the grants stamp, then the options, the short names, the aliases
    with django_assert_num_queries(4):
        html = str(form["unit"])
    # kept per process under the grants stamp: the same select again costs only the stamp
    with django_assert_num_queries(1):
        assert str(_Form(initial={"unit": market.pk})["unit"]) == html
    # then the select is marked for the picker and the option names what a user may type
    assert html.startswith('<select name="unit"') and 'data-picker="unit"' in html
    option = re.search(rf'<option value="{market.pk}"[^>]*>', html).group(0)
    assert f'data-search="{market.short_name} 市市监局 市工商局"' in option and "selected" in option
    # and the multiple select is the same picker, its labels indented by tree depth
    many = str(form["units"])
    assert "<select" in many and "multiple" in many and 'data-picker="unit"' in many
    depth = market.path.count("/") - 1
    assert depth >= 1 and f">{'　' * depth}{market.name}</option>" in many


@pytest.mark.django_db
def test_the_plan_forms_unit_or_group_values_are_searched_by_their_aliases(city):
    # given the plan import's choices: units as u<id> and groups as g<id>, one select rendered for many names
    group = UnitGroup.objects.create(code="g1", name="市直各单位", aliases=["市直单位", "各部门"])
    picker = UnitSelect(
        choices=[("", "请选择…"), (f"u{city['finance'].pk}", city["finance"].name), (f"g{group.pk}", "x")]
    )
    # when it renders twice (two names to map)
    first = picker.render("map_0", "", {"id": "map_0"})
    second = picker.render("map_1", f"g{group.pk}", {"id": "map_1"})
    # then the group's aliases and the unit's short name are searchable and the second keeps its choice
    assert f'<option value="g{group.pk}" data-search="市直单位 各部门">' in first
    assert f'<option value="g{group.pk}" selected data-search="市直单位 各部门">' in second
    assert f'data-search="{city["finance"].short_name}"' in first
    assert '<option value="" selected>请选择…</option>' in first


@pytest.mark.django_db
def test_the_picker_writes_exactly_what_djangos_select_template_writes(city):
    # given the same choices in Django's own template-rendered select and in the picker (rendered in Python for speed)
    from django.forms.renderers import get_default_renderer

    from fazhi.orgs.widgets import UnitNamedSelect, UnitSelectMultiple

    choices = [
        ("", "请选择…"),
        ("组一", [(str(city["finance"].pk), '财政局 <"&>'), (str(city["market"].pk), "市场监管局")]),
        ("x7", "执法主体"),
    ]
    attrs = {"id": "id_u", "required": True, "disabled": False, "class": "a b"}
    for picker, plain, value in [
        (UnitSelect(choices=choices), forms.Select(choices=choices), str(city["market"].pk)),
        (UnitSelectMultiple(choices=choices), forms.SelectMultiple(choices=choices), [str(city["finance"].pk), "x7"]),
        (UnitNamedSelect(choices=choices), forms.Select(attrs={"data-picker": "unit"}, choices=choices), "x7"),
    ]:
        ours = picker.render("u", value, attrs)
        # the template path, with the same option attributes (data-picker and each option's data-search)
        context = picker.get_context("u", value, attrs)
        theirs = plain._render(plain.template_name, context, get_default_renderer())
        # then the HTML is the same, character for character (escaping, selected, groups, bare and dropped attributes)
        assert str(ours) == str(theirs)
        assert "&lt;&quot;&amp;&gt;" in ours and "required" in ours and "disabled" not in ours


@pytest.mark.django_db
def test_a_kept_unit_select_is_built_again_after_an_alias_or_a_unit_changes(city):
    market = city["market"]
    first = str(_Form(initial={"unit": market.pk})["unit"])
    UnitAlias.objects.create(unit=market, name="市场局")  # the signal writes a new grants stamp
    second = str(_Form(initial={"unit": market.pk})["unit"])
    assert "市场局" not in first and "市场局" in second
    market.name = "示范市市场监督管理局（新）"
    market.save()
    assert "示范市市场监督管理局（新）" in str(_Form(initial={"unit": market.pk})["unit"])
