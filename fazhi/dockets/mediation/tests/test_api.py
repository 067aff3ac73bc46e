"""API reads: the kernel's case list/detail carry the docket's fields; the committees endpoint is scoped and carries
no mediator's phone."""

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for

pytestmark = pytest.mark.django_db
VIEW = ["cases.case.view", "mediation.case.view"]


def test_case_reads_and_the_committees(towns, committees, register):
    case = register(mass=True)
    register("other")
    _k, full = key_for(account_with(VIEW, unit=towns["town"], scope="unit_and_below"))
    key = bearer(full)
    listing = Client().get("/api/v1/cases/?docket=mediation", **key)
    assert listing.status_code == 200
    assert [i["id"] for i in listing.json()["items"]] == [case.pk]  # not the other town's
    one = Client().get(f"/api/v1/cases/{case.pk}/", **key).json()
    assert (one["docket_data"]["committee_name"], one["docket_data"]["urgent"]) == ("东华社区人民调解委员会", True)
    resp = Client().get("/api/v1/mediation/committees/", **key)
    assert resp.status_code == 200
    names = [c["name"] for c in resp.json()]
    assert {"东华社区人民调解委员会", "东兴社区人民调解委员会", "东华街道人民调解委员会"} == set(names)
    assert "13900000001" not in resp.content.decode()
    _k2, other = key_for(account_with(["cases.case.view"], unit=towns["town"]))
    assert Client().get("/api/v1/mediation/committees/", **bearer(other)).status_code == 404
