from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput

VALID_ID = "11010519491231002X"
SERVED = dt.date(2025, 3, 3)  # a Monday; the 15-day defence period ends Tuesday 18 March 2025


@pytest.fixture
def handler(persona):
    return persona("reconsideration_handler", "justice")


@pytest.fixture
def head(persona):
    return persona("reconsideration_head", "justice")


@pytest.fixture
def lawsuit(city, handler):
    from fazhi.dockets.litigation.services import litigation_register

    counter = {"n": 0}

    def make(**kw):
        counter["n"] += 1
        args = dict(
            by=handler,
            handling_unit=city["justice"],
            court="示范市东城区人民法院",
            court_case_number=f"（2025）示0101行初{counter['n']}号",
            plaintiff=PartyInput(role=PartyRole.APPLICANT, name="张三", id_number=VALID_ID, phone="13812345678"),
            cause="不服行政处罚决定",
            instance="first",
            served_on=SERVED,
            defendant_unit=city["market"],
        )
        args.update(kw)
        return litigation_register(**args)

    return make


@pytest.fixture
def heard(lawsuit, handler):
    """A defended case with one hearing on 10 April 2025 (appearance not yet recorded)."""
    from fazhi.dockets.litigation import services as s

    def make(**kw):
        case = lawsuit(**kw)
        s.case_submit_defence(case=case, by=handler, on=SERVED + dt.timedelta(days=10))
        return s.case_schedule_hearing(case=case, by=handler, hearing_on=dt.date(2025, 4, 10), place="第三法庭")

    return make
