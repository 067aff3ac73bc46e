"""The intake routes a dispute to 行政调解 through the kernel's hand-over: an application at the chosen department
with the parties, the dispute type, the account and the received date carried over (the acceptance clock from that
date), both timelines linked; a refusal names the field and keeps nothing. 行政调解 was a referral before this docket,
under the same code: the code is in one list only, and an older intake's referral row still shows and takes its
feedback."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clock
from fazhi.cases.models import Case, CaseEvent, Handover
from fazhi.cases.services import PartyInput
from fazhi.core.errors import DomainError
from fazhi.dockets.intake.services import intake_record_feedback, intake_register, intake_route

pytestmark = pytest.mark.django_db
RECEIVED, ON = dt.date(2026, 3, 2), dt.date(2026, 3, 4)


@pytest.fixture
def intake(city, market):
    return intake_register(
        by=None,
        handling_unit=city["justice"],
        channel="window",
        dispute_type="contract",
        applicants=[PartyInput(role="applicant", name="钱小明", phone="13812345678")],
        respondents=[PartyInput(role="respondent", name="某电器商场")],
        account="购买的冰箱存在质量问题，商场拒绝退货",
        received_on=RECEIVED,
    )


def test_an_intake_becomes_an_application_at_the_department(intake, market, persona):
    manager = persona("mediation_manager", "justice")
    intake_route(case=intake, by=manager, on=ON, routes=[{"channel": "admin_mediation", "handling_unit": market.pk}])
    intake.refresh_from_db()
    case = Case.objects.get(docket="admin_mediation")
    assert (case.state, case.handling_unit, case.received_on, case.channel) == ("applied", market, RECEIVED, "transfer")
    assert (case.extra["dispute_type"], case.extra["request"], case.extra["intake_ref"]) == (
        "contract",
        "购买的冰箱存在质量问题，商场拒绝退货",
        intake.case_number,
    )
    assert sorted((p.role, p.name) for p in case.parties.all()) == [
        ("applicant", "钱小明"),
        ("respondent", "某电器商场"),
    ]
    assert case.parties.get(role="applicant").phone == "13812345678"
    # received Mon 2 Mar 2026 + 5 working days = Mon 9 Mar 2026
    assert case_clock(case, "acceptance").due_date == dt.date(2026, 3, 9)
    assert Handover.objects.filter(case=case, source_id=intake.pk).count() == 1
    assert [(r["channel"], r["case_id"], r["to"]) for r in intake.extra["routes"]] == [
        ("admin_mediation", case.pk, market.display_name)
    ]
    assert intake.state == "routed"
    assert CaseEvent.objects.filter(case=intake, label__contains="转行政调解").exists()


def test_a_refused_hand_over_names_the_field_and_keeps_nothing(intake, city):
    with pytest.raises(DomainError) as exc:
        intake_route(case=intake, by=None, on=ON, routes=[{"channel": "admin_mediation"}])
    assert exc.value.field == "handling_unit"
    with pytest.raises(DomainError) as exc:
        intake_route(case=intake, by=None, on=ON, routes=[{"channel": "admin_mediation", "handling_unit": 999999}])
    assert exc.value.field == "handling_unit"
    lone = intake_register(
        by=None,
        handling_unit=city["justice"],
        channel="window",
        dispute_type="contract",
        applicants=[PartyInput(role="applicant", name="王某")],
        respondents=[],
        account="预付卡退费",
        received_on=RECEIVED,
    )
    with pytest.raises(DomainError) as exc:
        intake_route(
            case=lone, by=None, on=ON, routes=[{"channel": "admin_mediation", "handling_unit": city["market"].pk}]
        )
    assert exc.value.field == "parties-1-name"
    intake.refresh_from_db()
    assert (Case.objects.filter(docket="admin_mediation").count(), intake.state, Handover.objects.count()) == (
        0,
        "registered",
        0,
    )


def test_the_route_needs_the_register_action(intake, market, persona):
    with pytest.raises(DomainError) as exc:
        intake_route(
            case=intake,
            by=persona("justice_office", "justice"),
            on=ON,
            routes=[{"channel": "admin_mediation", "handling_unit": market.pk}],
        )
    assert exc.value.message == "您没有“转行政调解”的权限。"


def test_the_code_is_a_docket_route_only_and_an_older_referral_keeps_its_label(intake, market):
    from fazhi.dockets.intake.codes import DOCKET_ROUTES, REFERRALS, ROUTE_LABEL
    from fazhi.dockets.intake.forms import FeedbackForm, RouteForm

    codes = [c for c, _ in DOCKET_ROUTES + REFERRALS]
    assert len(codes) == len(set(codes))  # no code both a docket route and a referral
    assert ("admin_mediation", "行政调解") in DOCKET_ROUTES and "admin_mediation" not in dict(REFERRALS)
    assert "admin_mediation" not in dict(RouteForm(channels={}).fields["referral"].choices)
    old = {"channel": "admin_mediation", "on": "2026-03-03", "referral": True, "id": 1, "unit_id": market.pk}
    routes = [{**old, "unit_name": market.name, "to": market.name, "note": ""}]
    # a row as stored before 行政调解 became a docket (written directly: the data, not a step)
    Case.objects.filter(pk=intake.pk).update(state="routed", extra={**intake.extra, "routes": routes})
    intake = Case.objects.get(pk=intake.pk)
    assert ROUTE_LABEL["admin_mediation"] == "行政调解"
    assert FeedbackForm(case=intake).fields["referral"].choices == [
        ("1", "行政调解：示范市市场监督管理局（2026-03-03）")
    ]
    intake = intake_record_feedback(case=intake, by=None, on=ON, referral="1", result="resolved")
    assert intake.extra["routes"][0]["feedback"] == {"on": "2026-03-04", "result": "resolved", "note": ""}
    # the old referral does not stop a hand-over to the docket now
    intake = intake_route(
        case=intake, by=None, on=ON, routes=[{"channel": "admin_mediation", "handling_unit": market.pk}]
    )
    assert [r.get("referral", False) for r in intake.extra["routes"]] == [True, False]
    assert Case.objects.filter(docket="admin_mediation").count() == 1


def test_the_route_page_offers_it_to_who_may_register(intake, market, persona, login_client):
    client = login_client(persona("mediation_manager", "justice"))
    page = client.get(f"/intake/{intake.pk}/route/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "转行政调解" in html and 'name="mediation_unit"' in html
    reply = client.post(
        f"/intake/{intake.pk}/route/", {"version": intake.version, "on": "2026-03-04", "to_admin_mediation": "on"}
    )
    assert reply.status_code == 200 and "请填写行政调解机关" in reply.content.decode()
    assert Case.objects.filter(docket="admin_mediation").count() == 0
    reply = client.post(
        f"/intake/{intake.pk}/route/",
        {"version": intake.version, "on": "2026-03-04", "to_admin_mediation": "on", "mediation_unit": market.pk},
    )
    assert reply.status_code == 302
    assert Case.objects.get(docket="admin_mediation").handling_unit == market
