"""Who may enforce and what a case record must say: exact refusals (naming the field, nothing saved) and the
法制审核 rule (《行政处罚法》（2021年修订）第五十八条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import officer_problems
from fazhi.enforcement.selectors import case_flags, officer_rows
from fazhi.enforcement.services import case_update

from .factories import body_with_staff, case_input, case_made

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(city):
    return body_with_staff(city["market"])


def refused(body, **kw) -> DomainError:
    before = Case.objects.count()
    with pytest.raises(DomainError) as exc:
        case_made(body, **kw)
    assert Case.objects.count() == before
    return exc.value


def test_an_officer_whose_certificate_expired_cannot_be_recorded_on_a_new_case(staff):
    e = refused(staff["body"], officer_numbers=["SJ-A", "SJ-EXPIRED"])
    assert (e.code, e.field) == ("enforcement.certificate", "officers")
    assert e.message == "执法人员王五（SJ-EXPIRED）的行政执法证有效期至2026-02-28，已过期，不能记录在新的执法案件中。"


def test_a_case_filed_on_the_last_valid_day_may_name_that_officer(staff):
    case = case_made(staff["body"], filed_on=D(2026, 2, 28), officer_numbers=["SJ-EXPIRED"])
    assert [o.name for o in case.officers.all()] == ["王五"]


def test_an_officer_lacking_last_years_training_cannot_be_recorded(staff):
    e = refused(staff["body"], officer_numbers=["SJ-UNTRAINED"])
    assert (e.code, e.field) == ("enforcement.training", "officers")
    assert e.message == "执法人员李四（SJ-UNTRAINED）2025年度培训40学时，不足60学时，不能记录在新的执法案件中。"


def test_the_training_minimum_and_year_are_settings(staff, settings):
    settings.FAZHI_ENFORCEMENT = {**settings.FAZHI_ENFORCEMENT, "TRAINING_HOURS_MIN": 40}
    assert case_made(staff["body"], officer_numbers=["SJ-UNTRAINED"]).officers.count() == 1
    settings.FAZHI_ENFORCEMENT = {**settings.FAZHI_ENFORCEMENT, "TRAINING_YEAR": "current"}
    e = refused(staff["body"], number="2", officer_numbers=["SJ-A"])
    assert e.message == "执法人员张执法（SJ-A）2026年度培训0学时，不足40学时，不能记录在新的执法案件中。"


def test_an_officer_certified_during_the_year_is_not_yet_held_to_its_training(staff):
    o = staff["officers"]["a"]
    o.valid_from = D(2025, 7, 1)
    assert officer_problems(o, D(2026, 3, 2), {}) == []
    o.valid_from = D(2024, 12, 31)
    assert [p.code for p in officer_problems(o, D(2026, 3, 2), {})] == ["training"]


def test_officer_rows_flag_the_expired_and_the_untrained(staff):
    rows = {r.officer.name: r for r in officer_rows(list(staff["body"].officers.all()), on=D(2026, 3, 2))}
    assert rows["张执法"].problems == []
    assert rows["张执法"].hours == {2025: Decimal("60.0")}
    assert rows["王五"].problems == ["执法人员王五（SJ-EXPIRED）的行政执法证有效期至2026-02-28，已过期"]
    assert rows["李四"].problems == ["执法人员李四（SJ-UNTRAINED）2025年度培训40学时，不足60学时"]


def test_a_revoked_certificate_is_refused_by_its_status(staff):
    o = staff["officers"]["a"]
    o.status = "revoked"
    o.save()
    e = refused(staff["body"])
    assert e.message == "执法人员张执法（SJ-A）的行政执法证状态为“吊销”，不能记录在新的执法案件中。"


def test_an_officer_of_another_body_is_refused(staff, city):
    other = body_with_staff(city["finance"], prefix="CZ")
    assert other["body"].pk != staff["body"].pk
    e = refused(staff["body"], officer_numbers=["CZ-A"])
    assert (e.code, e.field, e.message) == (
        "enforcement.unknown_officer",
        "officers",
        "执法证号CZ-A不是示范市市场监督管理局登记的执法人员。",
    )


def test_an_officer_already_on_a_case_may_stay_after_the_certificate_ends(staff):
    case = case_made(staff["body"], filed_on=D(2026, 2, 27), officer_numbers=["SJ-EXPIRED"])
    changed = case_update(
        by="test",
        case=case,
        data=case_input(
            filed_on=D(2026, 2, 27), officer_numbers=["SJ-EXPIRED"], decided_on=D(2026, 3, 20), decision="fine"
        ),
        version=case.version,
    )
    assert (changed.decided_on, changed.version) == (D(2026, 3, 20), 2)


def test_a_decision_before_filing_is_refused(staff):
    e = refused(staff["body"], decided_on=D(2026, 3, 1), decision="fine")
    assert (e.code, e.field, e.message) == (
        "enforcement.date",
        "decided_on",
        "决定日期2026-03-01不能早于立案日期2026-03-02。",
    )


def test_an_unknown_matter_is_refused(staff):
    e = refused(staff["body"], matter_code="XX-999")
    assert (e.code, e.field, e.message) == (
        "enforcement.unknown_matter",
        "matter",
        "执法事项“XX-999”不在示范市市场监督管理局的执法事项清单中。",
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y44", "统一社会信用代码校验位错误，请核对。"),
        ("91350100M000100Y4", "统一社会信用代码应为18位。"),
        ("91350100M000100O43", "统一社会信用代码不能包含字母I、O、S、V、Z。"),
    ],
)
def test_a_malformed_credit_code_is_refused(staff, code, message):
    e = refused(staff["body"], party_credit_code=code)
    assert (e.code, e.field, e.message) == ("enforcement.credit_code", "party_credit_code", message)


def test_a_credit_code_is_stored_normalised(staff):
    case = case_made(staff["body"], party_credit_code="９１３５０１００m０００１００y４３")
    assert case.party_credit_code == "91350100M000100Y43"


def test_a_duplicate_case_number_is_refused(staff):
    case_made(staff["body"])
    e = refused(staff["body"])
    assert (e.code, e.field, e.message) == ("enforcement.duplicate", "number", "案号示市监罚〔2026〕1号已记录。")


def test_the_party_name_is_encrypted_at_rest_and_masked_for_a_person(staff):
    case = case_made(staff["body"], party_kind="person", party_name="张三丰", party_credit_code="")
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT party_name FROM enforcement_case WHERE id = %s", [case.pk])
        stored = cur.fetchone()[0]
    assert "张三丰" not in stored
    assert Case.objects.get(pk=case.pk).party_name == "张三丰"
    assert case.masked_party_name == "张**"


def test_a_case_needing_review_decided_without_one_is_flagged(staff):
    case = case_made(staff["body"], matter_code="CF-002", decided_on=D(2026, 4, 1), decision="licence")
    assert (case.review_required, case.review_grounds, case.review_defect) == (True, ["statutory"], True)
    assert (
        case_flags(case, today=D(2026, 4, 2))[0]
        == "须经法制审核的案件未见完成的法制审核即作出决定（《行政处罚法》（2021年修订）第五十八条）"
    )


def test_a_review_completed_after_the_decision_is_a_defect(staff):
    case = case_made(
        staff["body"],
        review_grounds=["complex"],
        reviewer="刘审核",
        reviewer_qualified=True,
        reviewed_on=D(2026, 4, 2),
        decided_on=D(2026, 4, 1),
        decision="fine",
    )
    assert case.review_defect is True
    assert case_flags(case, today=D(2026, 4, 2))[0] == (
        "法制审核完成日期2026-04-02晚于决定日期2026-04-01，应在作出决定前完成（《行政处罚法》（2021年修订）第五十八条）"
    )


def test_a_review_on_the_decision_day_by_a_qualified_reviewer_meets_the_rule(staff):
    case = case_made(
        staff["body"],
        hearing_held=True,
        hearing_on=D(2026, 3, 25),
        reviewer="刘审核",
        reviewer_qualified=True,
        reviewed_on=D(2026, 4, 1),
        decided_on=D(2026, 4, 1),
        decision="fine",
    )
    assert (case.review_required, case.review_grounds, case.review_defect) == (True, ["major_rights_hearing"], False)


def test_an_unqualified_reviewer_is_a_defect(staff):
    case = case_made(
        staff["body"],
        review_grounds=["public_interest"],
        reviewer="刘审核",
        reviewed_on=D(2026, 3, 30),
        decided_on=D(2026, 4, 1),
        decision="fine",
    )
    assert case.review_defect is True


def test_a_case_not_needing_review_is_never_a_review_defect(staff):
    case = case_made(staff["body"], decided_on=D(2026, 4, 1), decision="fine")
    assert (case.review_required, case.review_defect) == (False, False)


def test_an_unknown_review_ground_is_refused(staff):
    e = refused(staff["body"], review_grounds=["whim"])
    assert (e.field, e.message) == ("review_grounds", "法制审核情形“whim”无效。")


def test_a_stale_version_is_a_conflict(staff):
    from fazhi.core.errors import ConflictError

    case = case_made(staff["body"])
    case_update(by="test", case=case, data=case_input(facts="一"), version=1)
    with pytest.raises(ConflictError):
        case_update(by="test", case=case, data=case_input(facts="二"), version=1)
    assert Case.objects.get(pk=case.pk).facts == "一"


def test_a_repeated_submit_token_returns_the_first_record(staff):
    import uuid

    from fazhi.enforcement.services import case_record

    token = uuid.uuid4()
    a = case_record(by="test", body=staff["body"], data=case_input(), submit_token=token)
    b = case_record(by="test", body=staff["body"], data=case_input(), submit_token=token)
    assert a.pk == b.pk and Case.objects.count() == 1
