"""Who sees which intake (the kernel's CasePolicy on the registering unit): a village's mediator its own, the town's
司法所 its town and the villages below it, another town's 司法所 none of them, the 司法局 all."""

from __future__ import annotations

import pytest

from fazhi.cases.selectors import cases_visible_to

pytestmark = pytest.mark.django_db


def test_each_role_sees_the_intakes_of_its_scope(register, persona):
    at_town = register(unit="town")
    at_village = register(unit="village")
    at_village2 = register(unit="village2")
    at_other = register(unit="other_town")

    def seen(user):
        return set(cases_visible_to(user, docket="intake").values_list("pk", flat=True))

    assert seen(persona("mediator", "village")) == {at_village.pk}
    assert seen(persona("justice_office", "town")) == {at_town.pk, at_village.pk, at_village2.pk}
    assert seen(persona("justice_office", "other_town")) == {at_other.pk}
    assert seen(persona("mediation_manager", "justice")) == {at_town.pk, at_village.pk, at_village2.pk, at_other.pk}
    assert seen(persona("legal_aid_staff", "aid_centre")) == set()  # no intake.case.view


def test_the_pages_answer_404_outside_the_scope(register, persona, login_client):
    case = register(unit="village")
    client = login_client(persona("justice_office", "other_town"))
    for url in (f"/intake/{case.pk}/", f"/intake/{case.pk}/route/", f"/intake/{case.pk}/do/answer/"):
        assert client.get(url).status_code == 404, url
    client = login_client(persona("mediator", "village"))
    assert client.get(f"/intake/{case.pk}/").status_code == 200
    assert client.get(f"/intake/{case.pk}/route/").status_code == 200
