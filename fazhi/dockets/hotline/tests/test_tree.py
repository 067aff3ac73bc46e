"""The category tree with the responsible unit per category and area (issue #18 §2): edited by the centre (audited,
a stale version refused), an arriving order proposed — or with AUTO_DISPATCH dispatched — to the unit the tree names
(API, import, page), an unknown or deactivated category refused naming the field; the monthly ranking and hot topics
(this week against last) as registry metrics, exact."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.audit.models import AuditEvent
from fazhi.cases.models import Case
from fazhi.core.errors import ConflictError, DomainError
from fazhi.dockets.hotline import services as s
from fazhi.dockets.hotline import tree
from fazhi.dockets.hotline.codes import categories
from fazhi.dockets.hotline.imports import COLUMNS, hotline_import
from fazhi.dockets.hotline.ranking import compare, hot_topics, unit_ranking, week_ranges
from fazhi.metrics.periods import Period
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def built(centre_user, city):
    """heating (any area → market; 东城区 → district_market), heating.pipe under it, housing without a route."""
    heating = tree.category_add(by=centre_user, code="heating", name="供暖供热", position=10)
    pipe = tree.category_add(by=centre_user, code="heating.pipe", name="管道漏水", parent="heating")
    housing = tree.category_add(by=centre_user, code="housing", name="住房保障与物业", position=20)
    tree.route_set(by=centre_user, category=heating, unit=city["market"], expected_version=heating.version)
    tree.route_set(
        by=centre_user, category=heating, area="东城区", unit=city["district_market"], expected_version=heating.version
    )
    return {"heating": heating, "pipe": pipe, "housing": housing}


def test_without_a_tree_the_setting_is_the_list(order):
    assert dict(categories())["heating"] == "供暖供热" and not tree.tree_built()
    case = order(category="labour")
    assert case.extra["proposed_unit"] is None


def test_the_tree_names_the_unit_by_category_and_area(built, order, city):
    assert [c for c, _ in categories()] == ["heating", "heating.pipe", "housing"]
    assert order(area="西城区").extra["proposed_unit"] == city["market"].pk  # any-area route
    east = order(area="东城区")
    assert east.extra["proposed_unit"] == city["district_market"].pk  # the area's own route
    assert east.state == "pending" and east.handling_unit == city["gov"]  # proposed only: the centre dispatches
    assert order(category="heating.pipe", area="").extra["proposed_unit"] == city["market"].pk  # the parent's
    assert order(category="housing").extra["proposed_unit"] is None
    assert "派单目录承办单位：示范市东城区市场监督管理局" in east.events.order_by("pk").first().label


def test_a_category_outside_the_tree_or_deactivated_is_refused(built, order, centre_user):
    with pytest.raises(DomainError) as exc:
        order(category="labour")  # in the setting, not in the tree
    assert (exc.value.field, exc.value.message) == ("category", "未知的诉求分类“labour”。")
    housing = built["housing"]
    tree.category_edit(by=centre_user, category=housing, expected_version=housing.version, name="住房", is_active=False)
    with pytest.raises(DomainError) as exc:
        order(category="housing")
    assert exc.value.field == "category"
    assert [c for c, _ in categories()] == ["heating", "heating.pipe"]
    assert Case.objects.filter(docket="hotline").count() == 0


def test_with_auto_dispatch_the_order_goes_to_the_unit(built, order, city, settings):
    settings.FAZHI_HOTLINE = {"AUTO_DISPATCH": True}
    case = order(area="东城区")
    case.refresh_from_db()
    assert (case.state, case.handling_unit, case.respondent_unit) == (
        "dispatched",
        city["district_market"],
        city["district_market"],
    )
    unrouted = order(category="housing")
    assert unrouted.state == "pending"


def test_edits_are_audited_and_a_stale_version_refused(built, centre_user, city):
    heating = built["heating"]
    assert AuditEvent.objects.filter(action="hotline.category.add").count() == 3
    routes = AuditEvent.objects.filter(action="hotline.category.route").order_by("pk")
    assert [e.summary for e in routes] == [{"area": "", "unit": ["", "C002"]}, {"area": "东城区", "unit": ["", "D101"]}]
    heating.refresh_from_db()
    stale = heating.version - 1
    with pytest.raises(ConflictError):
        tree.route_set(by=centre_user, category=heating, unit=city["finance"], expected_version=stale)
    tree.category_edit(by=centre_user, category=heating, expected_version=heating.version, name="供热", position=10)
    edit = AuditEvent.objects.get(action="hotline.category.edit")
    assert edit.summary == {"changed": {"name": ["供暖供热", "供热"]}}
    with pytest.raises(DomainError) as exc:
        tree.category_edit(
            by=centre_user, category=heating, expected_version=heating.version, name="供热", parent="heating.pipe"
        )
    assert exc.value.field == "parent"
    with pytest.raises(DomainError) as exc:
        tree.category_add(by=centre_user, code="heating", name="重复")
    assert exc.value.field == "code"
    tree.route_remove(by=centre_user, category=heating, area="东城区", expected_version=heating.version)
    assert tree.category_route("heating", "东城区") == city["market"]


def test_the_api_and_the_import_use_the_tree(built, city, tmp_path):
    _k, full = key_for(
        account_with(["cases.case.view", "hotline.case.view", "hotline.case.register"], unit=city["gov"])
    )
    body = {"source_id": "GD1", "received_on": "2025-03-03", "type": "complaint", "category": "heating",
            "content": "暖气不热", "area": "东城区"}  # fmt: skip

    def post(b):
        return Client().post(
            "/api/v1/hotline/orders/", json.dumps(b, ensure_ascii=False), content_type="application/json",
            **bearer(full),
        )  # fmt: skip

    resp = post(body)
    assert resp.status_code == 201 and resp.json()["docket_data"]["proposed_unit"] == city["district_market"].pk
    bad = post({**body, "source_id": "GD2", "category": "labour"})
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "category"

    def xlsx(name, rows):
        wb = Workbook()
        ws = wb.active
        ws.append(COLUMNS)
        for r in rows:
            ws.append(r)
        wb.save(tmp_path / name)
        return SimpleUploadedFile(name, (tmp_path / name).read_bytes())

    pipe = ["GD3", "12345", "2025-03-03", "投诉", "管道漏水", "漏水", "", "西城区", "一般", "", ""]
    wages = ["GD4", "12345", "2025-03-03", "投诉", "欠薪", "欠薪", "", "", "一般", "", ""]
    result = hotline_import(file=xlsx("bad.xlsx", [pipe, wages]), by=None, handling_unit=city["gov"])
    assert result.errors == [(3, "诉求分类", "未知的诉求分类“欠薪”")]
    assert not hotline_import(file=xlsx("good.xlsx", [pipe]), by=None, handling_unit=city["gov"]).errors
    imported = Case.objects.get(docket="hotline", extra__source_id="GD3")
    assert (imported.extra["category"], imported.extra["proposed_unit"]) == ("heating.pipe", city["market"].pk)


# --------------------------------------------------------------------------------------- ranking and hot topics
@pytest.fixture
def known(order, centre_user, unit_user, city):
    market, finance = city["market"], city["finance"]

    def run(unit, signed, satisfaction, solved, who):
        case = order()  # complaint, received Mon 3 March 2025; sign due 3/4
        s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 3), to_unit=unit)
        s.order_sign(case=case, by=unit_user(who), on=signed)
        s.order_reply(case=case, by=unit_user(who), on=D(2025, 3, 7), content="已办理")
        s.order_visit(case=case, by=centre_user, on=D(2025, 3, 10), satisfaction=satisfaction, solved=solved)
        return case

    return [
        run(market, D(2025, 3, 4), "satisfied", True, "market"),
        run(market, D(2025, 3, 6), "unsatisfied", False, "market"),  # signed late
        run(finance, D(2025, 3, 4), "basic", False, "finance"),
        run(finance, D(2025, 3, 4), "satisfied", True, "finance"),
    ]


def test_the_monthly_ranking_by_each_rate(known):
    march = Period(2025, "M03")
    # market: response 1/2, resolution 1/2, satisfaction 1/2; finance: response 2/2, resolution 1/2, satisfaction 2/2
    lines = unit_ranking(period=march)
    assert [
        (u["rank"], u["unit"], u["response_rate"], u["resolution_rate"], u["satisfaction_rate"]) for u in lines
    ] == [
        (1, "C003", 100.0, 50.0, 100.0),
        (2, "C002", 50.0, 50.0, 50.0),
    ]
    # the same resolution rate: ranked by the next rate (response), so finance first still
    assert [u["unit"] for u in unit_ranking(period=march, by="resolution_rate")] == ["C003", "C002"]
    m = metric_value("hotline.ranking", period=march, records=True, by="satisfaction_rate")
    assert m["value"] == 2
    assert [(b["code"], b["value"], b["rank"]) for b in m["breakdown"]] == [("C003", 100.0, 1), ("C002", 50.0, 2)]
    assert m["records"] == sorted(c.pk for c in known)
    assert unit_ranking(period=Period(2025, "M04")) == []


def test_equal_units_share_a_rank():
    assert compare([{"code": "a", "label": "A", "value": 3}], [{"code": "a", "label": "A", "value": 2}]) == [
        {"code": "a", "label": "A", "this": 3, "last": 2, "change": 1, "change_pct": 50.0}
    ]


def test_hot_topics_this_week_against_last(order):
    this, last = week_ranges(D(2025, 3, 12))  # a Wednesday
    assert (this.start, this.end, last.start, last.end) == (
        D(2025, 3, 10),
        D(2025, 3, 12),
        D(2025, 3, 3),
        D(2025, 3, 9),
    )
    for day, category, area in [
        (D(2025, 3, 3), "heating", "东城区"),
        (D(2025, 3, 9), "heating", "东城区"),
        (D(2025, 3, 10), "heating", "西城区"),
        (D(2025, 3, 11), "traffic", "西城区"),
        (D(2025, 3, 12), "traffic", ""),
        (D(2025, 3, 12), "traffic", "西城区"),
        (D(2025, 3, 13), "traffic", "西城区"),  # after "today": in neither week
    ]:
        order(received=day, category=category, area=area)
    got = hot_topics(today=D(2025, 3, 12))
    assert [(r["code"], r["this"], r["last"], r["change"], r["change_pct"]) for r in got["categories"]] == [
        ("traffic", 3, 0, 3, None),
        ("heating", 1, 2, -1, -50.0),
    ]
    assert [(r["code"], r["this"], r["last"]) for r in got["places"]] == [
        ("西城区", 3, 0),
        ("未注明区域", 1, 0),
        ("东城区", 0, 2),
    ]
    west = metric_value("hotline.places", period=this, records=True, area="西城区")
    assert west["value"] == 3 and len(west["records"]) == 3
