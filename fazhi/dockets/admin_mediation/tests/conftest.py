"""Fixtures: the 市场监督管理局 (the competent department for a consumer dispute) with its mediation staff;
applications with two sides; a case accepted and mediated once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.cases.services import PartyInput

MON = dt.date(2025, 3, 3)


@pytest.fixture
def market(city: dict[str, Any]) -> Any:
    return city["market"]


@pytest.fixture
def mediator(persona: Any, market: Any) -> Any:
    return persona("admin_mediator", "market")


@pytest.fixture
def apply(market: Any, mediator: Any) -> Any:
    from fazhi.dockets.admin_mediation.services import admin_mediation_apply

    def make(received_on: dt.date = MON, **kw: Any) -> Any:
        return admin_mediation_apply(
            by=kw.pop("by", mediator),
            handling_unit=kw.pop("unit", market),
            applicants=[PartyInput(role="applicant", name="钱小明", phone="13812345678")],
            respondents=[PartyInput(role="respondent", name="某电器商场", kind="organisation")],
            dispute_type=kw.pop("dispute_type", "contract"),
            request=kw.pop("request", "购买的冰箱存在质量问题，请求退货"),
            received_on=received_on,
            **kw,
        )

    return make


@pytest.fixture
def mediated(apply: Any, mediator: Any) -> Any:
    """An application accepted Tue 4 Mar 2025 and mediated on Thu 6 Mar."""
    from fazhi.dockets.admin_mediation import services as s

    def make(accepted_on: dt.date = dt.date(2025, 3, 4), session_on: dt.date = dt.date(2025, 3, 6), **kw: Any) -> Any:
        case = s.case_accept(case=apply(**kw), by=mediator, on=accepted_on)
        return s.case_record_session(
            case=case,
            by=mediator,
            on=session_on,
            place="市市场监管局调解室",
            mediators="陈科长、李干事",
            participants="钱小明、商场经理",
        )

    return make


def signed(case: Any) -> list[int]:
    return [p.pk for p in case.parties.all()]


AGREEMENT = {"facts": "冰箱购买七日内出现制冷故障", "content": "商场为钱小明办理退货，退还货款三千元"}


@pytest.fixture
def agreed(mediated: Any, mediator: Any) -> Any:
    from fazhi.dockets.admin_mediation import services as s

    def make(on: dt.date = dt.date(2025, 3, 10), **kw: Any) -> Any:
        case = mediated(**kw)
        return s.case_agree(case=case, by=mediator, on=on, parties_signed=signed(case), **AGREEMENT)

    return make
