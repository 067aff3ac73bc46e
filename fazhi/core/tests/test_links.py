from django.template import engines
from django.urls import reverse

from fazhi.core.templatetags.links import _reversed


def test_link_renders_what_url_renders_and_reverses_once():
    _reversed.cache_clear()
    tpl = engines["django"].from_string("{% load links %}{% link 'orgs:logout' %}|{% link 'orgs:logout' %}")
    assert tpl.render({}) == f"{reverse('orgs:logout')}|{reverse('orgs:logout')}"
    assert _reversed.cache_info().hits == 1 and _reversed.cache_info().misses == 1
