"""第三方评估 accounts (issue 23 §2): an external reviewer sees only the assessment it is assigned — its set's tree,
scores, ranking and leaves, where it reviews — and nothing else: no other set, no cases, no records, no API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.indicators.models import ExternalAssessor, IndicatorNode, IndicatorSet, LeafResult, ScoreChange
from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.policies import IndicatorNodePolicy, IndicatorSetPolicy
from fazhi.indicators.selectors import indicator_sets_visible_to
from fazhi.indicators.services import (
    external_assessor_assign,
    external_assessor_revoke,
    indicator_node_update,
    indicator_set_import,
    self_assessment_submit,
)

pytestmark = pytest.mark.django_db
TEXT = "一、依法决策（10分）\n1.目录公布（4分）\n2.听证（6分）\n"


@pytest.fixture
def sets(city, persona):
    office = persona("office_staff", "justice")
    mine = indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="SFKH", name="示范考核", year=2026, owner=city["justice"]
    )
    other = indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="QITA", name="其他考核", year=2026, owner=city["justice"]
    )
    leaf = IndicatorNode.objects.get(indicator_set=mine, title="目录公布")
    indicator_node_update(by=office, node=leaf, points=Decimal(4), method="graded", lead_units=[city["market"]])
    liaison = persona("dept_liaison", "market")
    self_assessment_submit(by=liaison, node=leaf, unit=city["market"], value=Decimal(100), statement="已公布", files=[])
    return mine, other, leaf


@pytest.fixture
def assessor(persona):
    return persona("external_assessor", "justice", username="disanfang")


def test_an_assigned_assessor_sees_and_reviews_only_its_set(sets, assessor, persona, city, login_client) -> None:
    mine, other, leaf = sets
    office = persona("office_staff", "justice")
    assert list(indicator_sets_visible_to(assessor)) == []  # before the assignment: nothing
    external_assessor_assign(by=office, indicator_set=mine, user=assessor)
    external_assessor_assign(by=office, indicator_set=mine, user=assessor)  # a repeat changes nothing
    assert ExternalAssessor.objects.count() == 1
    assert list(indicator_sets_visible_to(assessor)) == [mine]
    assert IndicatorSetPolicy.can(assessor, "view", mine) and not IndicatorSetPolicy.can(assessor, "view", other)
    assert not IndicatorSetPolicy.can(assessor, "manage", mine)
    assert IndicatorNodePolicy.can(assessor, "review", leaf)
    other_leaf = IndicatorNode.objects.get(indicator_set=other, title="目录公布")
    assert not IndicatorNodePolicy.can(assessor, "review", other_leaf)

    client = login_client(assessor)
    listing = client.get(reverse("indicators:list")).content.decode()
    assert "示范考核" in listing and "其他考核" not in listing
    assert client.get(reverse("indicators:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("indicators:ranking", args=[mine.pk])).status_code == 200
    assert client.get(reverse("indicators:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("indicators:ranking", args=[other.pk])).status_code == 404
    url = reverse("indicators:assess", args=[leaf.pk]) + "?unit=C002"
    page = client.get(url).content.decode()
    assert "保存评审得分" in page and 'name="self-statement"' not in page
    done = client.post(url, {"step": "review", "review-score": "3", "review-comment": "佐证不全"})
    assert done.status_code == 302
    r = LeafResult.objects.get(node=leaf, unit=city["market"], source="review")
    assert (r.score, r.by) == (Decimal(3), assessor)
    assert ScoreChange.objects.filter(node=leaf, kind="review", by=assessor).count() == 1
    refused = client.post(url, {"step": "review", "review-score": "9", "review-comment": "超分"})
    assert (
        refused.status_code == 400 and "得分" in refused.content.decode() and "field-error" in refused.content.decode()
    )
    # nothing else: no setting of a node, no freeze, no import, no cases, no records, no metrics, no API
    assert client.get(reverse("indicators:node", args=[leaf.pk])).status_code == 404
    assert client.post(reverse("indicators:freeze", args=[mine.pk])).status_code == 404
    assert client.get(reverse("indicators:import")).status_code == 404
    assert client.get(reverse("indicators:records")).status_code == 404
    assert client.get(reverse("metrics:detail", args=["plans.closed_rate"])).status_code == 404
    assert client.get("/cases/").status_code == 404
    assert client.get("/reconsideration/").status_code == 404
    assert client.get("/supervision/").status_code in (403, 404)
    from fazhi.orgs.scopes import grants_for

    assert sorted(grants_for(assessor).actions) == ["indicators.external.assess"]

    external_assessor_revoke(by=office, indicator_set=mine, user=assessor)
    assert list(indicator_sets_visible_to(assessor)) == []
    assert client.get(reverse("indicators:detail", args=[mine.pk])).status_code == 404
    assert client.get(url).status_code == 404


def test_only_a_third_party_account_can_be_assigned(sets, persona, login_client, assessor) -> None:
    mine, _other, _leaf = sets
    office = persona("office_staff", "justice")
    with pytest.raises(DomainError) as exc:
        external_assessor_assign(by=office, indicator_set=mine, user=persona("dept_liaison", "market"))
    assert exc.value.message == "评估账号：请选择启用中的第三方评估账号。" and exc.value.field == "user"
    assert ExternalAssessor.objects.count() == 0
    client = login_client(office)
    page = client.get(reverse("indicators:detail", args=[mine.pk])).content.decode()
    assert "第三方评估" in page and "disanfang" in page
    done = client.post(reverse("indicators:assessor", args=[mine.pk]), {"user": assessor.pk})
    assert done.status_code == 302 and ExternalAssessor.objects.filter(user=assessor, revoked_at=None).count() == 1
    bad = client.post(reverse("indicators:assessor", args=[mine.pk]), {"user": persona("leader", "gov").pk})
    assert bad.status_code == 400 and "field-error" in bad.content.decode()
    liaison = login_client(persona("dept_liaison", "market"))
    assert liaison.post(reverse("indicators:assessor", args=[mine.pk]), {"user": assessor.pk}).status_code == 403
    assert IndicatorSet.objects.count() == 2
