"""行政复议 as specifications: every transition's guard and permission, the clocks, bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case, CaseDocument
from fazhi.cases.services import PartyInput
from fazhi.core.errors import ConflictError, DomainError
from fazhi.deadlines.engine import compute_due
from fazhi.deadlines.selectors import clock_for
from fazhi.dockets.reconsideration import services as s

from .conftest import MON

pytestmark = pytest.mark.django_db
D = dt.timedelta

DECISION = {
    "outcome": "revoke",
    "facts": "处罚决定认定事实不清",
    "reasons": "证据不足",
    "decision_text": "撤销该处罚决定",
}


def test_intake_numbers_the_case_and_starts_the_review_clock(application):
    case = application()
    assert case.case_number == "示政复〔2025〕1号"
    assert case.state == "received"
    clock = clock_for(case, "acceptance")
    assert clock.due_date == compute_due("reconsideration.acceptance", MON).due
    assert list(case.parties.values_list("role", flat=True)) == ["applicant", "respondent"]


def test_future_received_date_is_refused_and_nothing_saved(application):
    with pytest.raises(DomainError) as exc:
        application(received_on=dt.date(2999, 1, 1))
    assert exc.value.field == "received_on"
    assert "收到日期不能晚于今天" in exc.value.message
    assert Case.objects.count() == 0


def test_malformed_id_number_is_refused_naming_the_field(application):
    with pytest.raises(DomainError) as exc:
        application(applicant=PartyInput(role="applicant", name="李四", id_number="110105194912310021"))
    assert exc.value.field == "parties-0-id_number"
    assert exc.value.message.startswith("身份证号码")
    assert Case.objects.count() == 0


def test_correction_pauses_review_and_receipt_restarts_it(application, handler):
    case = application()
    s.case_request_correction(case=case, by=handler, on=MON + D(1), defects="缺少身份证明")
    assert case.state == "correction"
    reply = clock_for(case, "correction_reply")
    assert reply.due_date == compute_due("reconsideration.correction_reply", MON + D(1)).due
    assert clock_for(case, "acceptance").state == "paused"
    s.case_receive_correction(case=case, by=handler, on=MON + D(8), note="已补正")
    acceptance = clock_for(case, "acceptance")
    assert (case.state, acceptance.trigger_date) == ("received", MON + D(8))
    assert acceptance.due_date == compute_due("reconsideration.acceptance", MON + D(8)).due
    assert clock_for(case, "correction_reply").completed_on == MON + D(8)
    assert CaseDocument.objects.filter(case=case, template_code="correction_notice").count() == 1


def test_correction_needs_defects_listed(application, handler):
    case = application()
    with pytest.raises(DomainError) as exc:
        s.case_request_correction(case=case, by=handler, on=MON, defects=" ")
    assert exc.value.field == "defects"
    assert Case.objects.get(pk=case.pk).state == "received"


def test_review_permission_is_needed(application, persona):
    case = application()
    viewer = persona("office_staff", "justice")
    with pytest.raises(DomainError) as exc:
        s.case_accept(case=case, by=viewer, on=MON + D(1))
    assert exc.value.code == "forbidden"


def test_other_units_handler_cannot_act(application, persona):
    case = application()
    other = persona("reconsideration_handler", "market")
    with pytest.raises(DomainError):
        s.case_reject(case=case, by=other, on=MON + D(1), reasons="超过申请期限")


def test_accept_starts_copy_and_decision_clocks(accepted):
    case = accepted()
    on = MON + D(2)
    assert case.state == "accepted"
    assert clock_for(case, "acceptance").completed_on == on
    assert clock_for(case, "copy").due_date == compute_due("reconsideration.copy_to_respondent", on).due
    assert clock_for(case, "decision").due_date == compute_due("reconsideration.decision", on).due
    assert CaseDocument.objects.filter(case=case, template_code="acceptance_notice").count() == 1


def test_simplified_procedure_needs_the_art53_conditions(application, handler):
    case = application()
    with pytest.raises(DomainError) as exc:
        s.case_accept(
            case=case, by=handler, on=MON + D(1), procedure="simplified", simplified_conditions=["clear_facts"]
        )
    assert exc.value.field == "simplified_conditions"
    ok = s.case_accept(
        case=case, by=handler, on=MON + D(1), procedure="simplified", simplified_conditions=["parties_agree"]
    )
    assert (
        clock_for(ok, "simplified_decision").due_date
        == compute_due("reconsideration.simplified_decision", MON + D(1)).due
    )


def test_reject_records_reasons_and_competent_body(application, handler):
    case = application()
    s.case_reject(case=case, by=handler, on=MON + D(1), reasons="不属于本机关管辖", competent_body="示范省司法厅")
    assert (case.state, case.outcome, case.closed_on) == ("rejected", "not_accepted", MON + D(1))
    assert case.extra["competent_body"] == "示范省司法厅"


def test_deemed_accepted_when_review_ends_without_decision(application):
    case = application()
    due = compute_due("reconsideration.acceptance", MON).due
    assert s.reconsideration_deem_accept_due(today=due) == []
    done = s.reconsideration_deem_accept_due(today=due + D(1))
    case.refresh_from_db()
    assert [c.pk for c in done] == [case.pk]
    assert (case.state, case.extra["accepted_on"], case.extra["deemed_accepted"]) == ("accepted", due.isoformat(), True)


def test_deem_accept_guard_refuses_before_expiry(application):
    import time_machine

    case = application()
    with time_machine.travel(dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC), tick=False), pytest.raises(DomainError) as exc:
        s.case_deem_accept(case=case, on=MON)
    assert "尚未届满" in exc.value.message


def test_copy_then_reply_each_with_its_clock(accepted, handler):
    case = accepted()
    with pytest.raises(DomainError):
        s.case_record_reply(case=case, by=handler, on=MON + D(3), summary="x")
    s.case_send_copy(case=case, by=handler, on=MON + D(3))
    assert clock_for(case, "reply").due_date == compute_due("reconsideration.respondent_reply", MON + D(3)).due
    with pytest.raises(DomainError):
        s.case_send_copy(case=case, by=handler, on=MON + D(3))
    s.case_record_reply(case=case, by=handler, on=MON + D(10), summary="认为处罚正确")
    assert clock_for(case, "reply").completed_on == MON + D(10)
    assert clock_for(case, "copy").completed_on == MON + D(3)


def test_hearing_needs_five_working_days_notice(accepted, handler):
    case = accepted()
    with pytest.raises(DomainError) as exc:
        s.case_schedule_hearing(case=case, by=handler, on=MON + D(3), hearing_on=MON + D(4), place="第一听证室")
    assert exc.value.field == "hearing_on"
    earliest = s.hearing_earliest(MON + D(3))
    s.case_schedule_hearing(case=case, by=handler, on=MON + D(3), hearing_on=earliest, place="第一听证室")
    assert case.extra["hearings"][0]["hearing_on"] == earliest.isoformat()


def test_suspension_pauses_the_decision_clock_and_resumption_restarts_counting(accepted, handler):
    case = accepted()
    with pytest.raises(DomainError) as exc:
        s.case_suspend(case=case, by=handler, on=MON + D(5), ground="S99")
    assert exc.value.field == "ground"
    s.case_suspend(case=case, by=handler, on=MON + D(5), ground="S8")
    assert clock_for(case, "decision").state == "paused"
    s.case_resume(case=case, by=handler, on=MON + D(15))
    clock = clock_for(case, "decision")
    from fazhi.deadlines.engine import Pause

    assert (
        clock.due_date
        == compute_due("reconsideration.decision", MON + D(2), pauses=[Pause(MON + D(5), MON + D(14))]).due
    )
    assert case.state == "accepted"


def test_extension_needs_head_approval_and_is_at_most_30_days(accepted, handler, head):
    case = accepted()
    with pytest.raises(DomainError) as exc:
        s.case_request_extension(case=case, by=handler, days=31, reason="案情复杂")
    assert exc.value.field == "days"
    s.case_request_extension(case=case, by=handler, days=30, reason="案情复杂")
    with pytest.raises(DomainError) as exc:
        s.case_approve_extension(case=case, by=handler, on=MON + D(20))
    assert exc.value.code == "forbidden"
    s.case_approve_extension(case=case, by=head, on=MON + D(20))
    assert clock_for(case, "decision").due_date == compute_due("reconsideration.decision", MON + D(2), extension=30).due
    assert CaseDocument.objects.filter(case=case, template_code="extension_notice").count() == 1
    with pytest.raises(DomainError):
        s.case_request_extension(case=case, by=handler, days=5, reason="再次延期")


def test_simplified_cases_cannot_be_extended_and_switch_needs_approval(accepted, handler, head):
    case = accepted(procedure="simplified")
    with pytest.raises(DomainError):
        s.case_request_extension(case=case, by=handler, days=10, reason="x")
    s.case_request_switch(case=case, by=handler, reason="案情复杂")
    with pytest.raises(DomainError):
        s.case_approve_switch(case=case, by=handler, on=MON + D(4))
    s.case_approve_switch(case=case, by=head, on=MON + D(4))
    assert case.extra["procedure"] == "ordinary"
    assert clock_for(case, "simplified_decision").completed_on == MON + D(4)
    assert clock_for(case, "decision").trigger_date == MON + D(2)


def test_termination_on_art41_grounds(accepted, handler, head):
    case = accepted()
    with pytest.raises(DomainError):
        s.case_terminate(case=case, by=handler, on=MON + D(5), ground="T1")  # needs approval
    with pytest.raises(DomainError) as exc:
        s.case_terminate(case=case, by=head, on=MON + D(5), ground="T5")
    assert exc.value.field == "ground"
    s.case_terminate(case=case, by=head, on=MON + D(5), ground="T1S")
    assert (case.state, case.outcome) == ("terminated", "terminated")
    assert clock_for(case, "decision").completed_on == MON + D(5)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**DECISION, "facts": ""}, "facts"),
        ({**DECISION, "outcome": "change"}, "changed_content"),
        ({**DECISION, "outcome": "order_performance"}, "performance_content"),
        ({**DECISION, "outcome": "uphold", "compensation": "award"}, "compensation"),
        ({**DECISION, "compensation": "award"}, "compensation_amount"),
        ({**DECISION, "outcome": "uphold", "remake": True}, "remake"),
        ({**DECISION, "outcome": "mediation", "mediation_content": "调解"}, "mediation_signed"),
        ({**DECISION, "outcome": ""}, "outcome"),
    ],
)
def test_decision_without_required_fields_is_refused(accepted, handler, data, field):
    case = accepted()
    with pytest.raises(DomainError) as exc:
        s.case_draft_decision(case=case, by=handler, **data)
    assert exc.value.field == field
    assert "decision" not in Case.objects.get(pk=case.pk).extra


def test_decision_needs_head_approval_and_generates_the_decision_document(accepted, handler, head):
    case = accepted()
    with pytest.raises(DomainError):
        s.case_approve_decision(case=case, by=head, on=MON + D(30))  # nothing drafted
    s.case_draft_decision(case=case, by=handler, on=MON + D(30), **DECISION, remake=True, remake_period="三十日")
    with pytest.raises(DomainError):
        s.case_approve_decision(case=case, by=handler, on=MON + D(30))
    s.case_approve_decision(case=case, by=head, on=MON + D(30))
    assert (case.state, case.outcome, case.closed_on) == ("decided", "revoke", MON + D(30))
    assert case.extra["decision_due"] == compute_due("reconsideration.decision", MON + D(2)).due.isoformat()
    doc = CaseDocument.objects.get(case=case, template_code="decision")
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(doc.file.read())).paragraphs)
    assert "示政复〔2025〕1号" in text and "撤销" in text and "重新作出" in text


def test_publication_masks_names_and_drops_id_numbers_and_addresses(accepted, handler, head):
    case = accepted()
    s.case_draft_decision(
        case=case,
        by=handler,
        on=MON + D(30),
        **{**DECISION, "facts": "张三（身份证11010519491231002X，住示范市人民路1号，电话13812345678）被处罚"},
    )
    s.case_approve_decision(case=case, by=head, on=MON + D(30))
    s.case_publish(case=case, by=head, on=MON + D(31))
    text = case.extra["publication"]["text"]
    assert "张*" in text
    assert "张三" not in text and "11010519491231002X" not in text and "人民路1号" not in text
    assert "13812345678" not in text
    with pytest.raises(DomainError):
        s.case_publish(case=case, by=head, on=MON + D(31))


def test_stale_form_gets_case_changed(accepted, handler):
    case = accepted()
    stale_version = case.version
    s.case_send_copy(case=case, by=handler, on=MON + D(3))
    with pytest.raises(ConflictError) as exc:
        s.case_suspend(case=case, by=handler, on=MON + D(4), ground="S8", expected_version=stale_version)
    assert "案件已被他人修改" in exc.value.message


def test_double_submitted_intake_creates_one_case(application):
    import uuid

    token = uuid.uuid4()
    a, b = application(submit_token=token), application(submit_token=token)
    assert a.pk == b.pk and Case.objects.count() == 1
