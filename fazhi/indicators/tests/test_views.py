"""The indicators pages: list, import with a preview, the tree with scores, node settings, freeze, copy; who sees
what."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.indicators.models import IndicatorNode, IndicatorSet, LeafResult

pytestmark = pytest.mark.django_db
TEXT = "示范考核\n一、依法决策（10分）\n基本要求：依法科学民主决策。\n1.规划任务销号率（6分）\n2.目录公布（4分）\n"


def _upload(client, text=TEXT, **extra):
    data = {"code": "SFKH", "name": "示范考核", "year": 2026, "edition": "2021版"}
    data.update(extra)
    data["file"] = SimpleUploadedFile("指标.txt", text.encode("utf-8"), content_type="text/plain")
    return client.post(reverse("indicators:import"), data)


def _hidden(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html))


def test_import_preview_then_confirm(persona, login_client) -> None:
    client = login_client(persona("office_staff", "justice"))
    page = _upload(client)
    html = page.content.decode()
    assert page.status_code == 200 and "导入预览" in html and IndicatorSet.objects.count() == 0
    assert '<strong id="node-count">3</strong>' in html and "依法科学民主决策。" in html
    fields = _hidden(html)
    done = client.post(reverse("indicators:import"), fields)
    s = IndicatorSet.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("indicators:detail", args=[s.pk])
    assert (s.code, s.year, s.edition, s.source_name, s.owner.code) == ("SFKH", 2026, "2021版", "指标.txt", "C001")
    assert list(s.nodes.values_list("title", flat=True)) == ["依法决策", "规划任务销号率", "目录公布"]
    again = client.post(reverse("indicators:import"), fields)  # the same submit again: the same set
    assert again.status_code == 302 and IndicatorSet.objects.count() == 1
    detail = client.get(done["Location"]).content.decode()
    assert "依法决策" in detail and "冻结计算值" in detail


def test_an_unreadable_file_and_an_overfull_branch_are_refused(persona, login_client) -> None:
    client = login_client(persona("office_staff", "justice"))
    page = _upload(client, text="没有编号的文字\n")
    html = page.content.decode()
    assert page.status_code == 200 and "第1行：没有识别到编号的指标" in html and 'value="SFKH"' in html
    page = _upload(client, text="一、依法决策（5分）\n1.甲（3分）\n2.乙（3分）\n")
    html = page.content.decode()
    assert "分值：“依法决策”的下级指标分值合计6分，超过其分值5分。" in html and "确认导入" not in html
    assert IndicatorSet.objects.count() == 0


def _made(persona):
    from fazhi.indicators.parsing import parse_indicator_text
    from fazhi.indicators.services import indicator_set_import

    office = persona("office_staff", "justice")
    return indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="SFKH", name="示范考核", year=2026, owner=office.unit
    )


def test_node_settings_offer_only_registered_metrics_and_keep_input_on_refusal(persona, login_client) -> None:
    s = _made(persona)
    client = login_client(persona("office_staff", "justice"))
    leaf = IndicatorNode.objects.get(title="目录公布")
    url = reverse("indicators:node", args=[leaf.pk])
    html = client.get(url).content.decode()
    assert 'value="plans.closed_rate"' in html and 'value="nobody.knows"' not in html
    refused = client.post(url, {"points": "7", "method": "graded", "evidence": "会议纪要", "metric_key": ""})
    html = refused.content.decode()
    assert refused.status_code == 200 and "分值：“依法决策”的下级指标分值合计将为13分，超过其分值10分。" in html
    assert "会议纪要" in html and 'value="7"' in html
    ok = client.post(url, {"points": "4", "method": "rate", "metric_key": "plans.closed_rate", "target": "100"})
    assert ok.status_code == 302
    leaf.refresh_from_db()
    assert leaf.metric_key == "plans.closed_rate"
    assert client.post(reverse("indicators:freeze", args=[s.pk])).status_code == 302
    r = LeafResult.objects.get(node=leaf)
    assert (r.source, r.value, r.score) == ("computed", None, None)  # no plan shares: a rate with nothing counted
    detail = client.get(reverse("indicators:detail", args=[s.pk])).content.decode()
    assert reverse("metrics:detail", args=["plans.closed_rate"]) in detail and "系统计算" in detail


def test_copy_to_next_year_and_a_repeat_is_refused(persona, login_client) -> None:
    s = _made(persona)
    client = login_client(persona("office_staff", "justice"))
    done = client.post(reverse("indicators:copy", args=[s.pk]), {"year": 2027, "name": ""})
    assert done.status_code == 302 and IndicatorSet.objects.filter(year=2027, code="SFKH").count() == 1
    again = client.post(reverse("indicators:copy", args=[s.pk]), {"year": 2027, "name": ""})
    assert again.status_code == 400 and "考核年度：2027年度已有编码为“SFKH”的指标体系。" in again.content.decode()


def test_who_sees_what(persona, login_client) -> None:
    s = _made(persona)
    liaison = login_client(persona("dept_liaison", "market"))
    assert liaison.get(reverse("indicators:list")).status_code == 200
    page = liaison.get(reverse("indicators:detail", args=[s.pk])).content.decode()
    assert "依法决策" in page and "冻结计算值" not in page
    assert liaison.post(reverse("indicators:freeze", args=[s.pk])).status_code == 403
    assert liaison.get(reverse("indicators:import")).status_code == 404
    mediator = login_client(persona("mediator", "market"))
    assert mediator.get(reverse("indicators:list")).status_code == 404
    assert mediator.get(reverse("indicators:detail", args=[s.pk])).status_code == 404
