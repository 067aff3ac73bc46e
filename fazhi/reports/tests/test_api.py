"""The read API: reports in the caller's scope, a report's figures live and as frozen."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.reports import services as s

pytestmark = pytest.mark.django_db


def test_the_api_lists_reports_in_scope_and_gives_the_frozen_figures(persona, city, case):
    office = persona("office_head")
    case(decide=True)
    gov = s.report_create(by=office, year=2025)
    unit_report = s.report_create(by=office, year=2025, unit=city["market"])
    for sec in gov.sections.all():
        text = "结案{{reconsideration.closed}}。" if sec.part == "measures" else "略。"
        s.section_save(by=office, section=sec, heading=sec.heading, text=text, expected_version=sec.version)
    s.report_freeze(by=office, report=gov)
    case(decide=True)
    c = Client()
    all_key = bearer(key_for(account_with(["reports.view"], unit=city["justice"], scope="all"))[1])
    unit_key = bearer(key_for(account_with(["reports.view"], unit=city["market"], scope="unit"))[1])
    items = c.get("/api/v1/reports/", **all_key).json()["items"]
    assert [(x["id"], x["unit_code"], x["versions"]) for x in items] == [
        (unit_report.pk, "C002", []),
        (gov.pk, "", [1]),
    ]
    assert [x["id"] for x in c.get("/api/v1/reports/", **unit_key).json()["items"]] == [unit_report.pk]
    assert c.get(f"/api/v1/reports/{gov.pk}/figures/", **unit_key).status_code == 404
    frozen = c.get(f"/api/v1/reports/{gov.pk}/figures/?version=1", **all_key).json()
    live = c.get(f"/api/v1/reports/{gov.pk}/figures/", **all_key).json()
    assert [(f["key"], f["value"], f["records"]) for f in frozen["figures"]] == [("reconsideration.closed", 1, 1)]
    # live figures count what the caller may see (a key with reports.view only sees no 行政复议 case); the frozen
    # version is the document as approved, the same for every reader
    assert [(f["key"], f["value"], f["records"]) for f in live["figures"]] == [("reconsideration.closed", 0, 0)]
    assert c.get(f"/api/v1/reports/{gov.pk}/figures/?version=9", **all_key).status_code == 404
