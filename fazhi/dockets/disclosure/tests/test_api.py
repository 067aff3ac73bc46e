"""API reads: the kernel's case list/detail carry the docket's fields; the annual table endpoint equals the command."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.dockets.disclosure import services as s
from fazhi.dockets.disclosure.stats import annual_table
from fazhi.metrics.periods import Period

pytestmark = pytest.mark.django_db
VIEW = ["cases.case.view", "disclosure.case.view"]


def test_case_reads_and_the_annual_table(city, request_, handler):
    case = request_()
    s.case_reply(case=case, by=handler, on=dt.date(2025, 3, 20), reply_type="partial", content="公开一部分")
    request_(received=dt.date(2025, 3, 4), name="李四", applicant_type="commercial")
    _k, full = key_for(account_with(VIEW, unit=city["justice"]))
    key = bearer(full)
    listing = Client().get("/api/v1/cases/?docket=disclosure", **key)
    assert listing.status_code == 200
    assert len(listing.json()["items"]) == 2
    one = Client().get(f"/api/v1/cases/{case.pk}/", **key).json()
    assert one["docket_data"]["applicant_type"] == "natural_person"
    assert one["docket_data"]["reply"]["row"] == "partial"
    resp = Client().get("/api/v1/disclosure/annual-table/?year=2025", **key)
    assert resp.status_code == 200
    assert resp.json()["annual_table"]["rows"] == annual_table(period=Period(2025))["rows"]
    assert resp.json()["annual_table"]["rows"]["partial"] == [1, 0, 0, 0, 0, 0, 1]
    assert Client().get("/api/v1/disclosure/annual-table/?year=2025&unit=NOPE", **key).status_code == 400
    _k2, other = key_for(account_with(["cases.case.view"], unit=city["justice"]))
    assert Client().get("/api/v1/disclosure/annual-table/?year=2025", **bearer(other)).status_code == 404
