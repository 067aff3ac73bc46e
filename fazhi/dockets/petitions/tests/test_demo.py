"""The demo step: dated from today, idempotent, each path of the docket present."""

from __future__ import annotations

import pytest

from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.dockets.petitions.demo import demo_petitions
from fazhi.orgs.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_demo_petitions_are_idempotent_and_dated_from_today(city):
    UnitFactory(code="C028", name="示范市信访局", parent=city["gov"])
    UnitFactory(code="C013", name="示范市住房和城乡建设局", parent=city["gov"])
    demo_petitions(lambda _m: None)
    demo_petitions(lambda _m: None)
    cases = Case.objects.filter(docket="petitions")
    assert cases.count() == 8  # seven registrations and the transferred copy
    states = sorted(c.state for c in cases)
    assert states == sorted(
        ["received", "transferred", "accepted", "answered", "routed", "concluded", "final", "received"]
    )
    assert all(c.received_on <= today_local() for c in cases)
    repeat = cases.get(submit_token="00000000-0000-4000-8000-000000000416")
    final = cases.get(state="final")
    assert repeat.extra["after_final"]["id"] == final.pk
    for c in cases:
        days = [e.occurred_on for e in c.events.order_by("pk")]
        assert days == sorted(days), c.case_number
