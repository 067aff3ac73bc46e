"""API reads: the kernel's case list/detail carry the 信访 fields; the figures through the metric registry equal the
statistics command; a key outside the unit sees nothing."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.dockets.petitions import services as s

pytestmark = pytest.mark.django_db
VIEW = ["cases.case.view", "petitions.case.view", "metrics.definitions.view"]


def test_case_reads_and_a_figure(city, petition, handler):
    case = petition()
    s.case_accept(case=case, by=handler, on=dt.date(2025, 3, 4))
    petition(received=dt.date(2025, 3, 5))  # the same petitioner again: a repeat
    _k, full = key_for(account_with(VIEW, unit=city["justice"]))
    key = bearer(full)
    listing = Client().get("/api/v1/cases/?docket=petitions", **key)
    assert listing.status_code == 200 and len(listing.json()["items"]) == 2
    one = Client().get(f"/api/v1/cases/{case.pk}/", **key).json()
    assert one["docket_data"]["type"] == "claim"
    assert one["docket_data"]["accepted"] == {"on": "2025-03-04", "procedure": "信访程序"}
    figure = Client().get("/api/v1/metrics/petitions.repeat/?year=2025", **key)
    assert figure.status_code == 200 and figure.json()["value"] == 1
    _k2, other = key_for(account_with(VIEW, unit=city["finance"]))
    assert Client().get(f"/api/v1/cases/{case.pk}/", **bearer(other)).status_code == 404
