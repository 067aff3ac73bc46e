"""修改基本信息 of an open 行政复议 case: the act, the request and the respondent change together, the audit keeps
before/after, and a stale version, bad input, a closed case or a user without the right changes nothing."""

from __future__ import annotations

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.cases.errors import CaseChangedError
from fazhi.cases.models import Case, CaseEvent
from fazhi.core.errors import DomainError
from fazhi.dockets.reconsideration import services as s

from ..conftest import MON

pytestmark = pytest.mark.django_db


def _snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    respondent = case.parties.get(role="respondent")
    return (case.version, case.title, case.respondent_unit_id, case.extra, respondent.name, respondent.unit_id)


def test_the_handler_corrects_the_act_request_and_respondent_with_before_and_after_audited(application, handler, city):
    case = application()
    version = case.version
    s.reconsideration_case_update(
        case=case,
        by=handler,
        expected_version=version,
        act="行政处罚决定（示市监罚〔2025〕9号）",
        request="撤销该处罚决定并返还罚款",
        respondent_unit=city["finance"],
    )
    case.refresh_from_db()
    assert (case.version, case.title, case.respondent_unit_id, case.state) == (
        version + 1,
        "行政处罚决定（示市监罚〔2025〕9号）",
        city["finance"].pk,
        "received",
    )
    assert (case.extra["act"], case.extra["request"], case.extra["respondent_name"]) == (
        "行政处罚决定（示市监罚〔2025〕9号）",
        "撤销该处罚决定并返还罚款",
        "",
    )
    respondent = case.parties.get(role="respondent")
    assert (respondent.name, respondent.unit_id) == ("示范市财政局", city["finance"].pk)
    event = AuditEvent.objects.get(action="reconsideration.case.edit")
    assert event.summary["changed"] == ["act", "request", "respondent"]
    assert event.summary["before"] == {
        "act": "行政处罚决定（示市监罚〔2025〕8号）",
        "request": "撤销该处罚决定",
        "respondent": {"unit_id": city["market"].pk, "name": "示范市市场监督管理局"},
    }
    assert event.summary["after"] == {
        "act": "行政处罚决定（示市监罚〔2025〕9号）",
        "request": "撤销该处罚决定并返还罚款",
        "respondent": {"unit_id": city["finance"].pk, "name": "示范市财政局"},
    }
    assert CaseEvent.objects.get(case=case, kind="updated").label == (
        "修改基本信息：被申请复议的行政行为、行政复议请求、被申请人"
    )


def test_saving_the_same_values_changes_nothing(application, handler, city):
    case = application()
    before = _snapshot(case)
    s.reconsideration_case_update(
        case=case,
        by=handler,
        expected_version=case.version,
        act="行政处罚决定（示市监罚〔2025〕8号）",
        request="撤销该处罚决定",
        respondent_unit=city["market"],
    )
    assert _snapshot(case) == before
    assert not AuditEvent.objects.filter(action="reconsideration.case.edit").exists()


def test_a_stale_version_is_refused_with_the_conflict_message_and_changes_nothing(application, handler, city):
    case = application()
    stale = case.version
    s.case_accept(case=case, by=handler, on=MON)
    before = _snapshot(case)
    with pytest.raises(CaseChangedError) as exc:
        s.reconsideration_case_update(
            case=case, by=handler, expected_version=stale, act="甲", request="乙", respondent_unit=city["market"]
        )
    assert exc.value.message == "案件已被他人修改，请刷新页面后重试。"
    assert _snapshot(case) == before


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"act": " "}, "act", "请填写被申请复议的行政行为。"),
        ({"request": ""}, "request", "请填写行政复议请求。"),
        ({"respondent_unit": None, "respondent_name": " "}, "respondent_name", "请填写被申请人。"),
    ],
)
def test_bad_input_names_the_field_in_chinese_and_changes_nothing(application, handler, city, change, field, message):
    case = application()
    before = _snapshot(case)
    args = {"act": "甲", "request": "乙", "respondent_unit": city["market"], **change}
    with pytest.raises(DomainError) as exc:
        s.reconsideration_case_update(case=case, by=handler, expected_version=case.version, **args)
    assert (exc.value.field, exc.value.message) == (field, message)
    assert _snapshot(case) == before


def test_a_closed_case_cannot_be_edited(application, handler, city):
    case = application()
    s.case_reject(case=case, by=handler, on=MON, reasons="不属于行政复议范围")
    before = _snapshot(case)
    with pytest.raises(DomainError) as exc:
        s.reconsideration_case_update(
            case=case, by=handler, expected_version=case.version, act="甲", request="乙", respondent_unit=city["market"]
        )
    assert exc.value.message == "案件已办结，不能修改基本信息。"
    assert _snapshot(case) == before


@pytest.mark.parametrize(("role", "unit"), [("reconsideration_handler", "finance"), ("office_staff", "justice")])
def test_a_user_without_the_edit_right_in_scope_is_refused_and_nothing_changes(application, persona, city, role, unit):
    case = application()
    before = _snapshot(case)
    with pytest.raises(DomainError) as exc:
        s.reconsideration_case_update(
            case=case,
            by=persona(role, unit),
            expected_version=case.version,
            act="甲",
            request="乙",
            respondent_unit=city["market"],
        )
    assert (exc.value.code, exc.value.message) == ("forbidden", "您没有修改该案件基本信息的权限。")
    assert _snapshot(case) == before
