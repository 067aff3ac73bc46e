"""Fixtures: a district's town (街道) with a village under it and another town; the registering units' personas:
the town's 司法所, a village's 人民调解员, the other town's 司法所, the 司法局's 人民调解 section."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.cases.services import PartyInput

ON = dt.date(2026, 3, 2)  # a Monday


@pytest.fixture
def towns(city: dict[str, Any]) -> dict[str, Any]:
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    d = city["district"]
    city["town"] = UnitFactory(code="D1T1", name="示范市东城区东华街道办事处", parent=d, level=UnitLevel.TOWN)
    city["other_town"] = UnitFactory(code="D1T2", name="示范市东城区文昌街道办事处", parent=d, level=UnitLevel.TOWN)
    kw = {"kind": UnitKind.VILLAGE, "level": UnitLevel.VILLAGE}
    city["village"] = UnitFactory(code="D1T1V1", name="示范市东城区东华社区居民委员会", parent=city["town"], **kw)
    city["village2"] = UnitFactory(code="D1T1V2", name="示范市东城区东兴社区居民委员会", parent=city["town"], **kw)
    city["aid_centre"] = UnitFactory(code="C009", name="示范市法律援助中心", parent=city["justice"])
    return city


def applicant(name: str = "王小明", **kw: Any) -> PartyInput:
    return PartyInput(role="applicant", name=name, **kw)


@pytest.fixture
def register(towns: dict[str, Any]) -> Any:
    from fazhi.dockets.intake.services import intake_register

    def make(unit: str = "town", **kw: Any) -> Any:
        args: dict[str, Any] = {
            "by": None,
            "handling_unit": towns[unit],
            "channel": "window",
            "dispute_type": "neighbour",
            "applicants": [applicant(phone="13812345678", id_number="110101199003078515")],
            "respondents": [PartyInput(role="respondent", name="赵大海")],
            "account": "邻居加盖二层遮挡采光，多次协商未果",
            "received_on": ON,
        }
        args.update(kw)
        return intake_register(**args)

    return make
