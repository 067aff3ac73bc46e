"""CasePolicy and the 依申请公开 docket's actions: role × action × data scope. The request belongs to 示范市司法局. A
denied page answers like a missing request (404) and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import CaseEvent
from fazhi.cases.policies import CasePolicy
from fazhi.cases.services import PartyInput
from fazhi.dockets.disclosure.spec import SPEC

pytestmark = pytest.mark.django_db

HANDLE, APPROVE = "disclosure.case.handle", "disclosure.case.approve"
PERSONAS = {
    "handler": ("disclosure_handler", "justice"),
    "head": ("disclosure_head", "justice"),
    "other_handler": ("disclosure_handler", "market"),
    "other_head": ("disclosure_head", "market"),
    "dept_liaison": ("dept_liaison", "justice"),
    "office_staff": ("office_staff", "justice"),
    "leader": ("leader", "gov"),
    "sys_admin": ("sys_admin", "justice"),
}
# persona → (view, unmask, attach, transition action codes allowed); unmask = the one personal-data rule (cases.pii.view
# in scope): the handling unit's disclosure handlers and heads
EXPECTED = {
    "handler": (True, True, True, {HANDLE}),  # the personal-data rule: cases.pii.view & scope
    "head": (True, True, True, {HANDLE, APPROVE}),
    "other_handler": (False, False, False, set()),
    "other_head": (False, False, False, set()),
    "dept_liaison": (False, False, False, set()),
    "office_staff": (True, False, False, set()),
    "leader": (True, False, False, set()),
    "sys_admin": (False, False, False, set()),
}


@pytest.fixture
def case(city, persona):
    from fazhi.dockets.disclosure.services import disclosure_register

    return disclosure_register(
        by=persona("disclosure_handler", "justice"),
        handling_unit=city["justice"],
        applicant_type="natural_person",
        applicant=PartyInput(role="applicant", name="张三", id_number="11010519491231002X", phone="13812345678"),
        content="行政处罚统计",
        channel="in_person",
        submitted_on=dt.date(2025, 3, 3),
    )


@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_case_policy_matrix(who, persona, case):
    user = persona(*PERSONAS[who])
    view, unmask, attach, actions = EXPECTED[who]
    assert (CasePolicy.can(user, "view", case), CasePolicy.can(user, "unmask", case)) == (view, unmask)
    assert CasePolicy.can(user, "attach", case) is attach
    for t in SPEC.transitions:
        assert CasePolicy.can_transition(user, case, t) is (t.action in actions), (who, t.code)


@pytest.mark.parametrize("who", ["other_handler", "other_head", "dept_liaison", "sys_admin"])
def test_out_of_scope_pages_answer_404_and_change_nothing(who, persona, login_client, case):
    client = login_client(persona(*PERSONAS[who]))
    before = (case.version, CaseEvent.objects.count())
    assert client.get(f"/disclosure/{case.pk}/").status_code == 404
    resp = client.post(
        f"/disclosure/{case.pk}/do/request_correction/", {"version": case.version, "on": "2025-03-05", "defects": "x"}
    )
    assert resp.status_code == 404
    case.refresh_from_db()
    assert (case.version, CaseEvent.objects.count()) == before


def test_the_handler_cannot_take_the_heads_extension(persona, login_client, case):
    client = login_client(persona("disclosure_handler", "justice"))
    resp = client.post(
        f"/disclosure/{case.pk}/do/extend/", {"version": case.version, "on": "2025-03-20", "days": 20, "reason": "x"}
    )
    assert resp.status_code == 302  # back to the case with the refusal
    case.refresh_from_db()
    assert "extension" not in case.extra
