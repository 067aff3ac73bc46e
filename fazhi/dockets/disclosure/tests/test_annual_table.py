"""The annual table (国办公开办函〔2021〕30号 第三部分) on a known set of requests over three years: exact numbers in every
cell, carry-over both ways, the check, the unit filter, the registry's metrics and `fazhi stats disclosure --json`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.dockets.disclosure import services as s
from fazhi.dockets.disclosure.codes import COLUMNS, TABLE_ROWS
from fazhi.dockets.disclosure.stats import annual_table, table_check
from fazhi.metrics.periods import Period
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
D = dt.date
ZERO = [0] * 7


def row(**cells: int) -> list[int]:
    out = [cells.get(c, 0) for c in COLUMNS[:-1]]
    return [*out, sum(out)]


@pytest.fixture
def known(request_, handler, persona, city):
    a = request_(received=D(2023, 12, 20), name="甲")
    s.case_reply(case=a, by=handler, on=D(2024, 1, 10), reply_type="disclose")
    b = request_(received=D(2023, 6, 1), name="乙", applicant_type="commercial")
    s.case_reply(case=b, by=handler, on=D(2023, 6, 20), reply_type="refuse", row="refused.4")
    c = request_(received=D(2024, 3, 4), name="丙", applicant_type="research")
    s.case_reply(case=c, by=handler, on=D(2024, 3, 20), reply_type="partial", content="公开部分")
    d = request_(received=D(2024, 12, 25), name="丁")  # still open
    e = request_(received=D(2024, 12, 30), name="戊", applicant_type="legal_service")
    s.case_request_correction(case=e, by=handler, on=D(2024, 12, 31), defects="内容不明确")
    s.case_close_uncorrected(case=e, by=handler, on=D(2025, 2, 20))
    f = request_(received=D(2025, 5, 6), name="己", applicant_type="public_interest", content="举报某企业")
    s.case_route_out(case=f, by=handler, on=D(2025, 5, 7))
    g = request_(received=D(2025, 7, 1), name="庚", applicant_type="other")
    s.case_withdraw(case=g, by=handler, on=D(2025, 7, 2))
    h = request_(received=D(2025, 8, 1), name="辛")
    s.case_fee_notice(case=h, by=handler, on=D(2025, 8, 4), method="page", pages=40, reason="材料量大")
    s.case_close_unpaid(case=h, by=handler, on=D(2025, 9, 15))
    market = persona("disclosure_handler", "market")
    i = request_(
        received=D(2025, 1, 10), name="壬", applicant_type="commercial", by=market, handling_unit=city["market"]
    )
    s.case_reply(case=i, by=market, on=D(2025, 3, 3), reply_type="already_public")  # due 14 Feb: late
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "i": i}


def rows_of(year: int, **kw) -> dict[str, list[int]]:
    return annual_table(period=Period(year), **kw)["rows"]


def expected(**nonzero: list[int]) -> dict[str, list[int]]:
    return {k: nonzero.get(k.replace(".", "_"), ZERO) for k, _ in TABLE_ROWS}


def test_2023(known):
    assert rows_of(2023) == expected(
        new=row(natural_person=1, commercial=1),
        refused_4=row(commercial=1),
        total=row(commercial=1),
        carried_out=row(natural_person=1),
    )


def test_2024_carry_in_and_out(known):
    assert rows_of(2024) == expected(
        new=row(research=1, natural_person=1, legal_service=1),
        carried_in=row(natural_person=1),
        disclosed=row(natural_person=1),
        partial=row(research=1),
        total=row(natural_person=1, research=1),
        carried_out=row(natural_person=1, legal_service=1),
    )


def test_2025(known):
    table = annual_table(period=Period(2025))
    assert table["rows"] == expected(
        new=row(public_interest=1, other=1, natural_person=1, commercial=1),
        carried_in=row(natural_person=1, legal_service=1),
        disclosed=row(commercial=1),
        not_processed_1=row(public_interest=1),
        other_1=row(legal_service=1),
        other_2=row(natural_person=1),
        other_3=row(other=1),
        total=row(natural_person=1, commercial=1, legal_service=1, public_interest=1, other=1),
        carried_out=row(natural_person=1),
    )
    assert table["check"] == {"ok": True, "failures": []}
    assert table["columns"] == [
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other",
        "total",
    ]


def test_unit_filter_counts_the_requests_of_that_handling_unit(known, city):
    assert rows_of(2025, unit_ids=frozenset([city["market"].pk])) == expected(
        new=row(commercial=1), disclosed=row(commercial=1), total=row(commercial=1)
    )


def test_check_names_the_failing_column():
    rows = {k: list(ZERO) for k, _ in TABLE_ROWS}
    rows["new"] = row(research=2)
    rows["total"] = row(research=1)
    result = table_check(rows)
    assert result["ok"] is False
    assert [f["column"] for f in result["failures"]] == ["research", "total"]


def test_registry_metrics_carry_the_breakdown_and_the_records(known):
    v = metric_value("disclosure.carried_out", period=2024, records=True)
    assert v["value"] == 2
    assert {b["code"]: b["value"] for b in v["breakdown"]}["legal_service"] == 1
    assert sorted(v["records"]) == sorted([known["d"].pk, known["e"].pk])
    assert metric_value("disclosure.on_time_rate", period=2025)["value"] == 0.0  # the one reply of 2025 was late
    assert metric_value("disclosure.on_time_rate", period=2024)["value"] == 100.0


def test_stats_command_json(known):
    out = io.StringIO()
    call_command("stats", "disclosure", "--year", "2024", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["annual_table"] == {
        "columns": list(COLUMNS),
        "rows": rows_of(2024),
        "check": {"ok": True, "failures": []},
    }
    assert (data["docket"], data["year"], data["unit"], data["received"], data["closed"]) == (
        "disclosure",
        2024,
        "",
        3,
        2,
    )
    assert (data["answered"], data["on_time"], data["on_time_rate"]) == (2, 2, 100.0)
    out = io.StringIO()
    call_command("stats", "disclosure", "--year", "2025", "--unit", "C002", "--json", stdout=out)
    assert json.loads(out.getvalue())["annual_table"]["rows"]["new"] == row(commercial=1)
