"""The demo step: dated from today, idempotent, every request in a table row."""

from __future__ import annotations

import pytest

from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.dockets.disclosure.demo import demo_disclosure_requests
from fazhi.dockets.disclosure.stats import annual_table
from fazhi.metrics.periods import Period

pytestmark = pytest.mark.django_db


def test_demo_requests_are_idempotent_and_counted(city):
    city["justice"].name = "示范市司法局"
    demo_disclosure_requests(lambda _m: None)
    demo_disclosure_requests(lambda _m: None)
    cases = Case.objects.filter(docket="disclosure")
    assert cases.count() == 10
    assert {c.state for c in cases} == {"received", "correction", "consulting", "replied", "routed", "closed"}
    assert all(c.received_on <= today_local() for c in cases)
    table = annual_table(period=Period(today_local().year))
    assert table["check"]["ok"] is True
    assert table["rows"]["carried_in"][-1] == 1
    assert table["rows"]["partial"][-1] == 1
    assert table["rows"]["not_processed.1"][-1] == 1
    assert table["rows"]["other.3"][-1] == 1
    assert table["rows"]["new"][-1] + 1 == table["rows"]["total"][-1] + table["rows"]["carried_out"][-1]
