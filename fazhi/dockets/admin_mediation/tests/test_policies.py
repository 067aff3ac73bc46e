"""Data scope: the competent department sees and handles its own cases only; the 司法局 (roles of scope 全部) sees
every department's but takes no step; every other role sees none (deny by default)."""

from __future__ import annotations

import pytest

from fazhi.cases.policies import CasePolicy
from fazhi.cases.selectors import cases_visible_to
from fazhi.cases.services import PartyInput
from fazhi.dockets.admin_mediation.services import admin_mediation_apply
from fazhi.dockets.admin_mediation.spec import SPEC
from fazhi.orgs.scopes import grants_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(apply, city):
    own = apply()
    other = admin_mediation_apply(
        by=None,
        handling_unit=city["finance"],
        applicants=[PartyInput(role="applicant", name="甲公司")],
        respondents=[PartyInput(role="respondent", name="乙公司")],
        dispute_type="contract",
        request="政府采购合同履行纠纷",
        received_on=own.received_on,
    )
    return own, other


def _seen(user):
    return set(cases_visible_to(user, docket="admin_mediation").values_list("pk", flat=True))


def test_each_department_sees_its_own_and_the_justice_bureau_all(two, mediator, persona):
    own, other = two
    assert _seen(mediator) == {own.pk}
    assert _seen(persona("admin_mediator", "finance")) == {other.pk}
    assert _seen(persona("mediation_manager", "justice")) == {own.pk, other.pk}
    assert _seen(persona("office_staff", "justice")) == {own.pk, other.pk}
    for role in ("mediator", "admin_ruling_handler", "legal_aid_staff", "petition_handler"):
        assert _seen(persona(role, "market")) == set(), role


def test_who_may_take_which_step(two, mediator, persona):
    own, other = two
    accept, reject = SPEC.transition("accept"), SPEC.transition("reject")
    assert (CasePolicy.can_transition(mediator, own, accept), CasePolicy.can_transition(mediator, own, reject)) == (
        True,
        True,
    )
    assert CasePolicy.can_transition(mediator, other, accept) is False
    manager = persona("mediation_manager", "justice")
    assert (
        CasePolicy.can_transition(manager, own, accept),
        grants_for(manager).has("admin_mediation.case.register"),
    ) == (
        False,
        True,
    )
    assert grants_for(persona("admin_ruling_head", "market")).has("admin_mediation.case.view") is False


def test_a_department_cannot_step_another_departments_case(two, persona):
    from fazhi.core.errors import DomainError
    from fazhi.dockets.admin_mediation import services as s

    _own, other = two
    with pytest.raises(DomainError) as exc:
        s.case_accept(case=other, by=persona("admin_mediator", "market"), on=other.received_on)
    assert exc.value.message == "您没有“受理”的权限。"
    other.refresh_from_db()
    assert other.state == "applied"
