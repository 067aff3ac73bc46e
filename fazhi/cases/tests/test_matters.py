"""行政管理类别 and part 四 of the 政府信息公开工作年度报告: the three metrics on a known set (exact numbers), the
records behind them, a unit filter, and the registration forms storing the category (an unknown one refused)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.matters import matter_check
from fazhi.cases.models import Case
from fazhi.core.errors import DomainError
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
D = dt.date
SEQ = iter(range(1, 1000))


def make(city, docket, received, outcome="", closed=None, matter="gov_info", unit="market", **extra):
    n = next(SEQ)
    if matter:
        extra["matter"] = matter
    return Case.objects.create(
        docket=docket,
        case_number=f"测{docket[:3]}〔{received.year}〕{n}号",
        number_year=received.year,
        number_seq=n,
        state="decided" if closed else "accepted",
        handling_unit=city["justice"],
        respondent_unit=city[unit],
        received_on=received,
        closed_on=closed,
        outcome=outcome,
        extra=extra,
    )


@pytest.fixture
def known(city):
    r = "reconsideration"
    made = {
        "r_upheld": make(city, r, D(2025, 2, 1), "uphold", D(2025, 4, 1)),
        "r_revoked": make(city, r, D(2025, 3, 1), "revoke", D(2025, 5, 1)),
        "r_confirm_illegal": make(city, r, D(2025, 6, 1), "confirm_illegal", D(2025, 8, 1), unit="finance"),
        "r_dismissed": make(city, r, D(2025, 7, 1), "dismiss_application", D(2025, 7, 20)),
        "r_open": make(city, r, D(2025, 11, 1)),
        "r_closed_next_year": make(city, r, D(2025, 12, 1), "uphold", D(2026, 1, 10)),  # pending at 2025's end
        "r_last_year": make(city, r, D(2024, 12, 20), "revoke", D(2025, 2, 1)),  # received before 2025: not counted
        "r_other_matter": make(city, r, D(2025, 3, 1), "revoke", D(2025, 5, 1), matter="public_security"),
        "r_no_matter": make(city, r, D(2025, 3, 1), "uphold", D(2025, 5, 1), matter=""),
    }
    lit = "litigation"
    made.update(
        l_dismissed=make(city, lit, D(2025, 2, 1), "dismiss_claim", D(2025, 6, 1), after_reconsideration=False),
        l_lost=make(city, lit, D(2025, 3, 1), "revoke", D(2025, 6, 1)),
        l_withdrawn=make(city, lit, D(2025, 4, 1), "withdrawal", D(2025, 5, 1)),
        l_after_open=make(city, lit, D(2025, 5, 1), after_reconsideration=True),
        l_after_lost=make(city, lit, D(2025, 5, 1), "perform", D(2025, 9, 1), after_reconsideration=True),
    )
    return made


def values(key, **kw):
    v = metric_value(key, period=2025, **kw)
    return [b["value"] for b in v["breakdown"]] + [v["value"]]


def test_part_four_counts_each_kind_by_result_at_the_period_end(known):
    #                                                       维持 纠正 其他 尚未审结 总计
    assert values("cases.gov_info_reconsideration") == [1, 2, 1, 2, 6]
    assert values("cases.gov_info_litigation_direct") == [1, 1, 1, 0, 3]
    assert values("cases.gov_info_litigation_after") == [0, 1, 0, 1, 2]
    assert values("cases.gov_info_reconsideration", unit="C003") == [0, 1, 0, 0, 1]  # 市财政局 as respondent


def test_part_four_records_are_the_cases_counted(known):
    got = metric_value("cases.gov_info_reconsideration", period=2025, records=True)["records"]
    names = ("r_upheld", "r_revoked", "r_confirm_illegal", "r_dismissed", "r_open", "r_closed_next_year")
    assert got == sorted(known[n].pk for n in names)


def test_an_unknown_matter_is_refused_naming_the_field():
    assert matter_check(" gov_info ") == "gov_info" and matter_check("") == ""
    with pytest.raises(DomainError) as e:
        matter_check("taxes")
    assert e.value.field == "matter" and "行政管理类别" in e.value.message


def test_the_report_shows_part_four_from_the_registry(known, city):
    import io

    from docx import Document

    from fazhi.dockets.disclosure.stats import annual_report_docx

    data = annual_report_docx(year=2025, issuer="示范市司法局", narrative={"remedies": "均已依法办理。"})
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "本年度因政府信息公开被申请行政复议6件，被提起行政诉讼5件（详见下表）。均已依法办理。" in text
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "结果维持")
    assert [[c.text for c in r.cells] for r in table.rows[1:]] == [
        ["行政复议", "1", "2", "1", "2", "6"],
        ["行政诉讼（未经复议直接起诉）", "1", "1", "1", "0", "3"],
        ["行政诉讼（复议后起诉）", "0", "1", "0", "1", "2"],
    ]
