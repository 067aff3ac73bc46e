"""Fixtures: the 自然资源和规划局 (the department with the statutory power over 土地权属争议) with its handler and
head; applications with two sides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.cases.services import PartyInput

MON = dt.date(2025, 3, 3)


@pytest.fixture
def land(city: dict[str, Any]) -> Any:
    from fazhi.orgs.tests.factories import UnitFactory

    city["land"] = UnitFactory(
        code="C011", name="示范市自然资源和规划局", short_name="市自然资源局", parent=city["gov"]
    )
    return city["land"]


@pytest.fixture
def handler(persona: Any, land: Any) -> Any:
    return persona("admin_ruling_handler", "land")


@pytest.fixture
def head(persona: Any, land: Any) -> Any:
    return persona("admin_ruling_head", "land")


@pytest.fixture
def apply(land: Any, handler: Any) -> Any:
    from fazhi.dockets.admin_ruling.services import admin_ruling_apply

    def make(received_on: dt.date = MON, **kw: Any) -> Any:
        return admin_ruling_apply(
            by=kw.pop("by", handler),
            handling_unit=kw.pop("unit", land),
            applicants=[PartyInput(role="applicant", name="东华村民委员会", phone="13812345678")],
            respondents=[PartyInput(role="respondent", name="西岭村民委员会")],
            matter=kw.pop("matter", "land"),
            request=kw.pop("request", "请求确认村北十五亩集体土地的所有权"),
            received_on=received_on,
            **kw,
        )

    return make


@pytest.fixture
def heard(apply: Any, handler: Any) -> Any:
    """An application accepted Tue 4 Mar 2025, the copy served Wed 5 Mar, the reply on 20 Mar, heard on 25 Mar."""
    from fazhi.dockets.admin_ruling import services as s

    def make(**kw: Any) -> Any:
        case = s.case_accept(case=apply(**kw), by=handler, on=dt.date(2025, 3, 4))
        case = s.case_send_copy(case=case, by=handler, on=dt.date(2025, 3, 5))
        case = s.case_record_reply(
            case=case, by=handler, on=dt.date(2025, 3, 20), received=True, summary="一直由我村使用"
        )
        return s.case_record_hearing(
            case=case,
            by=handler,
            on=dt.date(2025, 3, 25),
            form="hearing",
            place="第一听证室",
            participants="双方村委会主任",
            applicant_heard=True,
            respondent_heard=True,
        )

    return make


RULING = {
    "facts": "争议地块自1982年起由申请人耕种",
    "reasons": "申请人证据充分",
    "decision_text": "争议地块归申请人所有",
}
