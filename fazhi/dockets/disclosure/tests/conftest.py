from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.services import PartyInput

VALID_ID = "11010519491231002X"
MON = dt.date(2025, 3, 3)  # a Monday; March 2025 has no holiday, 4 April 2025 (Fri) is 清明节


@pytest.fixture
def handler(persona):
    return persona("disclosure_handler", "justice")


@pytest.fixture
def head(persona):
    return persona("disclosure_head", "justice")


@pytest.fixture
def request_(city, handler):
    """request_(**kw) → a request received in person on `received` (default Monday 3 March 2025)."""
    from fazhi.dockets.disclosure.services import disclosure_register

    def make(received: dt.date = MON, name: str = "张三", id_number: str = VALID_ID, **kw):
        args = dict(
            by=handler,
            handling_unit=city["justice"],
            applicant_type="natural_person",
            applicant=PartyInput(role="applicant", name=name, id_number=id_number, phone="13812345678"),
            content="2024年本机关行政处罚案件统计表",
            channel="in_person",
            submitted_on=received,
        )
        args.update(kw)
        return disclosure_register(**args)

    return make
