"""Data scope: the department with the statutory power sees and handles its own cases only; the 司法局 (a role of
scope 全部) sees every department's; the head alone decides."""

from __future__ import annotations

import pytest

from fazhi.cases.policies import CasePolicy
from fazhi.cases.selectors import cases_visible_to
from fazhi.cases.services import PartyInput
from fazhi.dockets.admin_ruling.services import admin_ruling_apply
from fazhi.dockets.admin_ruling.spec import SPEC

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(apply, city, persona):
    own = apply()
    other = admin_ruling_apply(
        by=None,
        handling_unit=city["market"],
        applicants=[PartyInput(role="applicant", name="甲公司")],
        respondents=[PartyInput(role="respondent", name="乙公司")],
        matter="other",
        request="政府采购争议",
        received_on=own.received_on,
    )
    return own, other


def _seen(user):
    return set(cases_visible_to(user, docket="admin_ruling").values_list("pk", flat=True))


def test_each_department_sees_its_own_and_the_justice_bureau_all(two, handler, head, persona):
    own, other = two
    assert _seen(handler) == {own.pk} and _seen(head) == {own.pk}
    assert _seen(persona("admin_ruling_handler", "market")) == {other.pk}
    assert _seen(persona("mediation_manager", "justice")) == {own.pk, other.pk}
    assert _seen(persona("office_staff", "justice")) == {own.pk, other.pk}
    assert _seen(persona("mediator", "justice")) == set()
    assert _seen(persona("legal_aid_staff", "land")) == set()


def test_who_may_take_which_step(two, handler, head, persona):
    own, _other = two
    accept, reject = SPEC.transition("accept"), SPEC.transition("reject")
    assert (CasePolicy.can_transition(handler, own, accept), CasePolicy.can_transition(handler, own, reject)) == (
        True,
        False,
    )
    assert (CasePolicy.can_transition(head, own, accept), CasePolicy.can_transition(head, own, reject)) == (True, True)
    manager = persona("mediation_manager", "justice")
    assert (CasePolicy.can_transition(manager, own, accept), CasePolicy.can_transition(manager, own, reject)) == (
        False,
        False,
    )
    assert CasePolicy.can_transition(persona("admin_ruling_head", "market"), own, reject) is False
