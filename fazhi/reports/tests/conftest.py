"""Fixtures of the annual report tests: the office, and 行政复议 cases decided (closed, 纠错) on a known day."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput
from fazhi.dockets.reconsideration import services as rs

MON = dt.date(2025, 3, 3)  # a Monday
D = dt.timedelta
DECISION = {
    "outcome": "revoke",
    "facts": "处罚决定认定事实不清",
    "reasons": "证据不足",
    "decision_text": "撤销该处罚决定",
}


@pytest.fixture
def office(persona):
    return persona("office_head", "justice")


@pytest.fixture
def case(city, persona):
    handler, head = persona("reconsideration_handler", "justice"), persona("reconsideration_head", "justice")

    def make(decide: bool, on: dt.date = MON):
        c = rs.reconsideration_intake(
            by=handler,
            handling_unit=city["justice"],
            received_on=on,
            channel="in_person",
            applicant=PartyInput(role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X"),
            act="行政处罚决定（示市监罚〔2025〕8号）",
            request="撤销该处罚决定",
            respondent_unit=city["market"],
        )
        if decide:
            c = rs.case_accept(case=c, by=handler, on=on + D(2), procedure="ordinary", simplified_conditions=[])
            c = rs.case_draft_decision(case=c, by=handler, on=on + D(10), **DECISION)
            c = rs.case_approve_decision(case=c, by=head, on=on + D(10))
        return c

    return make
