"""Excel export of the whole assessment: the tree for the area and each assessed unit, each leaf's value, score and
source, the totals and the ranking (exact cells)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.indicators.models import IndicatorNode
from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.services import (
    indicator_node_update,
    indicator_set_import,
    review_score,
    self_assessment_submit,
)

pytestmark = pytest.mark.django_db
TEXT = "一、依法决策（10分）\n1.目录公布（4分）\n2.决策合法性审查（6分）\n"


@pytest.fixture
def s(city, persona):
    office = persona("office_staff", "justice")
    made = indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="SFKH", name="示范考核", year=2026, owner=city["justice"]
    )
    for title, pts in (("目录公布", 4), ("决策合法性审查", 6)):
        indicator_node_update(
            by=office,
            node=IndicatorNode.objects.get(title=title),
            points=Decimal(pts),
            method="pass_fail",
            lead_units=[city["market"], city["finance"]],
        )
    liaison = persona("dept_liaison", "market")
    self_assessment_submit(
        by=liaison,
        node=IndicatorNode.objects.get(title="目录公布"),
        unit=city["market"],
        value=Decimal(1),
        statement="已公布",
    )
    self_assessment_submit(
        by=persona("dept_liaison", "finance"),
        node=IndicatorNode.objects.get(title="决策合法性审查"),
        unit=city["finance"],
        value=Decimal(1),
        statement="已审查",
    )
    review_score(
        by=office, node=IndicatorNode.objects.get(title="决策合法性审查"), unit=city["finance"], score=Decimal(5)
    )
    return made


def test_the_export_holds_every_unit_tree_with_value_score_and_source(s, persona, login_client):
    c = login_client(persona("office_staff", "justice"))
    resp = c.get(reverse("indicators:export", args=[s.pk]))
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(resp.content))
    rows = [list(r) for r in wb["指标得分"].iter_rows(values_only=True)]
    assert rows[0][0] == "示范考核（2026年度）指标得分"
    assert rows[1] == [
        "被考核单位",
        "单位编码",
        "层级",
        "编号",
        "指标",
        "分值",
        "计分方法",
        "计算指标",
        "数值",
        "得分",
        "来源",
    ]
    body = [r[:11] for r in rows[2:]]
    area, market, finance = "全域（不分单位）", "示范市市场监督管理局", "示范市财政局"
    assert body == [
        [area, None, 1, "1", "依法决策", 10, None, None, None, None, None],
        [area, None, 2, "1.1", "目录公布", 4, "达标/不达标", None, None, None, None],
        [area, None, 2, "1.2", "决策合法性审查", 6, "达标/不达标", None, None, None, None],
        [area, None, None, None, "合计", None, None, None, None, None, None],
        [market, "C002", 1, "1", "依法决策", 10, None, None, None, 4, None],
        [market, "C002", 2, "1.1", "目录公布", 4, "达标/不达标", None, 1, 4, "单位自评"],
        [market, "C002", 2, "1.2", "决策合法性审查", 6, "达标/不达标", None, None, None, None],
        [market, "C002", None, None, "合计", None, None, None, None, 4, None],
        [finance, "C003", 1, "1", "依法决策", 10, None, None, None, 5, None],
        [finance, "C003", 2, "1.1", "目录公布", 4, "达标/不达标", None, None, None, None],
        [finance, "C003", 2, "1.2", "决策合法性审查", 6, "达标/不达标", None, 1, 5, "评审"],
        [finance, "C003", None, None, "合计", None, None, None, None, 5, None],
    ]
    ranks = [list(r) for r in wb["单位排名"].iter_rows(values_only=True)]
    assert ranks == [
        ["名次", "单位", "单位编码", "总得分", "已得分指标"],
        [1, finance, "C003", 5, 1],
        [2, market, "C002", 4, 1],
    ]
    assert AuditEvent.objects.get(action="indicators.assessment.export").summary == {"rows": 9}
