"""The demo step: the registry of 示范市司法局 (four in the register, one deactivated) and five applications dated
from today, the assigned ones naming registry people; idempotent."""

from __future__ import annotations

import pytest

from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.dockets.legal_aid.demo import PEOPLE, demo_legal_aid
from fazhi.dockets.legal_aid.models import AidPerson
from fazhi.dockets.legal_aid.selectors import aid_people_workload

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_dated_from_today_and_assigns_from_the_registry(city):
    demo_legal_aid(lambda _m: None)
    demo_legal_aid(lambda _m: None)
    people = AidPerson.objects.filter(centre=city["justice"])
    assert people.count() == len(PEOPLE) == 5
    assert sorted(people.filter(is_active=False).values_list("name", flat=True)) == ["赵退休"]
    assert sorted(people.values_list("kind", flat=True)) == ["grassroots", "lawyer", "lawyer", "lawyer", "volunteer"]
    cases = Case.objects.filter(docket="legal_aid")
    assert cases.count() == 5 and all(c.received_on <= today_local() for c in cases)
    by_name = {p.name: p.pk for p in people}
    work = aid_people_workload(list(by_name.values()))
    assert work == {by_name["郑明律"]: {"open": 1, "closed": 0}, by_name["林正义"]: {"open": 0, "closed": 1}}
    advance = cases.get(extra__advance__isnull=False).extra["advance"]
    assert advance["person_id"] == by_name["王援助"]
