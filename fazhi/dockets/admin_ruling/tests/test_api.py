"""API reads: the kernel's case list and detail carry the docket's own fields, scoped to the caller's units (an
account without the docket's view action: 404); the parties' personal data stays masked."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.dockets.admin_ruling import services as s

from .conftest import RULING

pytestmark = pytest.mark.django_db
VIEW = ["cases.case.view", "admin_ruling.case.view"]


def test_case_reads_carry_the_ruling(heard, head, land, city):
    case = s.case_rule(case=heard(), by=head, on=dt.date(2025, 4, 1), **RULING)
    _k, full = key_for(account_with(VIEW, unit=land, scope="unit"))
    key = bearer(full)
    listing = Client().get("/api/v1/cases/?docket=admin_ruling", **key)
    assert listing.status_code == 200
    assert [i["id"] for i in listing.json()["items"]] == [case.pk]
    one = Client().get(f"/api/v1/cases/{case.pk}/", **key).json()
    data = one["docket_data"]
    assert (data["matter"], data["ruling"]["on"], data["ruling"]["suit_due"]) == ("land", "2025-04-01", "2025-05-06")
    assert [h["place"] for h in data["hearings"]] == ["第一听证室"]
    assert "13812345678" not in repr(one)
    _k2, other = key_for(account_with(VIEW, unit=city["market"], scope="unit"))
    assert Client().get("/api/v1/cases/?docket=admin_ruling", **bearer(other)).json()["items"] == []
    _k3, blind = key_for(account_with(["cases.case.view"], unit=land, scope="unit"))
    blind_reply = Client().get("/api/v1/cases/?docket=admin_ruling", **bearer(blind))
    assert (blind_reply.status_code, blind_reply.json()["error"]["code"]) == (404, "not_found")
