"""重大行政决策 through the API: the caller's scope (the lead unit's decisions only), one decision with its meeting,
dissent and consultation figures; 404 for another unit's decision."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.decisions.services import decision_launch

from .factories import LAUNCHED, decision_launched, legality_done, meeting

pytestmark = pytest.mark.django_db


def test_decisions_in_scope_with_the_dissent(city, persona):
    staff = persona("office_staff")
    mine = decision_launched(city, staff)
    legality_done(mine, staff)
    meeting(mine, staff, dissents=[("李副市长", "建议试点")])
    other = decision_launch(
        by=staff, launched_on=LAUNCHED, title="财政", lead_unit=city["finance"], government=city["finance"]
    )
    key = bearer(key_for(account_with(["decisions.view"], unit=city["market"], scope="unit"))[1])
    c = Client()
    items = c.get("/api/v1/decisions/", **key).json()["items"]
    assert [(d["id"], d["state"], d["decided_on"]) for d in items] == [(mine.pk, "decided", "2026-11-12")]
    detail = c.get(f"/api/v1/decisions/{mine.pk}/", **key).json()
    assert detail["meetings"][0]["dissents"] == [{"person": "李副市长", "opinion": "建议试点"}]
    assert (detail["missing"], detail["consultations"]) == ([], [])
    assert c.get(f"/api/v1/decisions/{other.pk}/", **key).status_code == 404
