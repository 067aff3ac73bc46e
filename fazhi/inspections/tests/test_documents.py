"""The 督察报告's counts on a known set and its text; the notice to an inspected unit; 约谈 / 通报 records."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.inspections import services as s
from fazhi.inspections.documents import notice_document, report_document, report_figures

from .factories import finding, pdf, plan_underway

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(persona):
    return persona("office_staff")


def text_of(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def known_set(city, leader, liaison):
    """Five findings: market 3 (closed, submitted, planned), district 2 (open; one serious)."""
    p = plan_underway(city, leader)
    t = p.targets.get(unit=city["market"])
    s.fieldwork_record(
        plan=p,
        by=leader,
        target=t,
        checklist_item=p.checklist.get(number=1),
        method="documents",
        on=p.start_on,
        has_finding=True,
        note="公示未更新",
    )
    s.fieldwork_record(
        plan=p,
        by=leader,
        target=t,
        checklist_item=p.checklist.get(number=2),
        method="interview",
        on=p.start_on,
        has_finding=False,
    )
    a, b, c = (finding(p, leader, city["market"], text=f"市场监管问题{i}") for i in (1, 2, 3))
    finding(p, leader, city["district"], text="东城区问题1")
    s.finding_raise(
        plan=p,
        by=leader,
        responsible_unit=city["district"],
        text="东城区问题2",
        basis="依据",
        severity="serious",
        found_on=p.start_on,
        due_on=p.end_on,
    )
    for x in (a, b):
        s.finding_measures(finding=x, by=liaison, text="方案")
        s.finding_report(finding=x, by=liaison, text="完成", files=[pdf()], complete=True)
    s.finding_accept(finding=a, by=leader)
    s.finding_measures(finding=c, by=liaison, text="方案")
    return p


def test_report_counts_on_a_known_set(city, leader, persona):
    p = known_set(city, leader, persona("dept_liaison", unit="market"))
    x = report_figures(p)
    assert {k: v for k, v in x.items() if k != "rows"} == {
        "targets": 2,
        "checklist": 2,
        "fieldwork": 2,
        "fieldwork_with_finding": 1,
        "findings": 5,
        "status": {"open": 2, "planned": 1, "submitted": 1, "closed": 1},
        "severity": {"minor": 4, "serious": 1, "grave": 0},
        "units": {"示范市市场监督管理局": 3, "示范市东城区人民政府": 2},
        "overdue": 0,
    }
    text = text_of(report_document(plan=p))
    assert "共发现问题5个（一般4个，较重1个），涉及示范市市场监督管理局3个，示范市东城区人民政府2个。" in text
    assert "已销号1个，待审核1个，整改中1个，待整改2个；逾期未整改0个。" in text
    assert "形成督察记录2条，其中发现问题的1条。" in text


def test_notice_names_the_unit_the_checklist_and_the_team(city, leader):
    p = plan_underway(city, leader)
    t = p.targets.get(unit=city["market"])
    text = text_of(notice_document(plan=p, target=t))
    assert "关于对示范市市场监督管理局开展行政执法专项督察的通知" in text
    assert "1. 行政执法：执法公示制度落实情况（依据：《中华人民共和国行政处罚法》第三十九条）" in text
    assert f"组长：{leader}；" in text
    assert "采取查阅资料、个别谈话、实地察看、问卷调查等方式进行。" in text


def test_report_and_notice_download(city, leader, login_client):
    p = plan_underway(city, leader)
    c = login_client(leader)
    r = c.get(reverse("inspections:report", args=[p.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    t = p.targets.first()
    assert c.get(reverse("inspections:notice", args=[p.pk, t.pk])).status_code == 200


def test_accountability_records_a_unit_over_its_own_findings(city, leader):
    p = plan_underway(city, leader)
    a = finding(p, leader, city["market"])
    other = finding(p, leader, city["district"])
    with pytest.raises(DomainError) as e:
        s.accountability_record(
            plan=p, by=leader, kind="interview", unit=city["market"], on=p.start_on, text="整改不力", findings=[other]
        )
    assert (e.value.field, e.value.message) == ("findings", "问题2不是该单位在本次督察中的问题。")
    r = s.accountability_record(
        plan=p, by=leader, kind="interview", unit=city["market"], on=p.start_on, text="整改不力", findings=[a]
    )
    assert (r.get_kind_display(), [f.number for f in r.findings.all()]) == ("约谈", [1])
