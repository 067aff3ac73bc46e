"""The intake routes a dispute to 行政裁决 through the kernel's hand-over: an application at the chosen department
with the parties, the account and the received date carried over (the acceptance clock from that date), both
timelines linked; a refusal names the field and keeps nothing. An older intake's *referral* to 行政裁决 still shows."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clock
from fazhi.cases.models import Case, Handover
from fazhi.cases.services import PartyInput
from fazhi.core.errors import DomainError
from fazhi.dockets.intake.services import intake_record_feedback, intake_register, intake_route

pytestmark = pytest.mark.django_db
RECEIVED, ON = dt.date(2026, 3, 2), dt.date(2026, 3, 4)


@pytest.fixture
def intake(city, land):
    return intake_register(
        by=None,
        handling_unit=city["justice"],
        channel="window",
        dispute_type="land",
        applicants=[PartyInput(role="applicant", name="东华村民委员会", phone="13812345678")],
        respondents=[PartyInput(role="respondent", name="西岭村民委员会")],
        account="两村对村北十五亩土地的所有权有争议",
        received_on=RECEIVED,
    )


def test_an_intake_becomes_an_application_at_the_department(intake, land, persona):
    manager = persona("mediation_manager", "justice")
    intake_route(
        case=intake, by=manager, on=ON, routes=[{"channel": "admin_ruling", "handling_unit": land.pk, "matter": "land"}]
    )
    intake.refresh_from_db()
    case = Case.objects.get(docket="admin_ruling")
    assert (case.state, case.handling_unit, case.received_on, case.channel) == ("applied", land, RECEIVED, "transfer")
    assert (case.extra["matter"], case.extra["request"], case.extra["intake_ref"]) == (
        "land",
        "两村对村北十五亩土地的所有权有争议",
        intake.case_number,
    )
    assert sorted((p.role, p.name) for p in case.parties.all()) == [
        ("applicant", "东华村民委员会"),
        ("respondent", "西岭村民委员会"),
    ]
    assert case.parties.get(role="applicant").phone == "13812345678"
    # received Mon 2 Mar 2026 + 7 working days = Wed 11 Mar 2026
    assert case_clock(case, "acceptance").due_date == dt.date(2026, 3, 11)
    assert Handover.objects.filter(case=case, source_id=intake.pk).count() == 1
    assert [(r["channel"], r["case_id"], r["to"]) for r in intake.extra["routes"]] == [
        ("admin_ruling", case.pk, land.display_name)
    ]
    assert intake.state == "routed"


def test_a_refused_hand_over_names_the_field_and_keeps_nothing(intake, land, city):
    for route, field in (
        ({"channel": "admin_ruling", "handling_unit": land.pk}, "matter"),
        ({"channel": "admin_ruling", "matter": "land"}, "handling_unit"),
        ({"channel": "admin_ruling", "handling_unit": land.pk, "matter": "patent"}, "matter"),
    ):
        with pytest.raises(DomainError) as exc:
            intake_route(case=intake, by=None, on=ON, routes=[route])
        assert exc.value.field == field, route
    lone = intake_register(
        by=None,
        handling_unit=city["justice"],
        channel="window",
        dispute_type="land",
        applicants=[PartyInput(role="applicant", name="王某")],
        respondents=[],
        account="宅基地界址争议",
        received_on=RECEIVED,
    )
    with pytest.raises(DomainError) as exc:
        intake_route(
            case=lone, by=None, on=ON, routes=[{"channel": "admin_ruling", "handling_unit": land.pk, "matter": "land"}]
        )
    assert exc.value.field == "parties-1-name"
    intake.refresh_from_db()
    assert (Case.objects.filter(docket="admin_ruling").count(), intake.state, Handover.objects.count()) == (
        0,
        "registered",
        0,
    )


def test_the_route_needs_the_register_action(intake, land, persona):
    with pytest.raises(DomainError) as exc:
        intake_route(
            case=intake,
            by=persona("justice_office", "justice"),
            on=ON,
            routes=[{"channel": "admin_ruling", "handling_unit": land.pk, "matter": "land"}],
        )
    assert exc.value.message == "您没有“转行政裁决”的权限。"


def test_an_older_referral_to_admin_ruling_still_shows_and_takes_its_feedback(intake, land):
    from fazhi.dockets.intake.codes import ROUTE_LABEL
    from fazhi.dockets.intake.forms import FeedbackForm

    old = {"channel": "admin_ruling", "on": "2026-03-03", "referral": True, "id": 1, "unit_id": land.pk}
    routes = [{**old, "unit_name": land.name, "to": land.name, "note": ""}]
    # a row as stored before 行政裁决 became a docket (written directly: the data, not a step)
    Case.objects.filter(pk=intake.pk).update(state="routed", extra={**intake.extra, "routes": routes})
    intake = Case.objects.get(pk=intake.pk)
    assert ROUTE_LABEL["admin_ruling"] == "行政裁决"
    assert FeedbackForm(case=intake).fields["referral"].choices == [
        ("1", "行政裁决：示范市自然资源和规划局（2026-03-03）")
    ]
    intake = intake_record_feedback(case=intake, by=None, on=ON, referral="1", result="accepted")
    assert intake.extra["routes"][0]["feedback"] == {"on": "2026-03-04", "result": "accepted", "note": ""}
