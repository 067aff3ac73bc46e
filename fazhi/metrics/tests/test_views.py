"""指标口径说明 and a metric's page: definitions for every metric, the value for the viewer's scope, the records
behind it; bad input shows a Chinese message and falls back; people without the action get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.metrics.registry import metrics_all

pytestmark = pytest.mark.django_db


def test_index_lists_every_metric_with_its_definition(client, persona):
    client.force_login(persona("office_staff"))
    html = client.get(reverse("metrics:index")).content.decode()
    for m in metrics_all():
        assert m.key in html and m.definition in html


def test_detail_shows_value_definition_and_bad_input_messages(client, persona):
    client.force_login(persona("leader"))
    r = client.get(reverse("metrics:detail", args=["reconsideration.correction_rate"]), {"year": "20x", "period": "Q9"})
    html = r.content.decode()
    assert r.status_code == 200 and "纠错率" in html and "不是有效的四位年份" in html and "统计期间“Q9”无效" in html
    assert "纠错 ÷ 以决定方式结案" in html and "FAZHI_RECONSIDERATION_CORRECTION_RATE" in html


def test_unknown_metric_and_missing_action_are_404(client, persona, city):
    from fazhi.orgs.tests.factories import UserFactory

    client.force_login(persona("leader"))
    assert client.get(reverse("metrics:detail", args=["no.such"])).status_code == 404
    client.force_login(UserFactory(username="norole", unit=city["justice"], roles=[]))
    assert client.get(reverse("metrics:index")).status_code == 404
