from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput

VALID_ID = "11010519491231002X"
MON = dt.date(2025, 3, 3)  # a Monday


@pytest.fixture
def handler(persona):
    return persona("reconsideration_handler", "justice")


@pytest.fixture
def head(persona):
    return persona("reconsideration_head", "justice")


@pytest.fixture
def application(city, handler):
    from fazhi.dockets.reconsideration.services import reconsideration_intake

    def make(**kw):
        args = dict(
            by=handler,
            handling_unit=city["justice"],
            received_on=MON,
            channel="in_person",
            applicant=PartyInput(
                role=PartyRole.APPLICANT,
                name="张三",
                id_number=VALID_ID,
                phone="13812345678",
                address="示范市人民路1号",
            ),
            act="行政处罚决定（示市监罚〔2025〕8号）",
            request="撤销该处罚决定",
            respondent_unit=city["market"],
        )
        args.update(kw)
        return reconsideration_intake(**args)

    return make


@pytest.fixture
def accepted(application, handler):
    from fazhi.dockets.reconsideration.services import case_accept

    def make(procedure="ordinary", **kw):
        case = application(**kw)
        conds = ["clear_facts", "clear_rights", "minor_dispute", "small_amount"] if procedure == "simplified" else []
        return case_accept(
            case=case, by=handler, on=MON + dt.timedelta(days=2), procedure=procedure, simplified_conditions=conds
        )

    return make
