"""{% hotline_rows %} writes the bytes of the template loop it replaced (kept below as LOOP), for every kind of row."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template

from fazhi.dockets.mediation.models import HotlineCall
from fazhi.dockets.mediation.templatetags.hotline_rows import hotline_rows

from .test_hotline import at, log

pytestmark = pytest.mark.django_db

LOOP = (  # mediation/hotline.html's rows before {% hotline_rows %}
    '{% for r in rows %}<tr><td>{{ r.c.received_at|date:"Y-m-d H:i" }}</td><td>{{ r.topic }}</td><td>'
    "{{ r.c.question|truncatechars:80 }}</td><td>{{ r.c.answer|truncatechars:80 }}</td><td>{{ r.minutes }}</td><td>"
    "{% if r.c.transferred %}{{ r.c.transferred_to }}{% else %}—{% endif %}</td><td>{% if r.c.operator %}"
    "{{ r.c.operator.full_name|default:r.c.operator.username }}{% else %}—{% endif %}<br>"
    '<small class="muted">{{ r.c.unit.display_name }}</small></td><td>{% for b in r.became %}<a href="{{ b.url }}">'
    "{{ b.number }}</a>{% if not forloop.last %}<br>{% endif %}{% endfor %}{% if may_intake and r.intake %}"
    '{% if r.became %}<br>{% endif %}<a class="button" href="{% url \'intake:register\' %}?call={{ r.c.pk }}">转登记</a>'
    "{% elif not r.became %}—{% endif %}</td></tr>\n"
    '{% empty %}<tr><td colspan="8" class="muted">没有符合条件的来电记录。</td></tr>{% endfor %}'
)


@pytest.fixture
def manager(persona: Any, towns: Any) -> Any:
    return persona("mediation_manager", "justice")


def test_the_rows_are_the_loops_bytes(manager: Any, city: Any) -> None:
    long_q = "公司拖欠" * 30 + "<b>&"  # 124 characters: cut to 79 and …, and escaped
    calls = [
        log(manager, city["justice"], question=long_q, answer="可<申请>仲裁 & 投诉", duration_seconds=125),
        log(manager, city["justice"], received_at=at(4, 23), transferred=True, transferred_to="区人社局<劳动监察>"),
        log(manager, city["justice"], received_at=at(5, 8), duration_seconds=60),
    ]
    HotlineCall.objects.filter(pk=calls[2].pk).update(operator=None)
    manager.full_name = ""
    manager.save(update_fields=["full_name"])
    loaded = {c.pk: c for c in HotlineCall.objects.select_related("unit", "operator")}
    rows = [
        {"c": loaded[calls[0].pk], "topic": "劳动<争议>", "minutes": 2.1, "became": [], "intake": True},
        {
            "c": loaded[calls[1].pk],
            "topic": "劳动",
            "minutes": 5.0,
            "became": [
                {"number": "示登〔2026〕1号", "url": "/intake/1/"},
                {"number": "示调〔2026〕2号", "url": "/m/2/"},
            ],
            "intake": False,
        },
        {
            "c": loaded[calls[2].pk],
            "topic": "婚姻",
            "minutes": 1.0,
            "became": [{"number": "A&B", "url": "/x/"}],
            "intake": True,
        },
    ]
    for may_intake in (True, False):
        expected = Template(LOOP).render(Context({"rows": rows, "may_intake": may_intake}))
        assert str(hotline_rows(rows, may_intake)) == expected
        expected_empty = Template(LOOP).render(Context({"rows": [], "may_intake": may_intake}))
        assert str(hotline_rows([], may_intake)) == expected_empty
    html = str(hotline_rows(rows, True))
    cell = html.split("</td><td>")[2]
    assert cell == "公司拖欠" * 19 + "公...", cell  # 80 with the ellipsis as zh-hans translates it ("...")
    assert "可&lt;申请&gt;仲裁 &amp; 投诉" in html and "区人社局&lt;劳动监察&gt;" in html
    assert html.count("<tr>") == 3 and html.count("转登记") == 2
