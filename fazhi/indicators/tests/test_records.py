"""The sources of the indicators (issue 23 §3): 述职述法, 学法, 法治能力测试 (Excel import), 法律顾问 — the records, their
registry metrics (exact values on a known data set), and a computed leaf bound to one equal to `fazhi metrics value`."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.indicators.imports import ability_results_import
from fazhi.indicators.models import AbilityResult, AbilityTest, DutyReport, IndicatorNode, LeafResult
from fazhi.indicators.parsing import parse_indicator_text
from fazhi.indicators.services import indicator_node_update, indicator_results_freeze, indicator_set_import
from fazhi.indicators.services_records import (
    adviser_engage,
    adviser_opinion_record,
    adviser_register,
    duty_report_record,
    study_session_record,
)
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
D = dt.date


def _xlsx(*rows, header=("单位", "姓名", "成绩", "工号")):
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("成绩.xlsx", buf.getvalue())


def _report(city, office, unit="market", reporter="张局长", **kw):
    args = {
        "by": office,
        "unit": city[unit],
        "year": 2026,
        "reporter": reporter,
        "post": "局长",
        "heard_on": D(2026, 11, 20),
        "heard_by": "市委全面依法治市委员会",
        "text": "一年来履行推进法治建设第一责任人职责情况……",
        "rating": "good",
    }
    args.update(kw)
    return duty_report_record(**args)


# ------------------------------------------------------------------------------------------------------- 述职述法


def test_duty_coverage_counts_units_with_a_report_by_level(city, persona):
    # given six county-or-higher units of the counted kinds (four city-level, two county-level)
    office = persona("office_staff", "justice")
    # when the market bureau's head and the district's head report on 2026
    _report(city, office, "market")
    _report(city, office, "district", reporter="王区长", post="区长", heard_on=D(2026, 11, 28))
    # then 2 of 6 units have reported: 33.33%, city level 1 of 4, county level 1 of 2
    v = metric_value("indicators.duty_coverage", period=2026, records=True)
    assert (v["value"], v["numerator"], v["denominator"]) == (33.33, 2, 6)
    assert v["breakdown"] == [
        {"code": "city", "label": "市级", "value": 25.0},
        {"code": "county", "label": "县（区）级", "value": 50.0},
    ]
    assert v["records"]["numerator"] == sorted([city["market"].pk, city["district"].pk])
    assert metric_value("indicators.duty_reports", period=2026)["value"] == 2
    assert metric_value("indicators.duty_reports", period=2025)["value"] == 0
    assert AuditEvent.objects.filter(action="indicators.duty_report.record").count() == 2


def test_duty_report_refusals_name_the_field_and_save_nothing(city, persona):
    office = persona("office_staff", "justice")
    _report(city, office)
    cases = [
        ({"reporter": "张局长"}, "reporter", "述法人：示范市市场监督管理局已登记张局长的2026年度述法。"),
        ({"reporter": "李局长", "text": "  "}, "text", "述法报告：请填写。"),
        (
            {"reporter": "李局长", "heard_on": D(2025, 3, 1)},
            "heard_on",
            "述法日期：2026年度的述法应在2026年或2027年进行。",
        ),
        ({"reporter": "李局长", "rating": "best"}, "rating", "评议等次：请从列表中选择。"),
    ]
    for kw, field, message in cases:
        with pytest.raises(DomainError) as exc:
            _report(city, office, **kw)
        assert (exc.value.field, exc.value.message) == (field, message)
    assert DutyReport.objects.count() == 1


def test_a_liaison_sees_only_their_units_reports_in_the_metric(city, persona):
    office = persona("office_staff", "justice")
    _report(city, office, "market")
    _report(city, office, "finance", reporter="赵局长")
    liaison = persona("dept_liaison", "market")
    assert metric_value("indicators.duty_reports", period=2026, viewer=liaison)["value"] == 1
    v = metric_value("indicators.duty_coverage", period=2026, viewer=liaison)
    assert (v["value"], v["numerator"], v["denominator"]) == (100.0, 1, 1)


# ------------------------------------------------------------------------------------------------------------ 学法


def test_study_sessions_count_meetings_by_kind_and_court_and_oath_apart(city, persona):
    office = persona("office_staff", "justice")
    for kind, day, n in (
        ("standing", D(2026, 3, 5), 20),
        ("standing", D(2026, 6, 5), 18),
        ("central_group", D(2026, 4, 9), 25),
        ("court", D(2026, 5, 12), 40),
        ("oath", D(2026, 7, 1), 12),
        ("standing", D(2025, 12, 30), 19),  # last year: not counted
    ):
        study_session_record(
            by=office,
            unit=city["gov"],
            kind=kind,
            held_on=day,
            topic="学习行政复议法",
            attendance=n,
            speaker="司法局长",
        )
    v = metric_value("indicators.study_sessions", period=2026)
    assert v["value"] == 3
    assert v["breakdown"] == [
        {"code": "standing", "label": "常务会议学法", "value": 2},
        {"code": "central_group", "label": "理论中心组学法", "value": 1},
    ]
    assert metric_value("indicators.study_attendance", period=2026)["value"] == 63
    assert metric_value("indicators.court_observations", period=2026)["value"] == 1
    assert metric_value("indicators.oaths", period=2026)["value"] == 1
    assert metric_value("indicators.study_sessions", period="2026") == metric_value(
        "indicators.study_sessions", period=2026
    )


def test_a_study_session_needs_attendance_and_no_future_date(city, persona):
    office = persona("office_staff", "justice")
    with pytest.raises(DomainError) as exc:
        study_session_record(
            by=office, unit=city["gov"], kind="standing", held_on=D(2026, 3, 5), topic="学法", attendance=0
        )
    assert (exc.value.field, exc.value.message) == ("attendance", "参加人数：至少1人。")
    with pytest.raises(DomainError) as exc:
        study_session_record(
            by=office, unit=city["gov"], kind="standing", held_on=D(2099, 3, 5), topic="学法", attendance=3
        )
    assert exc.value.field == "held_on"


# ------------------------------------------------------------------------------------------------- 法治能力测试


def test_an_import_with_a_bad_row_names_row_and_column_and_imports_nothing(city, persona):
    office = persona("office_staff", "justice")
    f = _xlsx(
        ("C002", "张三", 86, "A1"),
        ("C002", "李四", "八十", "A2"),
        ("不存在的局", "王五", 70, "A3"),
        ("C003", "", 50, "A4"),
        ("C002", "张三", 90, "A1"),
    )
    result = ability_results_import(
        file=f, by=office, owner=city["justice"], name="2026年度考试", held_on=D(2026, 9, 1)
    )
    assert result.errors == [
        (3, "成绩", "应为数字"),
        (4, "单位", "未找到单位“不存在的局”（填单位编码、全称或简称；须在您的数据范围内）"),
        (5, "姓名", "必填"),
        (6, "工号", "与第2行重复"),
    ]
    assert (AbilityTest.objects.count(), AbilityResult.objects.count()) == (0, 0)


def test_an_import_missing_a_column_is_refused_on_the_header(city, persona):
    office = persona("office_staff", "justice")
    f = _xlsx(("C002", "张三"), header=("单位", "姓名"))
    result = ability_results_import(file=f, by=office, owner=city["justice"], name="考试", held_on=D(2026, 9, 1))
    assert result.errors == [(1, "表头", "缺少列：成绩")]


def _imported(city, office, mark=None):
    f = _xlsx(
        ("C002", "张三", 86, "A1"),
        ("市市场监管局", "李四", 59.5, "A2"),  # short name
        ("示范市市场监督管理局", "王五", 60, "A3"),  # full name; exactly the mark passes
        ("C003", "赵六", 45, ""),
        ("C003", "钱七", 75, ""),
    )
    result = ability_results_import(
        file=f, by=office, owner=city["justice"], name="2026年度考试", held_on=D(2026, 9, 1), pass_mark=mark
    )
    assert result.ok, result.errors
    return result


def test_pass_rate_per_unit_follows_the_pass_mark(city, persona):
    office = persona("office_staff", "justice")
    result = _imported(city, office)
    assert result.rows == 5 and result.test.pass_mark == Decimal(60)  # settings' default
    v = metric_value("indicators.test_pass_rate", period=2026)
    assert (v["value"], v["numerator"], v["denominator"]) == (60.0, 3, 5)
    assert metric_value("indicators.test_pass_rate", period=2026, unit="C002")["value"] == 66.67
    assert metric_value("indicators.test_pass_rate", period=2026, unit="C003")["value"] == 50.0
    assert metric_value("indicators.test_pass_rate", period=2025)["value"] is None
    assert AuditEvent.objects.get(action="indicators.test.import").summary["rows"] == 5


def test_a_computed_leaf_bound_to_the_pass_rate_equals_fazhi_metrics_value(city, persona, capsys):
    # given the test results and a set with a leaf bound to indicators.test_pass_rate
    office = persona("office_staff", "justice")
    _imported(city, office, mark=Decimal(70))
    s = indicator_set_import(
        by=office,
        nodes=parse_indicator_text("一、能力（10分）\n1.法治能力测试合格率（10分）\n"),
        code="NL",
        name="能力考核",
        year=2026,
        owner=city["justice"],
    )
    leaf = IndicatorNode.objects.get(title="法治能力测试合格率")
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(10),
        method="rate",
        target=Decimal(100),
        metric_key="indicators.test_pass_rate",
    )
    # when the computed values are frozen and the command asks for the same figure
    indicator_results_freeze(by=office, indicator_set=s)
    call_command("metrics", "value", "indicators.test_pass_rate", "--year", "2026", "--json")
    printed = json.loads(capsys.readouterr().out)
    # then both say 40% (2 of 5 at or above 70), and the leaf scores 4 of 10
    result = LeafResult.objects.get(node=leaf, source="computed")
    assert printed["value"] == 40.0 and result.value == Decimal("40.00") and result.score == Decimal("4.00")


def test_the_metrics_list_command_names_the_sources(capsys):
    call_command("metrics", "list", "--json")
    keys = {m["key"] for m in json.loads(capsys.readouterr().out)}
    assert {
        "indicators.duty_coverage",
        "indicators.study_sessions",
        "indicators.test_pass_rate",
        "indicators.adviser_coverage",
    } <= keys


# --------------------------------------------------------------------------------------------------- 法律顾问


def test_adviser_coverage_counts_units_served_in_the_period(city, persona):
    office = persona("office_staff", "justice")
    firm = adviser_register(by=office, kind="firm", name="示范律师事务所", licence="31350000M0")
    public = adviser_register(by=office, kind="public", name="陈公职", firm="示范市司法局")
    market = adviser_engage(
        by=office,
        adviser=firm,
        unit=city["market"],
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        fee=Decimal(80000),
    )
    adviser_engage(by=office, adviser=firm, unit=city["district"], starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31))
    adviser_engage(by=office, adviser=public, unit=city["justice"], starts_on=D(2026, 6, 1))
    adviser_opinion_record(
        by=office,
        engagement=market,
        kind="contract",
        subject="政府采购合同审查",
        given_on=D(2026, 3, 2),
        hours=Decimal("3.5"),
    )
    adviser_opinion_record(
        by=office,
        engagement=market,
        kind="decision",
        subject="重大决策法律意见",
        given_on=D(2026, 4, 2),
        hours=Decimal(6),
    )
    v = metric_value("indicators.adviser_coverage", period=2026)
    assert (v["value"], v["numerator"], v["denominator"]) == (33.33, 2, 6)
    assert metric_value("indicators.adviser_coverage", period=2025)["numerator"] == 1
    ops = metric_value("indicators.adviser_opinions", period=2026)
    assert ops["value"] == 2 and [b["value"] for b in ops["breakdown"]] == [1, 0, 1, 0, 0]
    assert metric_value("indicators.adviser_hours", period=2026)["value"] == 9.5


def test_adviser_refusals(city, persona):
    office = persona("office_staff", "justice")
    firm = adviser_register(by=office, kind="firm", name="示范律师事务所")
    public = adviser_register(by=office, kind="public", name="陈公职")
    e = adviser_engage(by=office, adviser=firm, unit=city["market"], starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    for call, field in (
        (lambda: adviser_register(by=office, kind="firm", name="示范律师事务所"), "name"),
        (lambda: adviser_engage(by=office, adviser=firm, unit=city["market"], starts_on=D(2026, 6, 1)), "starts_on"),
        (
            lambda: adviser_engage(
                by=office, adviser=firm, unit=city["finance"], starts_on=D(2026, 2, 1), ends_on=D(2026, 1, 1)
            ),
            "ends_on",
        ),
        (
            lambda: adviser_engage(
                by=office, adviser=public, unit=city["finance"], starts_on=D(2026, 1, 1), fee=Decimal(1)
            ),
            "fee",
        ),
        (
            lambda: adviser_opinion_record(
                by=office, engagement=e, kind="case", subject="应诉", given_on=D(2026, 8, 1)
            ),
            "given_on",
        ),
    ):
        with pytest.raises(DomainError) as exc:
            call()
        assert exc.value.field == field
