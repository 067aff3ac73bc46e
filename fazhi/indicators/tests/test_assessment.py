"""Self-assessment, review, history, rankings and supervisable items (issue 23 §2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import clock_for, clocks_for
from fazhi.indicators.models import IndicatorNode, LeafResult, ScoreChange
from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.selectors import indicator_ranking, indicator_tree, tree_total
from fazhi.indicators.services import (
    indicator_gaps_raise,
    indicator_node_update,
    indicator_set_import,
    review_score,
    review_send_back,
    self_assessment_submit,
    self_due_set,
    self_overdue_raise,
)
from fazhi.supervision.models import Item

pytestmark = pytest.mark.django_db
TEXT = "一、依法决策（10分）\n1.目录公布（4分）\n2.规划任务销号率（6分）\n"


@pytest.fixture
def s(city, persona):
    office = persona("office_staff", "justice")
    made = indicator_set_import(
        by=office, nodes=parse_indicator_text(TEXT), code="SFKH", name="示范考核", year=2026, owner=city["justice"]
    )
    indicator_node_update(
        by=office,
        node=_leaf("目录公布"),
        points=Decimal(4),
        method="pass_fail",
        lead_units=[city["market"]],
        co_units=[city["finance"]],
    )
    indicator_node_update(
        by=office,
        node=_leaf("规划任务销号率"),
        points=Decimal(6),
        method="rate",
        target=Decimal(90),
        metric_key="plans.closed_rate",
        lead_units=[city["market"]],
    )
    return made


def _leaf(title):
    return IndicatorNode.objects.get(title=title)


def _pdf(name="纪要.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 minutes", content_type="application/pdf")


def test_submit_send_back_resubmit_review_and_the_history(s, city, persona):
    unit_user, office = persona("dept_liaison", "market"), persona("office_staff", "justice")
    leaf = _leaf("目录公布")
    r = self_assessment_submit(
        by=unit_user, node=leaf, unit=city["market"], value=Decimal(1), statement="已公布", files=[_pdf()]
    )
    assert (r.state, r.value, r.score, r.evidence_files.count()) == ("submitted", Decimal(1), Decimal("4.00"), 1)
    review_send_back(by=office, node=leaf, unit=city["market"], comment="请补充公布网页截图")
    r.refresh_from_db()
    assert r.state == "returned"
    r = self_assessment_submit(
        by=unit_user, node=leaf, unit=city["market"], value=Decimal(0), statement="补充：尚未公布"
    )
    assert (r.state, r.score) == ("submitted", Decimal("0.00"))
    review_score(by=office, node=leaf, unit=city["market"], score=Decimal("3.5"), comment="基本达标")
    review_score(by=office, node=leaf, unit=city["market"], score=Decimal(3), comment="复核")
    history = [(h.kind, h.old_score, h.new_score, h.comment) for h in ScoreChange.objects.order_by("id")]
    assert history == [
        ("submit", None, Decimal("4.00"), "已公布"),
        ("return", Decimal("4.00"), Decimal("4.00"), "请补充公布网页截图"),
        ("resubmit", Decimal("4.00"), Decimal("0.00"), "补充：尚未公布"),
        ("review", None, Decimal("3.50"), "基本达标"),
        ("review", Decimal("3.50"), Decimal("3.00"), "复核"),
    ]
    tree = indicator_tree(s, unit=city["market"])
    assert (tree[0]["children"][0]["score"], tree[0]["children"][0]["source"], tree_total(tree)) == (3, "review", 3)


def test_bad_input_names_the_field_and_changes_nothing(s, city, persona):
    unit_user, office = persona("dept_liaison", "market"), persona("office_staff", "justice")
    cases = [
        (
            lambda: review_score(by=office, node=_leaf("目录公布"), unit=city["market"], score=Decimal("4.5")),
            "score",
            "得分：4.5分超过该指标的分值4分。",
        ),
        (
            lambda: self_assessment_submit(
                by=unit_user, node=_leaf("规划任务销号率"), unit=city["market"], value=Decimal(99), statement="x"
            ),
            "value",
            "数值：该指标由系统按平台数据计算，不能填报数值，可填写说明和上传佐证材料。",
        ),
        (
            lambda: self_assessment_submit(
                by=unit_user, node=_leaf("目录公布"), unit=city["district"], value=Decimal(1), statement="x"
            ),
            "unit",
            "单位：不是该指标的责任单位。",
        ),
        (
            lambda: self_assessment_submit(
                by=unit_user, node=_leaf("目录公布"), unit=city["market"], value=None, statement="x"
            ),
            "value",
            "数值：请填写。",
        ),
        (
            lambda: review_send_back(by=office, node=_leaf("目录公布"), unit=city["market"], comment="补"),
            "comment",
            "退回：该单位尚未提交自评，无可退回的内容。",
        ),
        (
            lambda: self_assessment_submit(
                by=unit_user, node=_leaf("依法决策"), unit=city["market"], value=Decimal(1), statement="x"
            ),
            "node",
            "指标：只有末级指标可以自评和评审。",
        ),
    ]
    for call, field, message in cases:
        with pytest.raises(DomainError) as err:
            call()
        assert (err.value.field, err.value.message) == (field, message)
    assert LeafResult.objects.count() == 0 and ScoreChange.objects.count() == 0
    # a computed leaf may be annotated (statement, evidence) without a value
    r = self_assessment_submit(
        by=unit_user, node=_leaf("规划任务销号率"), unit=city["market"], value=None, statement="数据说明"
    )
    assert (r.value, r.score, r.statement) == (None, None, "数据说明")


def test_rankings_share_a_rank_on_equal_totals(s, city, persona):
    office = persona("office_staff", "justice")
    leaf = _leaf("目录公布")
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(4),
        method="pass_fail",
        lead_units=[city["market"]],
        co_units=[city["finance"], city["district"]],
    )
    for unit, score in (("market", 2), ("finance", 4), ("district", 2)):
        review_score(by=office, node=leaf, unit=city[unit], score=Decimal(score))
    assert [(r["rank"], r["code"], r["total"]) for r in indicator_ranking(s)] == [
        (1, "C003", 4),
        (2, "C002", 2),
        (2, "D100", 2),
    ]


def test_the_unit_scores_metric_and_the_cockpit_tile_read_the_ranking(s, city, persona):
    from fazhi.dashboards.selectors import cockpit_compute
    from fazhi.metrics.selectors import metric_value

    office = persona("office_staff", "justice")
    leaf = _leaf("目录公布")
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(4),
        method="pass_fail",
        lead_units=[city["market"]],
        co_units=[city["finance"]],
    )
    for unit, score in (("market", 2), ("finance", 4)):
        review_score(by=office, node=leaf, unit=city[unit], score=Decimal(score))
    m = metric_value("indicators.unit_scores", period=2026, records=True)
    assert m["value"] == 2 and m["records"] == sorted([city["market"].pk, city["finance"].pk])
    assert [(b["code"], b["value"], b["rank"]) for b in m["breakdown"]] == [("C003", 4.0, 1), ("C002", 2.0, 2)]
    assert metric_value("indicators.unit_scores", period=2025)["value"] == 0
    assert metric_value("indicators.unit_scores", period=2026, set="NONE")["value"] == 0
    tile = {t["key"]: t for t in cockpit_compute(persona("leader", "gov"))["tiles"]}["indicator_scores"]
    assert (tile["value"], [(i["label"], i["value"]) for i in tile["items"]]) == (
        2,
        [(city["finance"].name, 4.0), (city["market"].name, 2.0)],
    )
    # as the ranking page: a liaison (who self-assesses) sees it; a viewer without the indicators' view action does not
    assert metric_value("indicators.unit_scores", period=2026, viewer=persona("dept_liaison", "market"))["value"] == 2
    handler = persona("reconsideration_handler", "justice")
    assert metric_value("indicators.unit_scores", period=2026, viewer=handler)["value"] == 0


def test_a_gap_raises_one_supervised_item_for_the_lead_unit(s, city, persona):
    office = persona("office_staff", "justice")
    leaf = _leaf("规划任务销号率")
    LeafResult.objects.create(node=leaf, source="computed", value=Decimal("75.00"), score=Decimal("5.00"))
    LeafResult.objects.create(node=_leaf("目录公布"), source="computed", value=Decimal(1), score=Decimal(4))
    items = indicator_gaps_raise(by=office, indicator_set=s, due=dt.date(2026, 12, 31))
    again = indicator_gaps_raise(by=office, indicator_set=s, due=dt.date(2026, 12, 31))
    assert len(items) == 1 and [i.pk for i in again] == [items[0].pk] and Item.objects.count() == 1
    item = items[0]
    assert (item.kind, item.unit.code, item.title) == ("indicators.gap", "C002", "考核指标短板：规划任务销号率")
    assert item.text == "2026年度数值75，低于目标值90。"


def test_self_assessments_not_in_by_the_deadline_raise_an_item_per_unit(s, city, persona):
    # given the 自评截止日期 set: one engine clock per responsible unit (market, finance), fixed to that date
    office, unit_user = persona("office_staff", "justice"), persona("dept_liaison", "finance")
    due = dt.date(2026, 12, 10)
    assert self_due_set(by=office, indicator_set=s, due=due) == 2
    clocks = {c.unit.code: c for c in clocks_for(s)}
    assert {k: (c.rule_id, c.due_date) for k, c in clocks.items()} == {
        "C002": ("indicators.self_assessment", due),
        "C003": ("indicators.self_assessment", due),
    }
    assert self_overdue_raise(by=office, indicator_set=s, today=due) == []
    # when finance answers its leaf, its clock completes
    self_assessment_submit(
        by=unit_user, node=_leaf("目录公布"), unit=city["finance"], value=Decimal(1), statement="已公布"
    )
    assert clock_for(s, f"self.{city['finance'].pk}").completed_on is not None
    # then after the date only market's clock raises an item, which follows it
    items = self_overdue_raise(by=office, indicator_set=s, today=due + dt.timedelta(days=1))
    assert [(i.kind, i.unit.code, i.text) for i in items] == [
        ("indicators.self_overdue", "C002", "自评截止日期2026-12-10，尚有1项指标未提交自评。")
    ]
    assert items[0].clock_id == clocks["C002"].pk
    assert self_overdue_raise(by=office, indicator_set=s, today=due + dt.timedelta(days=2)) == items  # once
    # and it closes by itself when market answers (the clock completes)
    self_assessment_submit(
        by=persona("dept_liaison", "market"),
        node=_leaf("目录公布"),
        unit=city["market"],
        value=Decimal(1),
        statement="已公布",
    )
    items[0].refresh_from_db()
    assert items[0].state == "closed"


def test_a_self_due_before_today_is_refused_and_a_later_change_moves_the_open_clocks(s, persona):
    office = persona("office_staff", "justice")
    with pytest.raises(DomainError) as exc:
        self_due_set(by=office, indicator_set=s, due=dt.date(2020, 1, 1))
    assert exc.value.field == "self_due" and not clocks_for(s).exists()
    self_due_set(by=office, indicator_set=s, due=dt.date(2026, 12, 10))
    self_due_set(by=office, indicator_set=s, due=dt.date(2026, 12, 20))
    assert sorted(c.due_date for c in clocks_for(s)) == [dt.date(2026, 12, 20)] * 2
    s.refresh_from_db()
    assert s.self_due == dt.date(2026, 12, 20)


def test_the_assess_page_for_the_unit_and_the_office(s, city, persona, login_client):
    leaf = _leaf("目录公布")
    url = reverse("indicators:assess", args=[leaf.pk]) + "?unit=C002"
    unit_client = login_client(persona("dept_liaison", "market"))
    page = unit_client.get(url).content.decode()
    assert "提交自评" in page and "保存评审得分" not in page
    bad = unit_client.post(
        url,
        {
            "step": "self",
            "self-value": "1",
            "self-statement": "已公布",
            "self-files": SimpleUploadedFile("a.pdf", b"MZ not a pdf"),
        },
    )
    assert bad.status_code == 400 and "不是有效的.pdf文件" in bad.content.decode() and LeafResult.objects.count() == 0
    done = unit_client.post(url, {"step": "self", "self-value": "1", "self-statement": "已公布", "self-files": _pdf()})
    assert done.status_code == 302
    office_client = login_client(persona("office_staff", "justice"))
    refused = office_client.post(url, {"step": "review", "review-score": "9", "review-comment": "x"})
    assert refused.status_code == 400 and "得分：9分超过该指标的分值4分。" in refused.content.decode()
    assert office_client.post(url, {"step": "review", "review-score": "4"}).status_code == 302
    page = office_client.get(url).content.decode()
    assert "纪要.pdf" in page and "评审打分" in page and "单位提交自评" in page
    ranking = office_client.get(reverse("indicators:ranking", args=[s.pk])).content.decode()
    assert "示范市市场监督管理局" in ranking
    other = login_client(persona("dept_liaison", "finance"))
    assert 'value="self"' not in other.get(url).content.decode()  # not its unit's answer


def test_districts_are_ranked_apart_from_the_city_units(s, city, persona, login_client):
    """The ranking page, the export and the district metric rank the 区县 (county-level governments, scored from their
    own assessment as a body) apart from the city-level units; a district's department is in neither table."""
    from openpyxl import load_workbook

    from fazhi.indicators.exports import assessment_workbook
    from fazhi.metrics.selectors import metric_value
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    west = UnitFactory(
        code="D200",
        name="示范市西城区人民政府",
        kind=UnitKind.GOVERNMENT,
        level=UnitLevel.COUNTY,
        parent=city["gov"],
    )
    office = persona("office_staff", "justice")
    leaf = _leaf("目录公布")
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(4),
        method="pass_fail",
        lead_units=[city["market"]],
        co_units=[city["finance"], city["district"], city["district_market"], west],
    )
    for unit, score in (("market", 2), ("finance", 4), ("district", 1), ("district_market", 4)):
        review_score(by=office, node=leaf, unit=city[unit], score=Decimal(score))
    review_score(by=office, node=leaf, unit=west, score=Decimal(3))

    def table(tier):
        return [(r["rank"], r["code"], r["total"]) for r in indicator_ranking(s, tier=tier)]

    assert table("units") == [(1, "C003", 4), (2, "C002", 2)]
    assert table("districts") == [(1, "D200", 3), (2, "D100", 1)]
    assert [r["code"] for r in indicator_ranking(s)] == ["C003", "D101", "D200", "C002", "D100"]
    with pytest.raises(ValueError):
        indicator_ranking(s, tier="towns")

    page = login_client(office).get(reverse("indicators:ranking", args=[s.pk])).content.decode()
    units_html, districts_html = page.split('id="district-ranking"')
    assert "示范市财政局" in units_html and "示范市西城区人民政府" not in units_html
    assert "示范市西城区人民政府" in districts_html and "示范市财政局" not in districts_html
    assert "示范市东城区市场监督管理局" not in page

    data, _ = assessment_workbook(s)
    wb = load_workbook(BytesIO(data), read_only=True)
    assert [list(r) for r in wb["区县排名"].iter_rows(values_only=True)] == [
        ["名次", "单位", "单位编码", "总得分", "已得分指标"],
        [1, "示范市西城区人民政府", "D200", 3, 1],
        [2, "示范市东城区人民政府", "D100", 1, 1],
    ]
    assert [list(r)[2] for r in wb["单位排名"].iter_rows(values_only=True)][1:] == ["C003", "C002"]

    m = metric_value("indicators.district_scores", period=2026, records=True)
    assert m["value"] == 2 and m["records"] == sorted([west.pk, city["district"].pk])
    assert [(b["code"], b["value"], b["rank"]) for b in m["breakdown"]] == [("D200", 3.0, 1), ("D100", 1.0, 2)]
    assert metric_value("indicators.unit_scores", period=2026)["value"] == 5  # unchanged: every assessed unit
    assert metric_value("indicators.district_scores", period=2025)["value"] == 0
