"""API reads: the kernel's case list and detail carry the docket's own fields, scoped to the caller's units (an
account without the docket's view action: 404); the parties' personal data stays masked."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for

pytestmark = pytest.mark.django_db
VIEW = ["cases.case.view", "admin_mediation.case.view"]


def test_case_reads_carry_the_agreement(agreed, market, city):
    case = agreed()
    _k, full = key_for(account_with(VIEW, unit=market, scope="unit"))
    key = bearer(full)
    listing = Client().get("/api/v1/cases/?docket=admin_mediation", **key)
    assert listing.status_code == 200
    assert [i["id"] for i in listing.json()["items"]] == [case.pk]
    one = Client().get(f"/api/v1/cases/{case.pk}/", **key).json()
    data = one["docket_data"]
    assert (data["dispute_type"], data["agreement"]["on"], data["agreement"]["confirmation_due"]) == (
        "contract",
        "2025-03-10",
        (dt.date(2025, 4, 9)).isoformat(),
    )
    assert [x["mediators"] for x in data["sessions"]] == ["陈科长、李干事"]
    assert "13812345678" not in repr(one)
    _k2, other = key_for(account_with(VIEW, unit=city["finance"], scope="unit"))
    assert Client().get("/api/v1/cases/?docket=admin_mediation", **bearer(other)).json()["items"] == []
    _k3, blind = key_for(account_with(["cases.case.view"], unit=market, scope="unit"))
    blind_reply = Client().get("/api/v1/cases/?docket=admin_mediation", **bearer(blind))
    assert (blind_reply.status_code, blind_reply.json()["error"]["code"]) == (404, "not_found")
