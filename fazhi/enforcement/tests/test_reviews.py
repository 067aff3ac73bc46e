"""案卷评查 (legal-rules.md §12.5 ⚠ local practice, settings REVIEW_SHEET / REVIEW_GRADES / RECTIFICATION_DAYS): a
campaign samples reproducibly (seeded, stratified by body); two reviewers score each file independently; differing
scores wait for the lead's 合议 (every decision kept); the grade follows the thresholds; each defect is a supervisable
item on the body's unit board until 销号."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.enforcement.models import ReviewCampaign, ReviewDefect, ReviewFile
from fazhi.enforcement.services import (
    campaign_create,
    campaign_sample,
    defect_record,
    file_reconcile,
    file_score,
    grade_for,
)
from fazhi.metrics.periods import Period
from fazhi.metrics.selectors import metric_value
from fazhi.supervision.models import Item
from fazhi.supervision.services import item_accept

from .factories import body_with_staff, case_made

D = dt.date
pytestmark = pytest.mark.django_db
FULL = {"subject": 10, "facts": 15, "evidence": 15, "basis": 15, "procedure": 15, "discretion": 10, "documents": 10}


def sheet(**kw):
    return {**FULL, "archive": 10, **kw}


@pytest.fixture
def setup(city, builtin_roles):
    from fazhi.orgs.tests.factories import UserFactory

    market = body_with_staff(city["market"])
    finance = body_with_staff(city["finance"], prefix="CZ")
    for i in range(12):
        case_made(market["body"], number=f"示市监罚〔2026〕{i + 1}号", filed_on=D(2026, 3, 1) + dt.timedelta(days=i))
    for i in range(4):
        case_made(
            finance["body"],
            number=f"示财罚〔2026〕{i + 1}号",
            filed_on=D(2026, 4, 1) + dt.timedelta(days=i),
            officer_numbers=["CZ-A", "CZ-B"],
        )
    case_made(market["body"], number="示市监罚〔2025〕9号", filed_on=D(2025, 12, 1))  # outside the period
    role = builtin_roles["office_staff"]
    lead = UserFactory(username="lead", unit=city["justice"], roles=[role])
    r1 = UserFactory(username="r1", unit=city["justice"], roles=[role])
    r2 = UserFactory(username="r2", unit=city["justice"], roles=[role])
    return {"market": market["body"], "finance": finance["body"], "lead": lead, "r1": r1, "r2": r2, "city": city}


def _campaign(s, **kw):
    args = {
        "by": s["lead"],
        "title": "2026年度行政执法案卷评查",
        "organizer": s["city"]["justice"],
        "bodies": [s["market"], s["finance"]],
        "period_from": D(2026, 1, 1),
        "period_to": D(2026, 6, 30),
        "kinds": ["penalty"],
        "sample_size": 8,
        "lead": s["lead"],
        "reviewers": [s["r1"], s["r2"]],
        "seed": "2026-评查",
    }
    args.update(kw)
    return campaign_create(**args)


def test_a_campaign_samples_the_same_files_for_the_same_seed_stratified_by_body(setup):
    c = _campaign(setup)
    files = campaign_sample(by=setup["lead"], campaign=c)
    # 16 cases in scope, 12 + 4: one each, then 6 more in proportion 11:3 → 4.71 / 1.29 → 6 and 2
    assert [f.body_id for f in files].count(setup["market"].pk) == 6
    assert [f.body_id for f in files].count(setup["finance"].pk) == 2
    again = _campaign(setup, title="同一种子")
    assert [f.case_id for f in campaign_sample(by=setup["lead"], campaign=again)] == [f.case_id for f in files]
    # sampling twice draws nothing new
    assert [f.pk for f in campaign_sample(by=setup["lead"], campaign=c)] == [f.pk for f in files]
    assert all(f.case.filed_on >= D(2026, 1, 1) for f in files)
    assert {(f.reviewer_a_id, f.reviewer_b_id) for f in files} == {
        (setup["r1"].pk, setup["r2"].pk),
        (setup["r2"].pk, setup["r1"].pk),
    }
    assert AuditEvent.objects.filter(action="enforcement.campaign.sampled").count() == 2


def test_a_campaign_needs_two_reviewers_and_a_period_in_order(setup):
    with pytest.raises(DomainError) as exc:
        _campaign(setup, reviewers=[setup["r1"]])
    assert (exc.value.field, exc.value.message) == (
        "reviewers",
        "每份案卷须由两名评查人员分别评分：请至少选择两名评查人员。",
    )
    with pytest.raises(DomainError) as exc:
        _campaign(setup, period_to=D(2025, 12, 31))
    assert (exc.value.field, exc.value.message) == ("period_to", "立案日期至2025-12-31不能早于立案日期自2026-01-01。")
    assert ReviewCampaign.objects.count() == 0


def test_the_campaign_keeps_the_sheet_and_thresholds_it_was_made_with(setup, settings):
    settings.FAZHI_ENFORCEMENT = {
        **settings.FAZHI_ENFORCEMENT,
        "REVIEW_SHEET": [{"code": "a", "label": "主体", "points": 40}, {"code": "b", "label": "程序", "points": 60}],
        "REVIEW_GRADES": {"excellent": 95, "pass": 80},
    }
    c = _campaign(setup)
    assert (c.sheet[1], c.grades, c.max_points) == (
        {"code": "b", "label": "程序", "points": 60},
        {"excellent": 95, "pass": 80},
        100,
    )


def test_grades_by_the_thresholds():
    g = {"excellent": 90, "pass": 75}
    assert [grade_for(t, g) for t in (100, 90, 89, 75, 74, 0)] == ["excellent"] * 2 + ["pass"] * 2 + ["fail"] * 2


def test_equal_scores_grade_the_file_without_reconciliation(setup):
    c = _campaign(setup)
    f = campaign_sample(by=setup["lead"], campaign=c)[0]
    file_score(by=setup["r1"], file=f, items=sheet(archive=5))
    f.refresh_from_db()
    assert (f.state, f.total) == ("scoring", None)
    file_score(by=setup["r2"], file=f, items=sheet(archive=5))
    f.refresh_from_db()
    assert (f.state, f.total, f.grade, f.reconciled) == ("graded", 95, "excellent", False)


def test_differing_scores_wait_for_the_lead_whose_decisions_are_all_kept(setup):
    c = _campaign(setup)
    f = campaign_sample(by=setup["lead"], campaign=c)[0]
    file_score(by=setup["r1"], file=f, items=sheet(evidence=5, procedure=5))  # 80
    file_score(by=setup["r2"], file=f, items=sheet(evidence=5, procedure=10, archive=5))  # 80: same total, items differ
    f.refresh_from_db()
    assert (f.state, f.grade) == ("different", "")
    with pytest.raises(DomainError) as exc:
        file_reconcile(by=setup["r1"], file=f, items=sheet(), note="x")
    assert exc.value.message == "只有评查组长可以合议。"
    file_reconcile(by=setup["lead"], file=f, items=sheet(evidence=5, procedure=5), note="证据不足")
    file_reconcile(by=setup["lead"], file=f, items=sheet(evidence=0, procedure=5, archive=5), note="复核：缺少询问笔录")
    f.refresh_from_db()
    assert (f.state, f.total, f.grade, f.reconciled) == ("graded", 70, "fail", True)
    assert [(d.total, d.note) for d in f.decisions.all()] == [(80, "证据不足"), (70, "复核：缺少询问笔录")]


def test_a_score_is_checked_item_by_item_and_changes_nothing_when_refused(setup):
    c = _campaign(setup)
    f = campaign_sample(by=setup["lead"], campaign=c)[0]
    with pytest.raises(DomainError) as exc:
        file_score(by=setup["r1"], file=f, items=sheet(evidence=16))
    assert (exc.value.field, exc.value.message) == ("item_evidence", "“证据”的得分须在0至15分之间。")
    with pytest.raises(DomainError) as exc:
        file_score(by=setup["lead"], file=f, items=sheet())
    assert exc.value.message == "您不是该案卷的评查人员。"
    file_score(by=setup["r1"], file=f, items=sheet())
    with pytest.raises(DomainError) as exc:
        file_score(by=setup["r1"], file=f, items=sheet())
    assert exc.value.message == "您已对该案卷评分，评分提交后不能修改。"
    assert f.scores.count() == 1


def test_each_defect_is_an_item_on_the_bodys_board_until_xiaohao(setup):
    c = _campaign(setup)
    f = campaign_sample(by=setup["lead"], campaign=c)[0]
    file_score(by=setup["r1"], file=f, items=sheet(evidence=0))
    file_score(by=setup["r2"], file=f, items=sheet(evidence=0, archive=0))
    file_reconcile(by=setup["lead"], file=f, items=sheet(evidence=0, archive=0), note="合议")
    a = defect_record(by=setup["lead"], file=f, item_code="evidence", text="缺少现场检查笔录")
    b = defect_record(by=setup["lead"], file=f, item_code="archive", text="案卷未按规定装订归档")
    items = Item.objects.filter(kind="enforcement.review_defect").order_by("pk")
    from fazhi.deadlines.selectors import today_local

    assert [(i.unit_id, i.title, i.due_date, i.state) for i in items] == [
        (
            setup["market"].unit_id,
            f"案卷评查问题整改：{f.case.number}（证据）",
            today_local() + dt.timedelta(30),
            "open",
        ),
        (
            setup["market"].unit_id,
            f"案卷评查问题整改：{f.case.number}（立卷归档）",
            today_local() + dt.timedelta(30),
            "open",
        ),
    ]
    year = Period(today_local().year)
    assert metric_value("enforcement.review_defects_open", period=year)["value"] == 2
    item_accept(item=a.supervision_item, by=setup["lead"], note="已整改")
    a.refresh_from_db()
    assert a.closed_on == today_local()
    assert metric_value("enforcement.review_defects_open", period=year)["value"] == 1
    assert b.supervision_item.state == "open"


def test_a_defect_needs_a_graded_file_and_a_sheet_item(setup):
    c = _campaign(setup)
    f = campaign_sample(by=setup["lead"], campaign=c)[0]
    with pytest.raises(DomainError) as exc:
        defect_record(by=setup["lead"], file=f, item_code="evidence", text="x")
    assert exc.value.message == "案卷定等后才能认定问题。"
    assert ReviewDefect.objects.count() == 0 and Item.objects.count() == 0


def test_pass_rate_per_body_and_year(setup):
    c = _campaign(setup)
    files = campaign_sample(by=setup["lead"], campaign=c)
    market = [f for f in files if f.body_id == setup["market"].pk]
    for f, total_items in zip(
        market[:3], (sheet(), sheet(evidence=0, archive=0, procedure=5), sheet(archive=0, documents=5)), strict=True
    ):
        file_score(by=setup["r1"] if f.reviewer_a_id == setup["r1"].pk else setup["r2"], file=f, items=total_items)
        other = setup["r2"] if f.reviewer_a_id == setup["r1"].pk else setup["r1"]
        file_score(by=other, file=f, items=total_items)
    from fazhi.deadlines.selectors import today_local

    year = Period(today_local().year)
    assert [ReviewFile.objects.get(pk=f.pk).grade for f in market[:3]] == ["excellent", "fail", "pass"]
    assert metric_value("enforcement.review_graded", period=year, unit="C002")["value"] == 3
    assert metric_value("enforcement.review_passed", period=year, unit="C002")["value"] == 2
    assert metric_value("enforcement.review_pass_rate", period=year, unit="C002")["value"] == 66.67
    assert metric_value("enforcement.review_pass_rate", period=year, unit="C003")["value"] is None
