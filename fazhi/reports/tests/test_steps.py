"""Contribution tasks as supervisable items, 保密审查 → approval → publication before 1 April (a later date needs a
recorded reason), the submission checklist; the PDF where LibreOffice is installed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import clock_for
from fazhi.reports import services as s
from fazhi.reports.models import ContributionState, ReportStep
from fazhi.reports.pdf import pdf_available
from fazhi.reports.steps import publish_deadline
from fazhi.supervision.models import Item

pytestmark = pytest.mark.django_db


def _frozen(office):
    report = s.report_create(by=office, year=2025)
    for sec in report.sections.all():
        s.section_save(by=office, section=sec, heading=sec.heading, text="略。", expected_version=sec.version)
    s.report_freeze(by=office, report=report)
    return report


def test_contributions_go_to_two_units_as_items_the_units_write_and_the_office_merges(persona, login_client, city):
    office = persona("office_head")
    report = s.report_create(by=office, year=2025)
    due = timezone.localdate() + dt.timedelta(days=10)
    c = login_client(office)
    resp = c.post(
        reverse("reports:step", args=[report.pk, "contributions"]),
        {"units": [city["market"].pk, city["finance"].pk], "due": due.isoformat(), "request": "按小标题报送"},
    )
    assert resp.status_code == 302
    items = Item.objects.filter(kind="reports.contribution").order_by("unit__code")
    assert [(i.unit.code, i.due_date, i.state) for i in items] == [("C002", due, "open"), ("C003", due, "open")]
    market = report.contributions.get(unit=city["market"])
    sec = report.sections.filter(part="measures").order_by("order").first()
    liaison = login_client(persona("dept_liaison", "market"))
    assert "年度报告供稿" in liaison.get(reverse("reports:contribution_list")).content.decode()
    bad = liaison.post(reverse("reports:contribution", args=[market.pk]), {f"section-{sec.pk}": "检查{{无此指标}}"})
    assert bad.status_code == 400 and "在指标注册表中不存在" in bad.content.decode()
    ok = liaison.post(
        reverse("reports:contribution", args=[market.pk]), {f"section-{sec.pk}": "市场监管局全年开展检查。"}
    )
    assert ok.status_code == 302
    market.refresh_from_db()
    assert market.state == ContributionState.SUBMITTED
    assert Item.objects.get(source_id=market.pk, kind="reports.contribution").state == "closed"
    other = report.contributions.get(unit=city["finance"])
    assert liaison.get(reverse("reports:contribution", args=[other.pk])).status_code == 404  # not its unit
    c = login_client(office)  # (one test client: log the office in again)
    assert c.post(reverse("reports:contribution_merge", args=[report.pk, market.pk])).status_code == 302
    sec.refresh_from_db()
    assert sec.text.endswith("\n市场监管局全年开展检查。")


def test_approval_needs_a_passed_secrecy_review_and_publication_after_31_march_needs_a_reason(persona, login_client):
    office = persona("office_head")
    report = _frozen(office)
    clock = clock_for(report, "reports.publication")
    assert clock.due_date == dt.date(2026, 3, 31) == publish_deadline(2025)
    with pytest.raises(DomainError) as exc:
        s.report_approve(by=office, report=report, on=dt.date(2026, 3, 1))
    assert exc.value.message == "定稿第1版尚未通过保密审查，不能审批。"
    c = login_client(office)
    step = reverse("reports:step", args=[report.pk, "secrecy"])
    assert c.post(step, {"on": "2026-03-01", "passed": "1", "note": ""}).status_code == 302
    assert c.post(reverse("reports:step", args=[report.pk, "approve"]), {"on": "2026-03-02"}).status_code == 302
    late = c.post(
        reverse("reports:step", args=[report.pk, "publish"]), {"on": "2026-04-02", "url": "", "late_reason": ""}
    )
    assert late.status_code == 400
    assert "公开日期晚于2026年3月31日" in late.content.decode() and "请填写逾期公开理由" in late.content.decode()
    assert not ReportStep.objects.filter(kind="publication").exists()
    clock.refresh_from_db()
    assert clock.completed_on is None
    ok = c.post(
        reverse("reports:step", args=[report.pk, "publish"]),
        {"on": "2026-04-02", "url": "https://www.example.gov.cn/fzbg", "late_reason": "待上级审定"},
    )
    assert ok.status_code == 302
    clock.refresh_from_db()
    assert clock.completed_on == dt.date(2026, 4, 2)
    assert (
        c.post(
            reverse("reports:step", args=[report.pk, "submission"]), {"submission": "department", "on": "2026-02-27"}
        ).status_code
        == 302
    )
    page = c.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "2026-02-27 已报送" in page and "逾期理由：待上级审定" in page


def test_a_leader_may_not_record_steps(persona, login_client):
    report = _frozen(persona("office_head"))
    leader = login_client(persona("leader"))
    assert (
        leader.post(
            reverse("reports:step", args=[report.pk, "secrecy"]), {"on": "2026-03-01", "passed": "1"}
        ).status_code
        == 404
    )
    assert not ReportStep.objects.exists()


@pytest.mark.skipif(
    not pdf_available(), reason="LibreOffice (soffice) is not installed: `make test` installs it (Makefile DEBIAN_UNIT)"
)
def test_the_pdf_renders(persona, login_client):
    report = _frozen(persona("office_head"))
    resp = login_client(persona("office_head")).get(reverse("reports:pdf", args=[report.pk]))
    assert resp.status_code == 200 and resp.content[:5] == b"%PDF-"
    # the official fonts are absent here: fontconfig maps 仿宋/黑体/小标宋 to Noto CJK, which the PDF embeds
    fonts = set(re.findall(rb"/FontName\s*/([A-Za-z0-9+_-]+)", resp.content))
    assert any(b"Noto" in f and b"CJK" in f for f in fonts), fonts


def test_the_portal_shows_only_published_reports_with_their_frozen_figures(client, office, persona):
    import datetime as dt

    from django.urls import reverse

    from fazhi.reports import services as rs

    report = rs.report_create(by=office, year=2025)
    sec = report.sections.filter(part="measures").order_by("order").first()
    rs.section_save(
        by=office,
        section=sec,
        heading=sec.heading,
        text="新收复议案件{{reconsideration.received}}。",
        expected_version=sec.version,
    )
    for other in report.sections.exclude(pk=sec.pk):
        rs.section_save(by=office, section=other, heading=other.heading, text="略。", expected_version=other.version)
    rs.report_freeze(by=office, report=report)
    url = reverse("portal:annual_report", args=[report.pk])
    assert client.get(url).status_code == 404  # frozen, not yet published
    rs.secrecy_review_record(by=office, report=report, on=dt.date(2026, 2, 1), passed=True)
    rs.report_approve(by=office, report=report, on=dt.date(2026, 2, 2))
    rs.report_publish(by=office, report=report, on=dt.date(2026, 3, 20))
    listing = client.get(reverse("portal:annual_reports")).content.decode()
    assert f'href="{url}"' in listing and "2026-03-20" in listing
    body = client.get(url).content.decode()
    assert "新收复议案件0件。" in body and "2026年3月20日公开" in body
