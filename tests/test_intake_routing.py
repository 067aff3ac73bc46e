"""Issue 17 §2 across the dockets: one intake routed to 人民调解 and 法律援助 at once through the kernel's hand-over
(nothing re-typed), the guards and permissions on the way, a 12348 call becoming one intake, and the code lists the
intake shares with 人民调解."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from fazhi.cases.models import Case, CaseEvent, Handover
from fazhi.cases.selectors import cases_visible_to
from fazhi.cases.services import PartyInput
from fazhi.core.errors import DomainError
from fazhi.dockets.intake.services import intake_register, intake_route

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 3, 2)
ON = dt.date(2026, 3, 4)


@pytest.fixture
def units(city: dict[str, Any]) -> dict[str, Any]:
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    city["town"] = UnitFactory(
        code="D1T1", name="示范市东城区东华街道办事处", parent=city["district"], level=UnitLevel.TOWN
    )
    kw = {"kind": UnitKind.VILLAGE, "level": UnitLevel.VILLAGE}
    city["village"] = UnitFactory(code="D1T1V1", name="示范市东城区东华社区居民委员会", parent=city["town"], **kw)
    city["village2"] = UnitFactory(code="D1T1V2", name="示范市东城区东兴社区居民委员会", parent=city["town"], **kw)
    city["aid_centre"] = UnitFactory(code="C009", name="示范市法律援助中心", parent=city["justice"])
    return city


@pytest.fixture
def committees(units: dict[str, Any]) -> dict[str, Any]:
    from fazhi.dockets.mediation.services import committee_create

    return {
        key: committee_create(by=None, unit=units[key], name=name, kind="village")
        for key, name in (("village", "东华社区人民调解委员会"), ("village2", "东兴社区人民调解委员会"))
    }


@pytest.fixture
def intake(units: dict[str, Any]) -> Case:
    return intake_register(
        by=None,
        handling_unit=units["town"],
        channel="window",
        dispute_type="labour",
        applicants=[PartyInput(role="applicant", name="王小明", phone="13812345678", id_number="110101199003078515")],
        respondents=[PartyInput(role="respondent", name="某某餐馆")],
        account="在餐馆工作半年被拖欠工资八千元",
        amount="8000",
        escalation_risk=True,
        received_on=RECEIVED,
    )


def _both(committee: Any, units: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"channel": "mediation", "committee": committee.pk},
        {"channel": "legal_aid", "handling_unit": units["aid_centre"].pk, "matter": "civil"},
    ]


def test_one_intake_spawns_a_mediation_case_and_a_legal_aid_application(intake, committees, units):
    from fazhi.cases.clocks import case_clock

    intake_route(case=intake, by=None, on=ON, routes=_both(committees["village"], units))
    intake.refresh_from_db()
    mediation = Case.objects.get(docket="mediation")
    aid = Case.objects.get(docket="legal_aid")
    # the mediation case: the committee's unit, the account, type, amount, urgency and channel carried over
    assert (mediation.state, mediation.received_on, mediation.handling_unit_id) == (
        "registered",
        RECEIVED,
        units["village"].pk,
    )
    x = mediation.extra
    assert (x["committee_name"], x["source"], x["dispute_type"], x["account"], x["amount"]) == (
        "东华社区人民调解委员会",
        "window",
        "labour",
        "在餐馆工作半年被拖欠工资八千元",
        "8000.00",
    )
    assert (x["escalation_risk"], x["urgent"], x["intake_ref"]) == (True, True, intake.case_number)
    # the legal-aid application: the applicant, the account as the request, the decision clock from the intake's date
    assert (aid.state, aid.received_on, aid.handling_unit_id, aid.extra["matter"], aid.extra["request"]) == (
        "applied",
        RECEIVED,
        units["aid_centre"].pk,
        "civil",
        "在餐馆工作半年被拖欠工资八千元",
    )
    assert aid.extra["intake_ref"] == intake.case_number
    assert case_clock(aid, "decision").trigger_date == RECEIVED
    for case in (mediation, aid):  # the parties with their protected data, nothing re-typed
        assert [(p.role, p.name, p.phone) for p in case.parties.order_by("id")][0] == (
            "applicant",
            "王小明",
            "13812345678",
        )
    assert [(p.role, p.name) for p in mediation.parties.order_by("id")] == [
        ("applicant", "王小明"),
        ("respondent", "某某餐馆"),
    ]
    # the intake records both routes and links them; both timelines name each other
    assert intake.state == "routed"
    assert intake.extra["routes"] == [
        {
            "channel": "mediation",
            "on": "2026-03-04",
            "case_id": mediation.pk,
            "case_number": mediation.case_number,
            "unit_id": units["village"].pk,
            "unit_name": units["village"].display_name,
            "to": "东华社区人民调解委员会",
        },
        {
            "channel": "legal_aid",
            "on": "2026-03-04",
            "case_id": aid.pk,
            "case_number": aid.case_number,
            "unit_id": units["aid_centre"].pk,
            "unit_name": units["aid_centre"].display_name,
            "to": units["aid_centre"].display_name,
        },
    ]
    assert CaseEvent.objects.get(case=intake, kind="route").label == (
        f"分流：人民调解（东华社区人民调解委员会）、法律援助（{units['aid_centre'].display_name}）"
    )
    assert sorted(CaseEvent.objects.filter(case=intake, kind="handover_out").values_list("label", flat=True)) == sorted(
        [f"转人民调解：人民调解案件{mediation.case_number}", f"转法律援助：法律援助案件{aid.case_number}"]
    )
    assert (
        CaseEvent.objects.get(case=mediation, kind="handover_in").label == f"由纠纷求助登记案件{intake.case_number}转来"
    )
    assert Handover.objects.filter(source_case=intake).count() == 2


def test_routing_again_to_the_same_docket_makes_no_second_case(intake, committees, units):
    intake_route(case=intake, by=None, on=ON, routes=[{"channel": "mediation", "committee": committees["village"].pk}])
    intake.refresh_from_db()
    intake_route(case=intake, by=None, on=ON, routes=[{"channel": "mediation", "committee": committees["village"].pk}])
    intake.refresh_from_db()
    assert Case.objects.filter(docket="mediation").count() == 1
    assert [r["channel"] for r in intake.extra["routes"]] == ["mediation"]
    assert CaseEvent.objects.filter(case=intake, kind="route").count() == 1


@pytest.mark.parametrize(
    ("route", "field"),
    [
        ({"channel": "mediation", "committee": 999999}, "committee"),  # an unknown committee
        ({"channel": "mediation", "committee": ""}, "committee"),
        ({"channel": "legal_aid", "handling_unit": None, "matter": "civil"}, "handling_unit"),
        ({"channel": "legal_aid", "handling_unit": "x", "matter": "civil"}, "handling_unit"),
        ({"channel": "legal_aid", "matter": ""}, "matter"),
    ],
)
def test_a_refused_route_keeps_nothing_not_even_the_other_route(intake, committees, units, route, field):
    route = {**route}
    if route["channel"] == "legal_aid" and "handling_unit" not in route:
        route["handling_unit"] = units["aid_centre"].pk
    good = {"channel": "mediation", "committee": committees["village"].pk}
    routes = [route] if route["channel"] == "mediation" else [good, route]
    with pytest.raises(DomainError) as exc:
        intake_route(case=intake, by=None, on=ON, routes=routes)
    assert exc.value.field == field
    intake.refresh_from_db()
    assert (intake.state, intake.extra["routes"]) == ("registered", [])
    assert Case.objects.exclude(docket="intake").count() == 0
    assert Handover.objects.count() == 0


def test_a_route_dated_before_the_intake_is_refused(intake, committees):
    with pytest.raises(DomainError) as exc:
        intake_route(
            case=intake,
            by=None,
            on=RECEIVED - dt.timedelta(days=1),
            routes=[{"channel": "mediation", "committee": committees["village"].pk}],
        )
    assert exc.value.field == "on"
    assert Case.objects.filter(docket="mediation").count() == 0


def test_the_window_routes_only_where_it_may_register(intake, committees, units, persona):
    office = persona("justice_office", "town")  # 人民调解 yes, 法律援助 no
    with pytest.raises(DomainError) as exc:
        intake_route(case=intake, by=office, on=ON, routes=_both(committees["village"], units))
    assert (exc.value.code, exc.value.message) == ("forbidden", "您没有“转法律援助”的权限。")
    assert Case.objects.exclude(docket="intake").count() == 0
    intake_route(case=intake, by=office, on=ON, routes=_both(committees["village"], units)[:1])
    manager = persona("mediation_manager", "justice")
    intake_route(case=intake, by=manager, on=ON, routes=_both(committees["village"], units)[1:])
    assert sorted(Case.objects.exclude(docket="intake").values_list("docket", flat=True)) == ["legal_aid", "mediation"]


def test_a_committee_sees_only_its_own_case_and_the_town_office_all_of_its_town(intake, committees, units, persona):
    intake_route(case=intake, by=None, on=ON, routes=_both(committees["village"], units)[:1])
    case = Case.objects.get(docket="mediation")
    assert list(cases_visible_to(persona("mediator", "village"), docket="mediation")) == [case]
    assert list(cases_visible_to(persona("mediator", "village2"), docket="mediation")) == []
    assert list(cases_visible_to(persona("justice_office", "town"), docket="mediation")) == [case]
    # and the village's mediator does not see the town's intake it came from
    assert list(cases_visible_to(persona("mediator", "village"), docket="intake")) == []


def test_the_routing_page_routes_to_mediation_and_offers_only_allowed_channels(
    intake, committees, units, persona, login_client
):
    client = login_client(persona("justice_office", "town"))
    page = client.get(f"/intake/{intake.pk}/route/").content.decode()
    assert "东华社区人民调解委员会" in page and 'name="to_mediation"' in page
    assert 'name="to_legal_aid"' not in page  # not a 法律援助 register holder
    refused = client.post(
        f"/intake/{intake.pk}/route/", {"version": intake.version, "on": ON.isoformat(), "to_mediation": "on"}
    )
    assert refused.status_code == 200 and "请填写人民调解委员会。" in refused.content.decode()
    done = client.post(
        f"/intake/{intake.pk}/route/",
        {"version": intake.version, "on": ON.isoformat(), "to_mediation": "on", "committee": committees["village"].pk},
    )
    assert done.status_code == 302 and done["Location"] == f"/intake/{intake.pk}/"
    assert Case.objects.filter(docket="mediation").count() == 1


def _call(units: dict[str, Any]) -> Any:
    from fazhi.dockets.mediation.services import hotline_call_log

    return hotline_call_log(
        by=None,
        unit=units["justice"],
        received_at=timezone.make_aware(dt.datetime(2026, 3, 3, 9, 30)),
        duration_seconds=300,
        topic="family",
        question="离婚后抚养费纠纷如何解决",
        answer="可申请人民调解",
        callback_phone="13700001234",
    )


def test_a_12348_call_becomes_one_intake_prefilled(units, persona, login_client):
    call = _call(units)
    manager = persona("mediation_manager", "justice")
    client = login_client(manager)
    log = client.get("/mediation/hotline/").content.decode()
    assert f"/intake/register/?call={call.pk}" in log
    form = client.get(f"/intake/register/?call={call.pk}").content.decode()
    assert "离婚后抚养费纠纷如何解决" in form and "13700001234" in form
    post = {
        "handling_unit": units["justice"].pk,
        "dispute_type": "family",
        "applicant_name": "孙丽",
        "applicant_phone": "13700001234",
        "account": "离婚后抚养费纠纷如何解决",
    }
    first = client.post(f"/intake/register/?call={call.pk}", post)
    case = Case.objects.get(docket="intake")
    assert first.status_code == 302 and first["Location"] == f"/intake/{case.pk}/"
    assert (case.received_on, case.extra["channel"], case.extra["dispute_type"], case.extra["account"]) == (
        dt.date(2026, 3, 3),
        "hotline",
        "family",
        "离婚后抚养费纠纷如何解决",
    )
    assert [(p.role, p.name, p.phone) for p in case.parties.all()] == [("applicant", "孙丽", "13700001234")]
    assert CaseEvent.objects.get(case=case, kind="handover_in").label == "由12348热线咨询（2026年3月3日 09:30）转来"
    again = client.post(f"/intake/register/?call={call.pk}", post)  # a retried submit
    assert again.status_code == 302 and Case.objects.filter(docket="intake").count() == 1
    opened = client.get(f"/intake/register/?call={call.pk}")  # the button now opens the intake
    assert opened.status_code == 302 and opened["Location"] == f"/intake/{case.pk}/"
    log = client.get("/mediation/hotline/").content.decode()
    assert case.case_number in log and f"/intake/register/?call={call.pk}" not in log


def test_a_call_outside_the_scope_cannot_be_registered(units, persona, login_client):
    call = _call(units)
    client = login_client(persona("justice_office", "town"))  # sees no call of the 司法局 (and holds no log view)
    assert client.get(f"/intake/register/?call={call.pk}").status_code == 404
    assert Case.objects.count() == 0


def test_the_intake_shares_the_mediation_code_lists():
    from fazhi.dockets.intake import codes as intake
    from fazhi.dockets.mediation import codes as mediation

    assert intake.CHANNELS == mediation.SOURCES
    assert intake.DISPUTE_TYPES == mediation.DISPUTE_TYPES
    assert intake.TRANSFER_FROM == mediation.TRANSFER_FROM
