"""The demo step: this year's set from the demo text, five leaves bound to platform metrics and frozen, once."""

from __future__ import annotations

import pytest

from fazhi.deadlines.selectors import today_local
from fazhi.indicators.demo import demo_indicators
from fazhi.indicators.models import IndicatorSet, LeafResult
from fazhi.indicators.selectors import indicator_ranking, indicator_tree, leaves
from fazhi.orgs.demo import demo_city_build

pytestmark = pytest.mark.django_db


def test_the_demo_step_builds_once_from_today():
    demo_city_build(lambda s: None)
    out: list[str] = []
    demo_indicators(out.append)
    demo_indicators(out.append)
    assert out == [
        "指标体系示范数据：13 项指标，5 项绑定计算指标，已冻结 5 项计算值。",
        "指标考核示范：2 个单位自评，1 项退回补充，1 项评审；短板督办事项 0 项。",  # the bare city has no cases
        "指标体系示范数据已存在，跳过。",
    ]
    s = IndicatorSet.objects.get()
    assert (s.code, s.year, s.owner.code) == ("SFKH", today_local().year, "P001")
    tree = indicator_tree(s)
    computed = [n for n in leaves(tree) if n["metric_key"]]
    assert [n["metric_key"] for n in computed] == [
        "plans.closed_rate",
        "disclosure.on_time_rate",
        "reconsideration.correction_rate",
        "reconsideration.on_time_rate",
        "litigation.appearance_rate",
    ]
    assert {n["source"] for n in computed} == {"computed"}
    assert LeafResult.objects.filter(snapshot__isnull=False).count() == 5
    assert all(n["units"] for n in leaves(tree))
    assert [(r["rank"], r["code"], r["total"]) for r in indicator_ranking(s)] == [(1, "C008", 1), (2, "C002", None)]


def test_the_sources_demo_step_builds_once_and_feeds_the_metrics():
    from fazhi.indicators.demo import demo_sources
    from fazhi.metrics.selectors import metric_values

    demo_city_build(lambda s: None)
    out: list[str] = []
    demo_sources(out.append)
    demo_sources(out.append)
    assert out[1] == "述法·学法·法律顾问示范数据已存在，跳过。"
    assert out[0].startswith("述法·学法·法律顾问示范数据：述职述法 ")
    v = metric_values(
        ["indicators.duty_coverage", "indicators.test_takers", "indicators.adviser_coverage"],
        period=today_local().year,
    )
    assert v["indicators.test_takers"]["value"] in (0, 300)  # 0 only in the first 30 days of a year
    assert v["indicators.duty_coverage"]["value"] is not None and v["indicators.duty_coverage"]["value"] < 100
    assert v["indicators.adviser_coverage"]["numerator"] > 0


def test_the_demo_assessor_is_assigned_to_the_demo_set_once():
    from fazhi.indicators.demo import demo_assessor
    from fazhi.indicators.models import ExternalAssessor
    from fazhi.indicators.selectors import indicator_sets_visible_to
    from fazhi.orgs.models import User

    demo_city_build(lambda s: None)
    demo_indicators(lambda s: None)
    out: list[str] = []
    demo_assessor(out.append)
    demo_assessor(out.append)
    s = IndicatorSet.objects.get()
    assert out == [f"第三方评估：disanfang 已指派到“{s.name}”。"] * 2
    assert ExternalAssessor.objects.count() == 1
    assert list(indicator_sets_visible_to(User.objects.get(username="disanfang"))) == [s]


def test_the_survey_demo_step_builds_once_with_exact_answers():
    from fazhi.indicators.demo import demo_survey
    from fazhi.indicators.models import Survey, SurveyResponse
    from fazhi.metrics.selectors import metric_value

    demo_city_build(lambda s: None)
    out: list[str] = []
    demo_survey(out.append)
    demo_survey(out.append)
    assert out == [
        "满意度调查示范数据：1 项调查进行中，答卷 120/200 份；1 项答题码调查未开始。",
        "满意度调查示范数据已存在，跳过。",
    ]
    opened = Survey.objects.get(state="open")
    assert (opened.subject.code, opened.sample_target, SurveyResponse.objects.count()) == ("C000", 200, 120)
    v = metric_value("indicators.survey_satisfaction_rate", period=today_local().year, survey=opened.pk)
    assert (v["value"], v["numerator"], v["denominator"]) == (90.0, 324, 360)  # 60% 满意 + 30% 基本满意
    assert Survey.objects.get(state="draft").identity == "code"
