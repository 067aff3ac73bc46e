"""API reads (issue #17): the kernel's case list and detail carry the docket's own fields, scoped to the caller's
units; an account without the docket's view action sees no legal-aid case."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.dockets.legal_aid import services as s

pytestmark = pytest.mark.django_db
VIEW = ["cases.case.view", "legal_aid.case.view"]


def test_case_reads_carry_the_decision(apply, head, centre, city):
    case = s.case_grant(case=apply(), by=head, on=dt.date(2025, 3, 5), exemption="migrant_wages")
    _k, full = key_for(account_with(VIEW, unit=centre, scope="unit"))
    key = bearer(full)
    listing = Client().get("/api/v1/cases/?docket=legal_aid", **key)
    assert listing.status_code == 200
    assert [i["id"] for i in listing.json()["items"]] == [case.pk]
    one = Client().get(f"/api/v1/cases/{case.pk}/", **key).json()
    assert one["docket_data"]["matter"] == "civil" and one["docket_data"]["request"] == "追索劳动报酬"
    assert one["docket_data"]["decision"]["result"] == "granted"
    assert one["docket_data"]["decision"]["exemption"] == "migrant_wages"
    assert "13812345678" not in one.__repr__()
    _k2, other = key_for(account_with(["cases.case.view", "legal_aid.case.view"], unit=city["market"], scope="unit"))
    assert Client().get("/api/v1/cases/?docket=legal_aid", **bearer(other)).json()["items"] == []


def test_the_registry_read_is_scoped_carries_the_workload_and_no_phone(apply, head, staff, aid_person, centre, city):
    zheng = aid_person(name="郑律师", phone="13812345678")
    chen = aid_person(name="陈志愿", kind="volunteer", licence_number="")
    s.aid_person_deactivate(by=None, person=chen, expected_version=1)
    case = s.case_grant(case=apply(), by=head, on=dt.date(2025, 3, 5), pledge=True)
    s.case_assign(case=case, by=staff, on=dt.date(2025, 3, 6), person=zheng)
    _k, full = key_for(account_with(VIEW, unit=centre, scope="unit"))
    resp = Client().get("/api/v1/legal-aid/people/", **bearer(full))
    assert resp.status_code == 200
    items = resp.json()["items"]
    assert [(i["name"], i["kind"], i["is_active"], i["open_cases"], i["closed_cases"]) for i in items] == [
        ("郑律师", "lawyer", True, 1, 0),
        ("陈志愿", "volunteer", False, 0, 0),
    ]
    assert items[0]["centre_code"] == "C001A" and "13812345678" not in resp.content.decode()
    assert "phone" not in items[0]
    active = Client().get("/api/v1/legal-aid/people/?active=true&kind=lawyer", **bearer(full)).json()["items"]
    assert [i["id"] for i in active] == [zheng.pk]
    _k2, other = key_for(account_with(VIEW, unit=city["market"], scope="unit"))
    assert Client().get("/api/v1/legal-aid/people/", **bearer(other)).json()["items"] == []
    _k3, none = key_for(account_with(["cases.case.view"], unit=centre, scope="unit"))
    assert Client().get("/api/v1/legal-aid/people/", **bearer(none)).status_code == 404  # as for every API read
