"""The demo step builds one plan with three findings on three units' boards, once."""

from __future__ import annotations

import pytest

from fazhi.inspections.demo import demo_inspections
from fazhi.inspections.models import Finding, InspectionPlan
from fazhi.inspections.selectors import finding_status

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(db):
    from fazhi.orgs.demo import demo_city_build

    demo_city_build(lambda s: None)
    out: list[str] = []
    demo_inspections(out.append)
    demo_inspections(out.append)
    assert out == ["法治督察示范数据：1个督察计划，3个问题。", "法治督察示范数据已存在，跳过。"]
    assert InspectionPlan.objects.count() == 1
    statuses = [finding_status(f) for f in Finding.objects.order_by("number")]
    assert statuses == ["planned", "submitted", "open"]
