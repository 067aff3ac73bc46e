"""The 述法 download (issue 23 §3): the year's 述职述法 reports per unit as Excel, coverage per level and the units that
have not reported — exact values, the viewer's scope, audited."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.indicators.selectors_records import duty_coverage_by_level
from fazhi.indicators.services_records import duty_report_record

pytestmark = pytest.mark.django_db


def _report(city, office, unit, reporter, heard_on):
    return duty_report_record(
        by=office,
        unit=city[unit],
        year=2026,
        reporter=reporter,
        post="主要负责人",
        heard_on=heard_on,
        heard_by="市委全面依法治市委员会",
        text="履行推进法治建设第一责任人职责情况。",
        rating="good",
    )


@pytest.fixture
def reported(city, persona):
    # six county-or-higher units of the counted kinds: four city-level, two county-level; two report on 2026
    office = persona("office_staff", "justice")
    _report(city, office, "market", "张局长", dt.date(2026, 11, 20))
    _report(city, office, "district", "王区长", dt.date(2026, 11, 28))
    return office


def _sheets(content):
    wb = load_workbook(BytesIO(content))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_coverage_per_level_counts_the_units_behind_the_registry_figure(reported, city):
    levels, total, missing = duty_coverage_by_level(reported, 2026)
    assert [(lv["label"], lv["required"], lv["reported"], lv["rate"]) for lv in levels] == [
        ("市级", 4, 1, 25.0),
        ("县（区）级", 2, 1, 50.0),
    ]
    assert (total["required"], total["reported"], total["rate"]) == (6, 2, 33.33)
    assert {u.code for u in missing} == {"C000", "C001", "C003", "D101"}


def test_the_download_has_the_reports_the_coverage_and_the_units_missing(reported, city, login_client):
    resp = login_client(reported).get(reverse("indicators:duty_export") + "?year=2026")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = _sheets(resp.content)
    assert list(sheets) == ["述职述法", "覆盖情况", "未述法单位"]
    reports = sheets["述职述法"]
    assert reports[1][:4] == ("单位", "单位编码", "单位层级", "述法人")
    assert sorted(r[:9] for r in reports[2:]) == [
        (
            "示范市东城区人民政府",
            "D100",
            "县（区）级",
            "王区长",
            "主要负责人",
            "2026-11-28",
            "市委全面依法治市委员会",
            "较好",
            "无",
        ),
        (
            "示范市市场监督管理局",
            "C002",
            "市级",
            "张局长",
            "主要负责人",
            "2026-11-20",
            "市委全面依法治市委员会",
            "较好",
            "无",
        ),
    ]
    assert sheets["覆盖情况"][1:] == [
        ("单位层级", "应述法单位（个）", "已述法单位（个）", "述法覆盖率（%）"),
        ("市级", 4, 1, 25),
        ("县（区）级", 2, 1, 50),
        ("合计", 6, 2, 33.33),
    ]
    assert sorted(r[1] for r in sheets["未述法单位"][1:]) == ["C000", "C001", "C003", "D101"]
    assert AuditEvent.objects.filter(action="indicators.duty_report.export").count() == 1
    page = login_client(reported).get(reverse("indicators:duty_reports") + "?year=2026").content.decode()
    assert re.search(r"<tr><td[^>]*>县（区）级</td><td[^>]*>2</td><td[^>]*>1</td><td[^>]*>50\.0%</td></tr>", page)
    assert "未述法单位（4个）" in page


def test_a_liaison_downloads_only_their_units(reported, city, persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    sheets = _sheets(client.get(reverse("indicators:duty_export") + "?year=2026").content)
    assert [r[1] for r in sheets["述职述法"][2:]] == ["C002"]
    assert sheets["覆盖情况"][2:] == [("市级", 1, 1, 100), ("合计", 1, 1, 100)]
    assert sheets["未述法单位"][1:] == []
