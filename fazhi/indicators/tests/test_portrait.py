"""法治画像 per unit (issue 23 §2): its scores in the set, the set's computed metrics over three years, its open gaps;
a gap raises one supervisable item for the unit; reachable from the ranking, for those who may see the unit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.selectors_portrait import portrait_chart, unit_portrait
from fazhi.indicators.services import (
    indicator_node_update,
    indicator_results_freeze,
    indicator_set_import,
    self_assessment_submit,
)
from fazhi.indicators.services_survey import survey_answer_submit, survey_create, survey_state_set
from fazhi.supervision.models import Item

pytestmark = pytest.mark.django_db
TEXT = "一、群众满意（10分）\n1.群众满意度（10分）\n二、依法决策（10分）\n1.决策目录公布（4分）\n2.合法性审查（6分）\n"
RATE = "indicators.survey_satisfaction_rate"


def _survey(office, city, year, ratings):
    s = survey_create(
        by=office,
        title=f"{year}年调查",
        year=year,
        owner=city["justice"],
        subject=city["market"],
        questions=["总体评价"],
        sample_target=10,
    )
    s = survey_state_set(by=office, survey=s, state="open")
    q = s.questions.get()
    for i, r in enumerate(ratings):
        survey_answer_submit(survey=s, phone=f"1390000{year % 100:02d}{i:02d}", ratings={q.pk: r})


@pytest.fixture
def made(city, persona):
    office = persona("office_staff", "justice")
    _survey(office, city, 2024, ["satisfied", "unsatisfied"])  # 50%
    _survey(office, city, 2026, ["satisfied", "basic", "unsatisfied"])  # 66.67%
    s = indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="HX", name="画像考核", year=2026, owner=city["justice"]
    )
    survey_leaf = s.nodes.get(title="群众满意度")
    indicator_node_update(
        by=office,
        node=survey_leaf,
        points=Decimal(10),
        method="rate",
        target=Decimal(90),
        metric_key=RATE,
        lead_units=[city["market"]],
    )
    listed = s.nodes.get(title="决策目录公布")
    indicator_node_update(
        by=office, node=listed, points=Decimal(4), method="graded", target=Decimal(80), lead_units=[city["market"]]
    )
    reviewed = s.nodes.get(title="合法性审查")
    indicator_node_update(
        by=office, node=reviewed, points=Decimal(6), method="graded", target=Decimal(50), lead_units=[city["market"]]
    )
    indicator_results_freeze(by=office, indicator_set=s, unit=city["market"])
    liaison = persona("dept_liaison", "market")
    self_assessment_submit(by=liaison, node=listed, unit=city["market"], value=Decimal(60), statement="部分公布")
    self_assessment_submit(by=liaison, node=reviewed, unit=city["market"], value=Decimal(100), statement="全部审查")
    return s


def test_the_portrait_has_the_scores_three_years_of_metrics_and_the_gaps(made, city, persona):
    office = persona("office_staff", "justice")
    p = unit_portrait(made, city["market"], viewer=office)
    # scores: 10 × 66.67 ÷ 90 = 7.41; 4 × 60% = 2.4; 6 × 100% = 6
    assert (p["total"], p["rank"], p["ranked"]) == (15.81, 1, 1)
    assert [(h["title"], h["points"], h["score"], h["share"]) for h in p["heads"]] == [
        ("群众满意", 10, 7.41, 74.1),
        ("依法决策", 10, 8.4, 84.0),
    ]
    # the bound metric for the unit in 2024, 2025 (no survey), 2026
    assert p["years"] == [2024, 2025, 2026]
    assert [(m["key"], m["values"]) for m in p["metrics"]] == [(RATE, [50.0, None, 66.67])]
    assert portrait_chart(p)["series"] == [
        {"name": "公众满意率（%）", "type": "line", "connectNulls": False, "data": [50.0, None, 66.67]}
    ]
    # gaps: the satisfaction rate below 90, the 目录 at 60 below 80; 合法性审查 at 100 reaches its 50
    assert [(g["node"].title, g["value"], g["bound"], g["item"]) for g in p["gaps"]] == [
        ("群众满意度", 66.67, "≥", None),
        ("决策目录公布", 60, "≥", None),
    ]
    assert p["unraised"] == 2


def test_a_gap_raises_one_supervised_item_for_the_unit(made, city, persona, login_client):
    client = login_client(persona("office_staff", "justice"))
    url = reverse("indicators:portrait", args=[made.pk, "C002"])
    page = client.get(url).content.decode()
    assert '<div class="num" id="portrait-total">15.81</div>' in page and "对 2 项短板发起督办" in page
    done = client.post(reverse("indicators:portrait_gaps", args=[made.pk, "C002"]))
    assert done.status_code == 302 and done["Location"] == url
    items = Item.objects.filter(kind="indicators.gap").order_by("title")
    assert [(i.unit.code, i.title) for i in items] == [
        ("C002", "考核指标短板：决策目录公布"),
        ("C002", "考核指标短板：群众满意度"),
    ]
    assert items.get(title__endswith="群众满意度").text == "2026年度数值66.67，低于目标值90。"
    client.post(reverse("indicators:portrait_gaps", args=[made.pk, "C002"]))  # again: nothing new
    assert Item.objects.filter(kind="indicators.gap").count() == 2
    page = client.get(url).content.decode()
    assert "未督办" not in page and 'id="raise-gaps"' not in page and "（时限 " in page


def test_the_ranking_links_the_portrait_for_those_who_may_see_the_unit(made, city, persona, login_client):
    ranking = reverse("indicators:ranking", args=[made.pk])
    portrait = reverse("indicators:portrait", args=[made.pk, "C002"])
    assert portrait in login_client(persona("office_staff", "justice")).get(ranking).content.decode()
    liaison = login_client(persona("dept_liaison", "market"))
    assert portrait in liaison.get(ranking).content.decode()
    page = liaison.get(portrait).content.decode()
    assert "法治画像：示范市市场监督管理局" in page and 'id="raise-gaps"' not in page  # sees, does not raise
    other = login_client(persona("dept_liaison", "finance"))
    assert portrait not in other.get(ranking).content.decode()
    assert other.get(portrait).status_code == 404
    # raising is the organising office's (the set's manage action): refused as every other manage page of the set is
    assert other.post(reverse("indicators:portrait_gaps", args=[made.pk, "C002"])).status_code == 403
    assert Item.objects.filter(kind="indicators.gap").count() == 0


def test_the_portrait_ranks_a_district_among_the_districts_and_a_unit_among_the_units(city, persona, login_client):
    """The ranking page ranks 市直单位 and 区县 apart (indicator_ranking tier); the portrait counts within the tier."""
    from fazhi.indicators.services import review_score
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    office = persona("office_staff", "justice")
    west = UnitFactory(
        code="D200", name="示范市西城区人民政府", kind=UnitKind.GOVERNMENT, level=UnitLevel.COUNTY, parent=city["gov"]
    )
    s = indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="HX", name="画像考核", year=2026, owner=city["justice"]
    )
    leaf = s.nodes.get(title="决策目录公布")
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(4),
        method="pass_fail",
        lead_units=[city["market"]],
        co_units=[city["finance"], city["district"], city["district_market"], west],
    )
    for unit, score in ((city["market"], 2), (city["finance"], 4), (city["district"], 1), (west, 3)):
        review_score(by=office, node=leaf, unit=unit, score=Decimal(score))
    review_score(by=office, node=leaf, unit=city["district_market"], score=Decimal(4))
    # all together: C003 4, D101 4, D200 3, C002 2, D100 1 — the portrait used to say 第3名 / 5 for 西城区

    def rank(unit):
        p = unit_portrait(s, unit, viewer=office)
        return (p["total"], p["rank"], p["ranked"], p["tier"])

    assert rank(west) == (3, 1, 2, "districts")
    assert rank(city["district"]) == (1, 2, 2, "districts")
    assert rank(city["market"]) == (2, 2, 2, "units")
    assert rank(city["finance"]) == (4, 1, 2, "units")
    # a district's department is in neither table: no rank
    assert rank(city["district_market"]) == (4, None, 0, None)

    client = login_client(office)
    page = client.get(reverse("indicators:portrait", args=[s.pk, "D200"])).content.decode()
    assert '<div class="num" id="portrait-rank">第1名 / 共2</div>' in page
    assert '<div class="small muted">区县排名</div>' in page
    page = client.get(reverse("indicators:portrait", args=[s.pk, "C002"])).content.decode()
    assert '<div class="num" id="portrait-rank">第2名 / 共2</div>' in page
    assert '<div class="small muted">市直单位排名</div>' in page
    page = client.get(reverse("indicators:portrait", args=[s.pk, "D101"])).content.decode()
    assert '<div class="num" id="portrait-rank">不参与排名</div>' in page
