"""法律援助: the clocks (7 days to decide, 3 to assign, 5 to review an objection — the law's 日 by default, the unit a
setting), eligibility (exempt groups or the 诚信承诺), 先行援助, refusal with the remedy, objection and correction,
closure and evaluation; bad input names the field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clock
from fazhi.cases.models import CaseDocument, CaseEvent
from fazhi.core.errors import DomainError
from fazhi.dockets.legal_aid import services as s

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_decision_period_is_seven_natural_days_and_rolls_over_national_day(apply):
    # received Mon 29 Sep 2025: + 7 days = Mon 6 Oct, inside the National Day rest (1–8 Oct) → Thu 9 Oct
    case = apply(received_on=D(2025, 9, 29))
    assert case_clock(case, "decision").due_date == D(2025, 10, 9)


def test_supplementing_materials_is_not_counted(apply, staff):
    case = apply()  # Mon 3 Mar 2025 → due Mon 10 Mar
    assert case_clock(case, "decision").due_date == D(2025, 3, 10)
    case = s.case_request_materials(case=case, by=staff, on=D(2025, 3, 4), items="劳动合同、工资条")
    case = s.case_receive_materials(case=case, by=staff, on=D(2025, 3, 8))
    # 4–7 March (4 days) not counted: 10 March + 4 = Fri 14 March
    assert case.state == "applied"
    assert case_clock(case, "decision").due_date == D(2025, 3, 14)


def test_the_period_unit_is_a_setting(settings):
    from fazhi.deadlines.rules import RULES, _la_period

    assert (RULES["legal_aid.decision"].length, RULES["legal_aid.decision"].unit) == (7, "natural_day")
    settings.FAZHI_LEGAL_AID = {"DECISION_DAYS": 7, "DECISION_UNIT": "working_day"}
    assert _la_period("DECISION", 7, "natural_day") == (7, "working_day")
    assert "第四十三条" in RULES["legal_aid.decision"].basis and RULES["legal_aid.decision"].configurable


def test_a_grant_needs_an_exempt_group_or_the_pledge_and_changes_nothing_without(apply, head):
    case = apply()
    before = (case.version, CaseEvent.objects.filter(case=case).count())
    with pytest.raises(DomainError) as exc:
        s.case_grant(case=case, by=head, on=D(2025, 3, 5))
    assert exc.value.field == "pledge" and "第四十一条" in exc.value.message
    case.refresh_from_db()
    assert (case.version, CaseEvent.objects.filter(case=case).count(), case.state) == (*before, "applied")
    case = s.case_grant(case=case, by=head, on=D(2025, 3, 5), exemption="migrant_wages")
    assert case.state == "granted"
    assert case.extra["decision"] == {
        "result": "granted",
        "on": "2025-03-05",
        "exemption": "migrant_wages",
        "pledge": False,
        "note": "",
        "due": "2025-03-10",
        "on_time": True,
    }
    # assignment within 3 days: 5 March + 3 = Sat 8 March → Mon 10 March (weekend rollover)
    assert case_clock(case, "assignment").due_date == D(2025, 3, 10)
    assert CaseDocument.objects.filter(case=case, template_code="grant_notice").count() == 1


def test_staff_may_not_decide(apply, staff):
    with pytest.raises(DomainError) as exc:
        s.case_grant(case=apply(), by=staff, on=D(2025, 3, 5), pledge=True)
    assert "权限" in exc.value.message


def test_assignment_ends_the_assignment_clock_and_no_person_is_refused(apply, head, staff, aid_person):
    case = s.case_grant(case=apply(), by=head, on=D(2025, 3, 5), pledge=True)
    with pytest.raises(DomainError) as exc:
        s.case_assign(case=case, by=staff, on=D(2025, 3, 6), person=None)
    assert exc.value.field == "person"
    case = s.case_assign(case=case, by=staff, on=D(2025, 3, 6), person=aid_person())
    assert case.state == "assigned" and case_clock(case, "assignment").completed_on == D(2025, 3, 6)
    case = s.case_close(case=case, by=staff, on=D(2025, 5, 6), report="代理仲裁，裁决支付工资")
    case = s.case_evaluate(case=case, by=head, on=D(2025, 5, 10), grade="excellent")
    assert (case.state, case.outcome, case.extra["evaluation"]["grade"]) == ("closed", "concluded", "excellent")


def test_advance_aid_then_grant_offers_the_same_person(apply, head, staff, login_client, aid_person):
    case = apply()
    wang = aid_person(name="王援助", kind="grassroots", organisation="城关基层法律服务所")
    aid_person(name="李律师")
    case = s.case_advance(case=case, by=head, on=D(2025, 3, 3), ground="deadline", person=wang)
    assert case.state == "applied" and case.extra["advance"]["ground"] == "deadline"
    assert case.extra["advance"]["person_id"] == wang.pk
    case = s.case_grant(case=case, by=head, on=D(2025, 3, 6), exemption="vulnerable")
    assert case.state == "granted"
    page = login_client(staff).get(f"/legal-aid/{case.pk}/do/assign/").content.decode()
    assert f'<option value="{wang.pk}" selected>王援助（基层法律服务工作者·城关基层法律服务所）</option>' in page


def test_a_late_decision_is_recorded_as_late(apply, head):
    case = s.case_refuse(case=apply(), by=head, on=D(2025, 3, 11), reasons="不符合经济困难标准")
    assert case.extra["decision"]["on_time"] is False and case.extra["decision"]["due"] == "2025-03-10"
    doc = CaseDocument.objects.get(case=case, template_code="refusal_notice")
    assert doc.title == "不予法律援助决定书"


def test_an_objection_reopens_the_refusal_and_a_correction_grants(apply, head, staff, persona):
    supervisor = persona("legal_aid_supervisor", "justice")
    case = s.case_refuse(case=apply(), by=head, on=D(2025, 3, 5), reasons="不符合条件")
    assert (case.state, case.closed_on) == ("refused", D(2025, 3, 5))
    case = s.case_object(case=case, by=staff, on=D(2025, 3, 7), content="本人属进城务工人员")
    # reopened: no closing date nor outcome; 7 March + 5 = Wed 12 March
    assert (case.state, case.closed_on, case.outcome) == ("objection", None, "")
    assert case_clock(case, "objection_review").due_date == D(2025, 3, 12)
    with pytest.raises(DomainError):
        s.case_correct(case=case, by=head, on=D(2025, 3, 10))  # the centre may not review its own refusal
    case = s.case_correct(case=case, by=supervisor, on=D(2025, 3, 10))
    assert case.state == "granted" and case_clock(case, "objection_review").completed_on == D(2025, 3, 10)
    assert case_clock(case, "assignment").due_date == D(2025, 3, 13)


def test_an_upheld_refusal_closes_again(apply, head, staff, persona):
    supervisor = persona("legal_aid_supervisor", "justice")
    case = s.case_refuse(case=apply(), by=head, on=D(2025, 3, 5), reasons="不符合条件")
    case = s.case_object(case=case, by=staff, on=D(2025, 3, 7), content="不服")
    case = s.case_uphold(case=case, by=supervisor, on=D(2025, 3, 9))
    assert (case.state, case.outcome, case.closed_on) == ("refused", "refused", D(2025, 3, 9))
    from fazhi.dockets.legal_aid.spec import SPEC

    assert SPEC.transition("object").refusal(case) == "已对该决定提出过异议。"


@pytest.mark.parametrize(
    ("kw", "field"),
    [({"matter": "x"}, "matter"), ({"request": " "}, "request")],
)
def test_bad_application_names_the_field(apply, kw, field):
    with pytest.raises(DomainError) as exc:
        apply(**kw)
    assert exc.value.field == field
