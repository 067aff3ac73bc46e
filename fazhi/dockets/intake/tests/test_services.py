"""The intake's services: registration (parties through the kernel, urgency reported at once), referrals with their
feedback, closing and answering; refusals name the field and keep nothing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.cases.models import Case, CaseEvent
from fazhi.core.errors import DomainError
from fazhi.dockets.intake.services import (
    intake_answer,
    intake_close,
    intake_record_feedback,
    intake_route,
)

from .conftest import ON, applicant

pytestmark = pytest.mark.django_db


def test_an_intake_is_registered_with_its_parties_through_the_kernel(register, towns):
    case = register(amount="5000", channel="transfer", transfer_from="court", transfer_note="东城法院诉前委派1号")
    assert (case.docket, case.state, case.case_number, case.received_on, case.channel) == (
        "intake",
        "registered",
        "示登〔2026〕1号",
        ON,
        "transfer",
    )
    assert case.handling_unit_id == towns["town"].pk
    assert case.title == "邻里：邻居加盖二层遮挡采光，多次协商未果"
    assert case.extra == {
        "channel": "transfer",
        "intake_source": "transfer",
        "transfer_from": "court",
        "transfer_note": "东城法院诉前委派1号",
        "dispute_type": "neighbour",
        "account": "邻居加盖二层遮挡采光，多次协商未果",
        "amount": "5000.00",
        "mass": False,
        "escalation_risk": False,
        "urgent": False,
        "routes": [],
    }
    parties = list(case.parties.order_by("id"))
    assert [(p.role, p.name, p.phone, p.id_number) for p in parties] == [
        ("applicant", "王小明", "13812345678", "110101199003078515"),
        ("respondent", "赵大海", "", ""),
    ]
    assert parties[0].masked_phone != "13812345678"  # the kernel's protected personal data
    assert CaseEvent.objects.get(case=case, kind="created").label == "登记邻里纠纷求助（转来）"
    assert AuditEvent.objects.filter(object_id=str(case.pk), action="cases.case.create").count() == 1


def test_a_retried_submit_registers_once(register):
    token = uuid.uuid4()
    first = register(submit_token=token)
    again = register(submit_token=token)
    assert again.pk == first.pk
    assert Case.objects.filter(docket="intake").count() == 1


def test_an_urgent_dispute_is_flagged_and_reported_at_once(
    register, persona, towns, django_capture_on_commit_callbacks
):
    from fazhi.notifications.models import Notification

    office = persona("justice_office", "town")
    manager = persona("mediation_manager", "justice")
    mediator = persona("mediator", "village")
    elsewhere = persona("justice_office", "other_town")
    with django_capture_on_commit_callbacks(execute=True):
        case = register(mass=True, unit="village")
    assert (case.extra["urgent"], case.extra["mass"], case.extra["escalation_risk"]) == (True, True, False)
    assert CaseEvent.objects.get(case=case, kind="urgent").label == "群体性纠纷：已即时报告"
    told = set(Notification.objects.filter(title__startswith="群体性纠纷：").values_list("recipient_id", flat=True))
    assert told == {office.pk, manager.pk}
    assert mediator.pk not in told and elsewhere.pk not in told


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"channel": "fax"}, "channel"),
        ({"dispute_type": "fight"}, "dispute_type"),
        ({"account": "  "}, "account"),
        ({"applicants": [applicant("")]}, "parties-0-name"),
        ({"applicants": [applicant(phone="12345")]}, "parties-0-phone"),
        ({"amount": "很多"}, "amount"),
        ({"channel": "transfer"}, "transfer_from"),
        ({"handling_unit": None}, "handling_unit"),
        ({"received_on": dt.date(2999, 1, 1)}, "received_on"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_keeps_nothing(register, kw, field):
    with pytest.raises(DomainError) as exc:
        register(**kw)
    assert exc.value.field == field
    assert Case.objects.count() == 0


def test_a_referral_waits_for_its_feedback_before_the_intake_closes(register):
    case = register()
    intake_route(
        case=case,
        by=None,
        on=ON + dt.timedelta(days=1),
        routes=[{"channel": "notary", "unit_name": "示范市公证处", "note": "房屋买卖合同公证"}],
    )
    case.refresh_from_db()
    assert case.state == "routed"
    assert case.extra["routes"] == [
        {
            "channel": "notary",
            "on": "2026-03-03",
            "referral": True,
            "id": 1,
            "unit_id": None,
            "unit_name": "示范市公证处",
            "to": "示范市公证处",
            "note": "房屋买卖合同公证",
        }
    ]
    assert CaseEvent.objects.get(case=case, kind="route").label == "分流：公证（示范市公证处）"
    with pytest.raises(DomainError) as exc:
        intake_close(case=case, by=None, on=ON + dt.timedelta(days=2))
    assert exc.value.message == "转介的反馈尚未全部登记，不能办结。"
    with pytest.raises(DomainError) as exc:  # feedback dated before the referral
        intake_record_feedback(case=case, by=None, on=ON, referral=1, result="resolved")
    assert (exc.value.field, exc.value.message) == ("on", "反馈日期2026年3月2日不能早于转介日期2026年3月3日。")
    with pytest.raises(DomainError) as exc:
        intake_record_feedback(case=case, by=None, on=ON + dt.timedelta(days=5), referral=1, result="maybe")
    assert exc.value.field == "result"
    case.refresh_from_db()
    assert "feedback" not in case.extra["routes"][0]
    intake_record_feedback(
        case=case, by=None, on=ON + dt.timedelta(days=5), referral=1, result="resolved", note="已公证"
    )
    case.refresh_from_db()
    assert case.extra["routes"][0]["feedback"] == {"on": "2026-03-07", "result": "resolved", "note": "已公证"}
    intake_close(case=case, by=None, on=ON + dt.timedelta(days=5))
    case.refresh_from_db()
    assert (case.state, case.outcome, case.closed_on) == ("closed", "routed", dt.date(2026, 3, 7))


def test_routing_needs_a_channel_and_a_referral_its_unit(register):
    case = register()
    with pytest.raises(DomainError) as exc:
        intake_route(case=case, by=None, on=ON, routes=[])
    assert exc.value.field == "routes"
    with pytest.raises(DomainError) as exc:
        intake_route(case=case, by=None, on=ON, routes=[{"channel": "arbitration", "unit_name": " "}])
    assert (exc.value.field, exc.value.message) == ("referral_unit", "请选择或填写仲裁的转介单位。")
    with pytest.raises(DomainError) as exc:
        intake_route(case=case, by=None, on=ON, routes=[{"channel": "court_of_heaven"}])
    assert exc.value.field == "routes"
    case.refresh_from_db()
    assert (case.state, case.extra["routes"], case.version) == ("registered", [], 1)


def test_a_stale_version_is_refused(register):
    from fazhi.core.errors import ConflictError

    case = register()
    with pytest.raises(ConflictError):
        intake_route(
            case=case, by=None, on=ON, routes=[{"channel": "notary", "unit_name": "公证处"}], expected_version=7
        )


def test_a_question_answered_at_the_window_closes_the_intake(register):
    case = register()
    with pytest.raises(DomainError) as exc:
        intake_answer(case=case, by=None, on=ON, answer="")
    assert exc.value.field == "answer"
    intake_answer(case=case, by=None, on=ON, answer="告知可申请人民调解")
    case.refresh_from_db()
    assert (case.state, case.outcome, case.extra["answer"]) == (
        "closed",
        "answered",
        {"on": "2026-03-02", "text": "告知可申请人民调解"},
    )


def test_a_step_by_a_user_outside_the_scope_is_refused(register, persona, towns):
    elsewhere = persona("justice_office", "other_town")
    case = register()
    with pytest.raises(DomainError) as exc:
        intake_answer(case=case, by=elsewhere, on=ON, answer="x")
    assert exc.value.code == "forbidden"
    case.refresh_from_db()
    assert case.state == "registered"
