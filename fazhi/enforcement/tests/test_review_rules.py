"""案卷评查 rules (⚠ local practice): scores in half points, 一票否决 grounds (不合格 whatever the total), a reviewer
never reviews a file of their own body, and closing a campaign (no more scoring; results frozen; audited)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import ConflictError, DomainError
from fazhi.enforcement.models import ReviewFile
from fazhi.enforcement.services import (
    campaign_close,
    campaign_sample,
    defect_record,
    file_reconcile,
    file_score,
    grade_for,
)

from .factories import body_with_staff, case_made
from .test_reviews import _campaign, sheet

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(city, builtin_roles):
    """As test_reviews: 12 market and 4 finance penalty cases of 2026; the lead and two reviewers of the office."""
    from fazhi.orgs.tests.factories import UserFactory

    market = body_with_staff(city["market"])["body"]
    finance = body_with_staff(city["finance"], prefix="CZ")["body"]
    for i in range(12):
        case_made(market, number=f"示市监罚〔2026〕{i + 1}号", filed_on=D(2026, 3, 1) + dt.timedelta(days=i))
    for i in range(4):
        case_made(
            finance,
            number=f"示财罚〔2026〕{i + 1}号",
            filed_on=D(2026, 4, 1) + dt.timedelta(days=i),
            officer_numbers=["CZ-A", "CZ-B"],
        )
    role = builtin_roles["office_staff"]
    people = {n: UserFactory(username=n, unit=city["justice"], roles=[role]) for n in ("lead", "r1", "r2")}
    return {"market": market, "finance": finance, "city": city, **people}


def _pair(s, f):
    return (s["r1"], s["r2"]) if f.reviewer_a_id == s["r1"].pk else (s["r2"], s["r1"])


def test_half_points_are_scores_and_other_fractions_are_refused(setup):
    f = campaign_sample(by=setup["lead"], campaign=_campaign(setup))[0]
    a, b = _pair(setup, f)
    with pytest.raises(DomainError) as exc:
        file_score(by=a, file=f, items=sheet(evidence="7.3"))
    assert (exc.value.field, exc.value.message) == ("item_evidence", "“证据”的得分须为0.5分的整数倍。")
    with pytest.raises(DomainError) as exc:
        file_score(by=a, file=f, items=sheet(evidence="十"))
    assert (exc.value.field, exc.value.message) == ("item_evidence", "“证据”的得分须为数字。")
    assert f.scores.count() == 0
    s = file_score(by=a, file=f, items=sheet(evidence="14.5", archive=Decimal("9.5")))
    assert (s.total, s.items["evidence"], s.items["archive"], s.items["facts"]) == (Decimal("99.0"), 14.5, 9.5, 15)
    file_score(by=b, file=f, items=sheet(evidence=14.5, archive="9.5"))
    f.refresh_from_db()
    assert (f.state, f.total, f.grade) == ("graded", Decimal("99.0"), "excellent")


def test_a_veto_fails_the_file_whatever_its_total(setup):
    c = _campaign(setup)
    assert [v["code"] for v in c.vetoes] == ["no_power", "no_certificate", "no_review", "no_evidence"]
    f = campaign_sample(by=setup["lead"], campaign=c)[0]
    a, b = _pair(setup, f)
    with pytest.raises(DomainError) as exc:
        file_score(by=a, file=f, items=sheet(), vetoes=["late"])
    assert exc.value.field == "vetoes" and exc.value.message == "评查活动中没有“late”这一一票否决情形。"
    file_score(by=a, file=f, items=sheet(), vetoes=["no_review"])
    file_score(by=b, file=f, items=sheet())  # the same points, no veto: they differ
    f.refresh_from_db()
    assert f.state == "different"
    file_reconcile(by=setup["lead"], file=f, items=sheet(), note="未经法制审核即作出决定", vetoes=["no_review"])
    f.refresh_from_db()
    assert (f.total, f.vetoes, f.grade, f.reconciled) == (Decimal("100.0"), ["no_review"], "fail", True)
    assert grade_for(100, {"excellent": 90, "pass": 75}, vetoed=True) == "fail"


def test_the_same_veto_from_both_reviewers_grades_at_once(setup):
    f = campaign_sample(by=setup["lead"], campaign=_campaign(setup))[0]
    a, b = _pair(setup, f)
    file_score(by=a, file=f, items=sheet(), vetoes=["no_power", "no_evidence"])
    file_score(by=b, file=f, items=sheet(), vetoes=["no_evidence", "no_power"])
    f.refresh_from_db()
    assert (f.state, f.vetoes, f.grade) == ("graded", ["no_power", "no_evidence"], "fail")


def test_a_reviewer_never_reviews_a_file_of_their_own_body(setup, builtin_roles):
    from fazhi.orgs.tests.factories import UserFactory

    role = builtin_roles["dept_liaison"]
    m = UserFactory(username="m1", unit=setup["city"]["market"], roles=[role])
    files = campaign_sample(by=setup["lead"], campaign=_campaign(setup, reviewers=[setup["r1"], m, setup["r2"]]))
    # panel by id: r1, r2, m1 — market's files skip m1, the others go round all three
    assert all(m.pk not in (f.reviewer_a_id, f.reviewer_b_id) for f in files if f.body_id == setup["market"].pk)
    finance = [f for f in files if f.body_id == setup["finance"].pk]
    assert any(m.pk in (f.reviewer_a_id, f.reviewer_b_id) for f in finance)
    market = [f for f in files if f.body_id == setup["market"].pk]
    assert {(f.reviewer_a_id, f.reviewer_b_id) for f in market} <= {
        (setup["r1"].pk, setup["r2"].pk),
        (setup["r2"].pk, setup["r1"].pk),
    }


def test_sampling_is_refused_when_fewer_than_two_may_review_a_body(setup, builtin_roles):
    from fazhi.orgs.tests.factories import UserFactory

    role = builtin_roles["dept_liaison"]
    m1 = UserFactory(username="m1", unit=setup["city"]["market"], roles=[role])
    m2 = UserFactory(username="m2", unit=setup["city"]["market"], roles=[role])
    c = _campaign(setup, reviewers=[setup["r1"], m1, m2])
    with pytest.raises(DomainError) as exc:
        campaign_sample(by=setup["lead"], campaign=c)
    assert exc.value.field == "reviewers"
    assert exc.value.message == (
        "评查人员中不属于示范市市场监督管理局的不足两人：评查人员不评查本单位的案卷，请增加评查人员。"
    )
    assert ReviewFile.objects.count() == 0


def test_closing_a_campaign_freezes_its_results(setup):
    c = _campaign(setup, sample_size=2)
    files = campaign_sample(by=setup["lead"], campaign=c)
    with pytest.raises(DomainError) as exc:
        campaign_close(by=setup["lead"], campaign=c, expected_version=1)
    assert (exc.value.field, exc.value.message) == ("campaign", "尚有2份案卷未定等次，不能结束评查活动。")
    for f, items in zip(files, (sheet(), sheet(evidence=0, archive=0, procedure=5)), strict=True):
        a, b = _pair(setup, f)
        file_score(by=a, file=f, items=items)
        file_score(by=b, file=f, items=items)
    with pytest.raises(ConflictError):
        campaign_close(by=setup["lead"], campaign=c, expected_version=9)
    c = campaign_close(by=setup["lead"], campaign=c, expected_version=1)
    assert c.closed_at is not None and c.closed_by == setup["lead"] and c.version == 2
    ev = AuditEvent.objects.get(action="enforcement.campaign.closed")
    assert ev.summary == {"files": 2, "grades": {"excellent": 1, "pass": 0, "fail": 1}}
    f = ReviewFile.objects.get(pk=files[1].pk)
    for call in (
        lambda: file_reconcile(by=setup["lead"], file=f, items=sheet(), note="x"),
        lambda: defect_record(by=setup["lead"], file=f, item_code="evidence", text="x"),
        lambda: campaign_close(by=setup["lead"], campaign=c, expected_version=2),
    ):
        with pytest.raises(DomainError) as exc:
            call()
        assert exc.value.field == "campaign" and "结果不能再修改" in exc.value.message
    assert ReviewFile.objects.get(pk=f.pk).grade == "fail" and f.defects.count() == 0
