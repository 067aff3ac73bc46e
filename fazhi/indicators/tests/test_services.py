"""Indicator sets in the database (issue 23 §1–2): import with validation, copy, node settings, computed leaves frozen
from the metric registry, roll-up, and `fazhi indicators score`."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.indicators.models import IndicatorNode, IndicatorSet, LeafResult
from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.selectors import indicator_tree, tree_total
from fazhi.indicators.services import (
    indicator_node_update,
    indicator_results_freeze,
    indicator_set_copy,
    indicator_set_import,
)
from fazhi.metrics.models import Snapshot
from fazhi.metrics.selectors import metric_value
from fazhi.plans.models import TaskAssignment

pytestmark = pytest.mark.django_db

SET = """示范考核
一、依法决策（占总分值的20%）
（一）规划任务（10分）
1.规划任务销号率（6分）
2.年度计划公布（4分）
（二）复议（10分）
1.行政复议纠错率（10分）
"""
PLAN = """示范市2026年工作要点
一、重点任务
1.清理涉企收费。
牵头单位:市市场监管局;配合单位:市财政局
2.推行合法性审查。
牵头单位:市司法局
3.规范行政执法。
牵头单位:市财政局
"""


@pytest.fixture
def office(persona):
    return persona("office_staff", "justice")


def _import(office, city, text=SET, code="SFKH", year=2026):
    return indicator_set_import(
        by=office, nodes=parse_indicator_text(text), code=code, name="示范考核2026", year=year, owner=city["justice"]
    )


def _leaf(s, title):
    return IndicatorNode.objects.get(indicator_set=s, title=title)


def test_import_saves_the_tree_in_order_with_depths_and_audits(office, city) -> None:
    s = _import(office, city)
    rows = [(n.depth, n.position, n.title, n.points, n.parent.title if n.parent else None) for n in s.nodes.all()]
    assert rows == [
        (1, 1, "依法决策", Decimal("20.00"), None),
        (2, 1, "规划任务", Decimal("10.00"), "依法决策"),
        (2, 2, "复议", Decimal("10.00"), "依法决策"),
        (3, 1, "规划任务销号率", Decimal("6.00"), "规划任务"),
        (3, 1, "行政复议纠错率", Decimal("10.00"), "复议"),
        (3, 2, "年度计划公布", Decimal("4.00"), "规划任务"),
    ]
    assert AuditEvent.objects.filter(action="indicators.set.import", object_id=str(s.pk)).count() == 1


def test_children_exceeding_their_parent_are_refused_naming_the_field_and_nothing_is_saved(office, city) -> None:
    text = "一、依法决策（10分）\n1.目录公布（6分）\n2.合法性审查（5分）\n"
    with pytest.raises(DomainError) as err:
        _import(office, city, text)
    assert err.value.field == "points"
    assert err.value.message == "分值：“依法决策”的下级指标分值合计11分，超过其分值10分。"
    assert IndicatorSet.objects.count() == 0 and IndicatorNode.objects.count() == 0


def test_a_code_used_that_year_is_refused_and_a_repeated_token_returns_the_first(office, city) -> None:
    s = _import(office, city)
    with pytest.raises(DomainError, match="2026年度已有编码为“SFKH”") as err:
        _import(office, city)
    assert err.value.field == "code"
    token = "5b7f2a52-6a8e-4c1c-9d7a-000000000001"
    first = indicator_set_import(
        by=office,
        nodes=parse_indicator_text(SET),
        code="X",
        name="x",
        year=2026,
        owner=city["justice"],
        submit_token=token,
    )
    again = indicator_set_import(
        by=office,
        nodes=parse_indicator_text(SET),
        code="X",
        name="x",
        year=2026,
        owner=city["justice"],
        submit_token=token,
    )
    assert first.pk == again.pk != s.pk


def test_node_update_checks_points_metric_and_leaf(office, city) -> None:
    s = _import(office, city)
    leaf = _leaf(s, "年度计划公布")
    with pytest.raises(DomainError) as err:
        indicator_node_update(by=office, node=leaf, points=Decimal(5), method="graded")
    assert (err.value.field, err.value.message) == (
        "points",
        "分值：“规划任务”的下级指标分值合计将为11分，超过其分值10分。",
    )
    with pytest.raises(DomainError) as err:
        indicator_node_update(by=office, node=leaf, points=Decimal(4), method="rate", metric_key="nobody.knows")
    assert (err.value.field, err.value.message) == ("metric_key", "计算指标：平台没有“nobody.knows”这项指标。")
    with pytest.raises(DomainError) as err:
        indicator_node_update(
            by=office, node=_leaf(s, "规划任务"), points=Decimal(10), method="rate", metric_key="plans.closed_rate"
        )
    assert err.value.field == "metric_key"
    with pytest.raises(DomainError) as err:
        indicator_node_update(by=office, node=_leaf(s, "规划任务"), points=Decimal(9), method="graded")
    assert err.value.message == "分值：下级指标分值合计10分，超过所填分值9分。"
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(4),
        method="pass_fail",
        evidence="公布网页截图",
        lead_units=[city["justice"]],
        co_units=[city["market"], city["justice"]],
    )
    leaf.refresh_from_db()
    assert (leaf.method, leaf.evidence) == ("pass_fail", "公布网页截图")
    assert sorted((u.unit.code, u.role) for u in leaf.units.all()) == [("C001", "lead"), ("C002", "co")]


@pytest.fixture
def plan(city, persona):
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import

    made = plan_import(
        by=persona("office_head", "gov"), parsed=parse_plan_text(PLAN), name="计划", kind="annual", year=2026
    )
    shares = list(TaskAssignment.objects.filter(task__plan=made).order_by("id"))
    for a in shares[:3]:
        TaskAssignment.objects.filter(pk=a.pk).update(state="accepted", closed_on_time=True)
    return made


def test_a_computed_leaf_equals_the_metric_and_is_frozen_with_its_records(office, city, plan) -> None:
    s = _import(office, city)
    leaf = _leaf(s, "规划任务销号率")
    indicator_node_update(by=office, node=leaf, points=Decimal(6), method="rate", metric_key="plans.closed_rate")
    expected = metric_value("plans.closed_rate", period=2026, records=True)
    assert expected["value"] == 75.0  # 3 of the 4 shares closed

    assert indicator_results_freeze(by=office, indicator_set=s) == 1
    result = LeafResult.objects.get(node=leaf)
    assert (result.source, result.value, result.score) == ("computed", Decimal("75.00"), Decimal("4.50"))
    frozen = result.snapshot.values.get(key="plans.closed_rate")
    assert frozen.value == expected["value"] and frozen.records == {"records": expected["records"]}

    # the same figure from `fazhi metrics value` on the same data
    out = StringIO()
    call_command("metrics", "value", "plans.closed_rate", "--year", "2026", "--json", stdout=out)
    assert json.loads(out.getvalue())["value"] == float(result.value)

    # a later change to the data does not move the frozen value
    TaskAssignment.objects.filter(task__plan=plan).update(state="returned")
    assert indicator_tree(s)[0]["children"][0]["children"][0]["value"] == 75
    assert Snapshot.objects.count() == 1


def test_roll_up_and_the_score_command(office, city, plan) -> None:
    s = _import(office, city)
    indicator_node_update(
        by=office, node=_leaf(s, "规划任务销号率"), points=Decimal(6), method="rate", metric_key="plans.closed_rate"
    )
    indicator_results_freeze(by=office, indicator_set=s)
    LeafResult.objects.create(node=_leaf(s, "年度计划公布"), source="self", value=1, score=Decimal(4))
    LeafResult.objects.create(node=_leaf(s, "年度计划公布"), source="review", value=1, score=Decimal("3.5"))
    tree = indicator_tree(s)
    assert tree_total(tree) == 8
    out = StringIO()
    call_command("indicators", "score", "SFKH", "--year", "2026", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "set": {"code": "SFKH", "name": "示范考核2026", "year": 2026},
        "unit": "",
        "total": 8,
        "nodes": [
            {
                "title": "依法决策",
                "points": 20,
                "score": 8,
                "children": [
                    {
                        "title": "规划任务",
                        "points": 10,
                        "score": 8,
                        "children": [
                            {
                                "title": "规划任务销号率",
                                "points": 6,
                                "score": 4.5,
                                "value": 75,
                                "source": "computed",
                                "metric_key": "plans.closed_rate",
                                "children": [],
                            },
                            {
                                "title": "年度计划公布",
                                "points": 4,
                                "score": 3.5,
                                "value": 1,
                                "source": "review",
                                "metric_key": None,
                                "children": [],
                            },
                        ],
                    },
                    {
                        "title": "复议",
                        "points": 10,
                        "score": None,
                        "children": [
                            {
                                "title": "行政复议纠错率",
                                "points": 10,
                                "score": None,
                                "value": None,
                                "source": None,
                                "metric_key": None,
                                "children": [],
                            }
                        ],
                    },
                ],
            }
        ],
    }
    with pytest.raises(CommandError, match="未找到2025年度编码为“SFKH”") as err:
        call_command("indicators", "score", "SFKH", "--year", "2025", "--json", stdout=StringIO())
    assert err.value.returncode == 2
    with pytest.raises(CommandError, match="未找到编码为“ZZZ”的单位") as err:
        call_command("indicators", "score", "SFKH", "--year", "2026", "--unit", "ZZZ", stdout=StringIO())


def test_copy_last_years_set(office, city) -> None:
    s = _import(office, city, year=2025)
    leaf = _leaf(s, "规划任务销号率")
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(6),
        method="rate",
        metric_key="plans.closed_rate",
        lead_units=[city["market"]],
    )
    copy = indicator_set_copy(by=office, source=s, year=2026)
    assert (copy.code, copy.year, copy.copied_from_id) == ("SFKH", 2026, s.pk)
    assert copy.name == "示范考核2026"  # no 2025 in the name to replace
    old = [(n.depth, n.position, n.title, n.parent.title if n.parent else None) for n in s.nodes.all()]
    new = [(n.depth, n.position, n.title, n.parent.title if n.parent else None) for n in copy.nodes.all()]
    assert old == new and not set(s.nodes.values_list("pk", flat=True)) & set(copy.nodes.values_list("pk", flat=True))
    moved = _leaf(copy, "规划任务销号率")
    assert (moved.metric_key, [u.unit.code for u in moved.units.all()]) == ("plans.closed_rate", ["C002"])
    with pytest.raises(DomainError) as err:
        indicator_set_copy(by=office, source=s, year=2026)
    assert err.value.field == "year"


def test_import_command_saves_with_its_particulars(office, city, tmp_path) -> None:
    path = tmp_path / "set.txt"
    path.write_text(SET, encoding="utf-8")
    out = StringIO()
    call_command(
        "indicators",
        "import",
        str(path),
        "--code",
        "K1",
        "--name",
        "考核",
        "--year",
        "2026",
        "--owner",
        "C001",
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["node_count"] == 6
    with pytest.raises(CommandError, match="保存指标体系需要：--code、--name、--year、--owner"):
        call_command("indicators", "import", str(path), stdout=StringIO())
