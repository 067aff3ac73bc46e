"""修改基本信息 of a registered lawsuit: the details change together, the audit keeps before/after (phone masked,
address named only), a stale version or bad input changes nothing, and only the docket's handlers in scope may edit."""

from __future__ import annotations

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.cases.errors import CaseChangedError
from fazhi.cases.models import Case, CaseEvent
from fazhi.core.errors import DomainError
from fazhi.dockets.litigation import services as s

pytestmark = pytest.mark.django_db

EDIT = dict(
    court="示范市中级人民法院",
    court_case_number="（2025）示01行初3号",
    cause="不服行政许可决定",
    instance="second",
)


def _snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    plaintiff = case.parties.get(role="applicant")
    respondent = case.parties.get(role="respondent")
    return (
        case.version,
        case.title,
        case.respondent_unit_id,
        case.extra,
        plaintiff.phone,
        plaintiff.address,
        respondent.name,
        respondent.unit_id,
    )


def test_the_handler_corrects_the_basics_and_the_audit_keeps_before_and_after(lawsuit, handler, city):
    # given a registered lawsuit against the market bureau
    case = lawsuit()
    version = case.version
    # when the handler corrects the court, number, cause, instance, defendant and the plaintiff's contact
    updated = s.litigation_case_update(
        case=case,
        by=handler,
        expected_version=version,
        **EDIT,
        defendant_unit=city["finance"],
        plaintiff_phone="13900001111",
        plaintiff_address="示范市东城区和平路1号",
    )
    # then the case, the extra details and both parties carry the new values and the version moved on
    updated.refresh_from_db()
    x = updated.extra
    assert (updated.version, updated.title, updated.respondent_unit_id) == (
        version + 1,
        "不服行政许可决定",
        city["finance"].pk,
    )
    assert (x["court"], x["court_case_number"], x["cause"], x["instance"], x["defendant_name"]) == (
        "示范市中级人民法院",
        "（2025）示01行初3号",
        "不服行政许可决定",
        "second",
        "示范市财政局",
    )
    assert x["defence_due"] == "2025-03-18" and updated.state == "registered"  # nothing else touched
    plaintiff = updated.parties.get(role="applicant")
    assert (plaintiff.phone, plaintiff.address) == ("13900001111", "示范市东城区和平路1号")
    respondent = updated.parties.get(role="respondent")
    assert (respondent.name, respondent.unit_id) == ("示范市财政局", city["finance"].pk)
    # and one audit event holds before/after (the phone masked, the address named but not recorded)
    event = AuditEvent.objects.get(action="litigation.case.edit")
    assert event.summary["changed"] == [
        "court",
        "court_case_number",
        "cause",
        "instance",
        "defendant",
        "plaintiff_phone",
        "plaintiff_address",
    ]
    assert event.summary["before"] == {
        "court": "示范市东城区人民法院",
        "court_case_number": "（2025）示0101行初1号",
        "cause": "不服行政处罚决定",
        "instance": "first",
        "defendant": {"unit_id": city["market"].pk, "name": "示范市市场监督管理局"},
        "plaintiff_phone": "138****5678",
    }
    assert event.summary["after"] == {
        "court": "示范市中级人民法院",
        "court_case_number": "（2025）示01行初3号",
        "cause": "不服行政许可决定",
        "instance": "second",
        "defendant": {"unit_id": city["finance"].pk, "name": "示范市财政局"},
        "plaintiff_phone": "139****1111",
    }
    assert "示范市东城区和平路1号" not in str(event.summary) and "13900001111" not in str(event.summary)
    assert AuditEvent.objects.get(action="cases.party.update", summary__role="applicant").summary["fields"] == [
        "address",
        "phone",
    ]
    # and the timeline names what changed
    assert CaseEvent.objects.filter(case=updated, kind="updated").get().label == (
        "修改基本信息：受理法院、法院案号、案由、审级、被告、原告联系电话、原告通讯地址"
    )


def test_an_outside_defendant_replaces_the_unit_and_blank_contact_keeps_the_plaintiffs(lawsuit, handler):
    case = lawsuit()
    s.litigation_case_update(
        case=case,
        by=handler,
        expected_version=case.version,
        court="示范市东城区人民法院",
        court_case_number="（2025）示0101行初1号",
        cause="不服行政处罚决定",
        instance="first",
        defendant_unit=None,
        defendant_name="示范市某某街道办事处",
        plaintiff_phone="",
        plaintiff_address=None,
    )
    case.refresh_from_db()
    assert (case.respondent_unit_id, case.extra["defendant_name"]) == (None, "示范市某某街道办事处")
    assert case.parties.get(role="applicant").phone == "13812345678"
    event = AuditEvent.objects.get(action="litigation.case.edit")
    assert event.summary["changed"] == ["defendant"]
    assert event.summary["after"] == {"defendant": {"unit_id": None, "name": "示范市某某街道办事处"}}


def test_saving_the_same_values_changes_nothing(lawsuit, handler, city):
    case = lawsuit()
    before = _snapshot(case)
    s.litigation_case_update(
        case=case,
        by=handler,
        expected_version=case.version,
        court="示范市东城区人民法院",
        court_case_number="（2025）示0101行初1号",
        cause="不服行政处罚决定",
        instance="first",
        defendant_unit=city["market"],
        plaintiff_phone="13812345678",
    )
    assert _snapshot(case) == before
    assert not AuditEvent.objects.filter(action="litigation.case.edit").exists()


def test_a_stale_version_is_refused_with_the_conflict_message_and_changes_nothing(lawsuit, handler, city):
    case = lawsuit()
    stale = case.version
    s.case_submit_defence(case=case, by=handler, on=case.received_on)  # someone else moved the case on
    before = _snapshot(case)
    with pytest.raises(CaseChangedError) as exc:
        s.litigation_case_update(case=case, by=handler, expected_version=stale, **EDIT, defendant_unit=city["market"])
    assert exc.value.message == "案件已被他人修改，请刷新页面后重试。"
    assert _snapshot(case) == before
    assert not AuditEvent.objects.filter(action="litigation.case.edit").exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"court": " "}, "court", "请填写受理法院。"),
        ({"court_case_number": ""}, "court_case_number", "请填写法院案号。"),
        ({"cause": ""}, "cause", "请填写案由。"),
        ({"instance": "fourth"}, "instance", "审级应为一审、二审或再审。"),
        ({"defendant_unit": None, "defendant_name": " "}, "defendant_name", "请填写被告（本市单位或其他名称）。"),
        (
            {"plaintiff_phone": "12345"},
            "plaintiff_phone",
            "联系电话：电话号码格式不正确（手机号为11位，以1开头；固定电话如0571-88888888）。",
        ),
    ],
)
def test_bad_input_names_the_field_in_chinese_and_changes_nothing(lawsuit, handler, city, change, field, message):
    case = lawsuit()
    before = _snapshot(case)
    args = {**EDIT, "defendant_unit": city["market"], **change}
    with pytest.raises(DomainError) as exc:
        s.litigation_case_update(case=case, by=handler, expected_version=case.version, **args)
    assert (exc.value.field, exc.value.message) == (field, message)
    assert _snapshot(case) == before


def test_a_court_case_number_of_another_lawsuit_is_refused(lawsuit, handler, city):
    lawsuit(court_case_number="（2025）示0101行初77号")
    case = lawsuit()
    with pytest.raises(DomainError) as exc:
        s.litigation_case_update(
            case=case,
            by=handler,
            expected_version=case.version,
            **{**EDIT, "court_case_number": "（2025）示0101行初77号"},
            defendant_unit=city["market"],
        )
    assert (exc.value.field, exc.value.message) == ("court_case_number", "法院案号“（2025）示0101行初77号”已登记。")


@pytest.mark.parametrize(("role", "unit"), [("reconsideration_handler", "finance"), ("office_staff", "justice")])
def test_a_user_without_the_edit_right_in_scope_is_refused_and_nothing_changes(lawsuit, persona, city, role, unit):
    case = lawsuit()
    before = _snapshot(case)
    with pytest.raises(DomainError) as exc:
        s.litigation_case_update(
            case=case, by=persona(role, unit), expected_version=case.version, **EDIT, defendant_unit=city["market"]
        )
    assert (exc.value.code, exc.value.message) == ("forbidden", "您没有修改该案件基本信息的权限。")
    assert _snapshot(case) == before
