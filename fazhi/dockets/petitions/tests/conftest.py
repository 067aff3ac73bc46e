from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.services import PartyInput

VALID_ID = "11010519491231002X"
OTHER_ID = "110101199003072316"
MON = dt.date(2025, 3, 3)  # a Monday; March 2025 has no holiday; 清明 rest 4/4–4/6; 劳动节 rest 5/1–5/5


@pytest.fixture
def handler(persona):
    return persona("petition_handler", "justice")


@pytest.fixture
def head(persona):
    return persona("petition_head", "justice")


@pytest.fixture
def petition(city, handler):
    """petition(**kw) → a 申诉求决 matter received by the body with power on `received` (default Mon 3 March 2025)."""
    from fazhi.dockets.petitions.services import petition_register

    def make(received: dt.date = MON, name: str = "张三", id_number: str = VALID_ID, phone: str = "13812345678", **kw):
        args = dict(
            by=handler,
            handling_unit=city["justice"],
            type="claim",
            petitioner=PartyInput(role="applicant", name=name, id_number=id_number, phone=phone),
            content="要求落实拆迁安置补偿",
            channel="in_person",
            received_on=received,
            object_unit=city["market"],
        )
        args.update(kw)
        return petition_register(**args)

    return make
