"""The figures per 执法主体 on a known data set: each line from the registry for the body's unit, the total equal to
the registry's city-wide figure, the records behind a cell (the registry's page), the Excel, and the data scope — a
body's staff see their own line only and cannot read another body's records."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.enforcement.stats import body_metric_keys, enforcement_by_body, enforcement_workbook
from fazhi.metrics.periods import Period
from fazhi.metrics.selectors import metric_values

from .factories import body_with_staff, case_made

D = dt.date
pytestmark = pytest.mark.django_db

KEYS = [
    "cases",
    "decided",
    "decided_late",
    "review_required",
    "reviewed",
    "review_rate",
    "review_defects",
    "publication_due",
    "published_on_time",
    "publication_rate",
    "amount",
    "tier_defects",
]
# 2026, one list per body in KEYS' order
MARKET = [4, 3, 1, 2, 1, 50.0, 1, 3, 1, 33.33, 7000.0, 0]
FINANCE = [0, 1, 0, 0, 0, None, 0, 1, 1, 100.0, 1000.0, 0]
DISTRICT = [1, 1, 0, 0, 0, None, 0, 1, 1, 100.0, 300.0, 0]
TOTAL = [5, 5, 1, 2, 1, 50.0, 1, 5, 3, 60.0, 8300.0, 0]
CASE_LINK = re.compile(r'href="/enforcement/cases/(\d+)/"')


@pytest.fixture
def known(city):
    market = body_with_staff(city["market"])["body"]
    finance = body_with_staff(city["finance"], prefix="CZ")["body"]
    district = body_with_staff(city["district_market"], prefix="DS")["body"]
    return {
        # decided 1 Apr, published 3 Apr (on time); 5,000 yuan
        "a": case_made(
            market, number="A", decided_on=D(2026, 4, 1), decision="fine", amount=5000, published_on=D(2026, 4, 3)
        ),
        # in the 法制审核目录, reviewed the day before; decided 10 Apr, published 20 May (due 21 Apr: late); no amount
        "b": case_made(
            market,
            number="B",
            matter_code="CF-002",
            reviewer="刘审核",
            reviewer_qualified=True,
            reviewed_on=D(2026, 4, 9),
            decided_on=D(2026, 4, 10),
            decision="licence",
            published_on=D(2026, 5, 20),
        ),
        # filed 5 Jan, decided 30 Jun (past the 90 days), 法制审核 defect, not published; 2,000 yuan
        "c": case_made(
            market,
            number="C",
            matter_code="CF-002",
            filed_on=D(2026, 1, 5),
            decided_on=D(2026, 6, 30),
            decision="fine",
            amount=2000,
        ),
        "d": case_made(market, number="D", filed_on=D(2026, 11, 2)),
        # filed in 2025, decided 20 Jan 2026, published 22 Jan; 1,000 yuan
        "e": case_made(
            finance,
            number="E",
            filed_on=D(2025, 12, 15),
            decided_on=D(2026, 1, 20),
            decision="fine",
            amount=1000,
            published_on=D(2026, 1, 22),
            officer_numbers=["CZ-A"],
        ),
        # the district's market regulator: filed 2 Mar, decided 10 Mar, published 11 Mar; 300 yuan
        "f": case_made(
            district,
            number="F",
            decided_on=D(2026, 3, 10),
            decision="fine",
            amount=300,
            published_on=D(2026, 3, 11),
            officer_numbers=["DS-A", "DS-B"],
        ),
    }


def _line(values):
    return [values[f"enforcement.{k}"]["value"] for k in KEYS]


def _table(viewer, period=None, unit_code=None):
    t = enforcement_by_body(period=period or Period(2026), viewer=viewer, unit_code=unit_code)
    return {line["unit"]: _line(line["values"]) for line in t["lines"]}, _line(t["total"])


def test_the_columns_are_the_case_figures_in_registration_order():
    assert body_metric_keys() == [f"enforcement.{k}" for k in KEYS]


def test_each_body_has_its_own_figures_and_the_total_is_the_city_wide_value(known, persona):
    lines, total = _table(persona("office_staff"))
    assert lines == {"C002": MARKET, "C003": FINANCE, "D101": DISTRICT}
    assert list(lines) == ["C002", "C003", "D101"]  # the unit tree's order
    assert total == TOTAL
    assert total == _line(metric_values([f"enforcement.{k}" for k in KEYS], period=2026))  # the registry, no viewer
    for i, key in enumerate(KEYS):  # counts and amounts add up; a rate is the total's own
        if key.endswith("_rate"):
            continue
        assert sum(line[i] for line in lines.values()) == total[i], key


def test_a_quarter(known, persona):
    lines, total = _table(persona("office_staff"), period=Period(2026, "Q1"))
    assert [lines[u][:2] for u in ("C002", "C003", "D101")] == [[3, 0], [0, 1], [1, 1]]
    assert total[:2] == [4, 2] and total[9] == 100.0


def test_the_kept_counts_and_a_live_recount_give_the_same_table(known, persona):
    from fazhi.metrics.models import TallyState
    from fazhi.metrics.tallies import tally_ready

    office = persona("office_staff")
    assert tally_ready("enforcement")
    kept = _table(office)
    TallyState.objects.filter(source="enforcement").delete()
    assert _table(office) == kept


def test_a_bodys_staff_see_only_their_line_and_their_total(known, persona):
    assert _table(persona("dept_liaison", unit="market")) == ({"C002": MARKET}, MARKET)
    assert _table(persona("dept_liaison", unit="finance")) == ({"C003": FINANCE}, FINANCE)
    # a district's liaison: the district and the units under it
    assert _table(persona("district_liaison", unit="district")) == ({"D101": DISTRICT}, DISTRICT)
    # the leader reads the city
    assert _table(persona("leader", unit="gov"))[1] == TOTAL


def test_a_user_without_the_statistics_action_gets_no_line(known, persona):
    assert enforcement_by_body(period=Period(2026), viewer=persona("reconsideration_handler"))["lines"] == []


def test_the_page_links_every_cell_to_the_records_behind_it(known, persona, login_client):
    c = login_client(persona("office_staff"))
    html = c.get("/enforcement/stats/?year=2026").content.decode()
    assert 'href="/metrics/enforcement.decided/?year=2026&amp;unit=C002"' in html
    assert 'href="/metrics/enforcement.publication_rate/?year=2026&amp;unit=C003"' in html
    assert 'href="/metrics/enforcement.decided/?year=2026"' in html  # the total's cell
    assert "33.33%" in html and "8300.0" in html and "示范市东城区市场监督管理局" in html
    # the cell's page lists exactly the body's records behind the figure
    page = c.get("/metrics/enforcement.decided/?year=2026&unit=C002").content.decode()
    assert set(CASE_LINK.findall(page)) == {str(known[k].pk) for k in "abc"}
    page = c.get("/metrics/enforcement.amount/?year=2026&unit=C002").content.decode()
    assert set(CASE_LINK.findall(page)) == {str(known[k].pk) for k in "ac"}  # B has no amount
    page = c.get("/metrics/enforcement.review_defects/?year=2026&unit=C002").content.decode()
    assert set(CASE_LINK.findall(page)) == {str(known["c"].pk)}
    page = c.get("/metrics/enforcement.cases/?year=2026&period=Q1&unit=D101").content.decode()
    assert set(CASE_LINK.findall(page)) == {str(known["f"].pk)}


def test_a_bodys_liaison_cannot_see_nor_drill_into_another_bodys_line(known, persona, login_client):
    c = login_client(persona("dept_liaison", unit="market"))
    html = c.get("/enforcement/stats/?year=2026").content.decode()
    assert 'href="/metrics/enforcement.decided/?year=2026&amp;unit=C002"' in html
    assert "unit=C003" not in html and "示范市财政局" not in html and "unit=D101" not in html
    # the other body's cell, typed in: the registry counts within the viewer's scope — nothing of the finance bureau
    page = c.get("/metrics/enforcement.decided/?year=2026&unit=C003").content.decode()
    assert CASE_LINK.findall(page) == [] and "没有记录。" in page
    page = c.get("/metrics/enforcement.publication_due/?year=2026").content.decode()
    assert set(CASE_LINK.findall(page)) == {str(known[k].pk) for k in "abc"}
    # filtered to the other body's unit, the table is empty
    html = c.get("/enforcement/stats/?year=2026&unit=C003").content.decode()
    assert "没有您可查看的执法主体。" in html


def test_the_page_and_the_export_are_denied_without_the_statistics_action(known, persona, login_client):
    c = login_client(persona("reconsideration_handler"))
    assert c.get("/enforcement/stats/?year=2026").status_code == 404
    assert c.get("/enforcement/stats/export/?year=2026").status_code == 404
    assert not AuditEvent.objects.filter(action="enforcement.stats.export").exists()


def test_bad_input_names_the_field_and_falls_back(known, persona, login_client):
    c = login_client(persona("office_staff"))
    html = c.get("/enforcement/stats/?year=26&period=Q5&unit=NOPE").content.decode()
    assert "年度应在1990年至" in html
    assert "统计期间“Q5”无效" in html
    assert "执法单位编码：未找到编码为“NOPE”的单位。" in html


def _sheet(data):
    return list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))


def test_the_excel_has_one_row_per_body_the_total_and_each_columns_definition(known, persona, login_client):
    office = persona("office_staff")
    r = login_client(office).get("/enforcement/stats/export/?year=2026")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["分执法主体"]
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    width = 2 + len(KEYS)
    assert rows[0][0] == "行政执法统计（分执法主体，2026年）"
    assert rows[1][:4] == ("执法主体", "单位编码", "立案（件）", "作出决定（件）")
    assert rows[1][7] == "法制审核率（%）" and rows[1][12] == "罚没金额（元）" and len(rows[1]) == width
    assert rows[2:6] == [  # a rate over 0 is an empty cell
        ("示范市市场监督管理局", "C002", *MARKET),
        ("示范市财政局", "C003", *FINANCE),
        ("示范市东城区市场监督管理局", "D101", *DISTRICT),
        ("合计", None, *TOTAL),
    ]
    assert all(v is None for v in rows[6])
    assert rows[7][0] == "口径说明" and rows[8][:3] == ("列", "指标", "口径")
    assert rows[9][:2] == ("立案（件）", "enforcement.cases")
    assert rows[9][2].startswith("立案日期在统计期间内的行政执法案件")
    assert rows[12][:2] == ("须经法制审核（件）", "enforcement.review_required")
    assert "《行政处罚法》（2021年修订）第五十八条第一款" in rows[12][2]
    assert len(rows) == 9 + len(KEYS) + 1 and rows[-1][0] == "合计"
    event = AuditEvent.objects.get(action="enforcement.stats.export")
    assert event.summary == {"year": 2026, "period": "", "unit": ""}


def test_the_excel_of_a_bodys_liaison_has_their_line_only(known, persona):
    rows = _sheet(enforcement_workbook(period=Period(2026, "H1"), viewer=persona("dept_liaison", unit="finance")))
    assert rows[0][0] == "行政执法统计（分执法主体，2026年上半年）"
    assert rows[2][:4] == ("示范市财政局", "C003", 0, 1) and rows[3][:4] == ("合计", None, 0, 1)
    assert rows[4] == (None,) * len(rows[4])


def test_the_table_reads_the_kept_counts_of_every_body_in_the_same_number_of_queries(known, city, persona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.orgs.tests.factories import UnitFactory

    office = persona("office_staff")
    enforcement_by_body(period=Period(2026), viewer=office)  # the viewer's grants loaded
    with CaptureQueriesContext(connection) as three:
        enforcement_by_body(period=Period(2026), viewer=office)
    for n in range(3):
        unit = UnitFactory(code=f"C01{n}", name=f"示范市某局{n}", parent=city["gov"])
        body_with_staff(unit, prefix=f"X{n}")
    with CaptureQueriesContext(connection) as six:
        t = enforcement_by_body(period=Period(2026), viewer=office)
    assert len(t["lines"]) == 6 and _line(t["total"]) == TOTAL
    assert len(six.captured_queries) == len(three.captured_queries)


def test_without_the_metric_pages_the_numbers_show_without_links(known, city, login_client):
    from fazhi.orgs.models import DataScope
    from fazhi.orgs.tests.factories import RoleFactory, UserFactory

    role = RoleFactory(actions=["enforcement.view", "enforcement.stats.view"], data_scope=DataScope.ALL)
    c = login_client(UserFactory(unit=city["justice"], roles=[role]))
    html = c.get("/enforcement/stats/?year=2026").content.decode()
    assert "/metrics/" not in html
    assert "示范市东城区市场监督管理局" in html and "33.33%" in html
