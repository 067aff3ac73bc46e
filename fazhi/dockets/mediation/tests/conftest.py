"""Fixtures: a district's town (街道) with two village committees under it and one in another town; a committee for
each; a mediator per committee; personas: a mediator of the first village, the town's 司法所, the 司法局's section."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput

MON = dt.date(2025, 3, 3)  # a Monday


@pytest.fixture
def towns(city: dict[str, Any]) -> dict[str, Any]:
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    d = city["district"]
    town = UnitFactory(code="D1T1", name="示范市东城区东华街道办事处", parent=d, level=UnitLevel.TOWN)
    other_town = UnitFactory(code="D1T2", name="示范市东城区文昌街道办事处", parent=d, level=UnitLevel.TOWN)
    kw = {"kind": UnitKind.VILLAGE, "level": UnitLevel.VILLAGE}
    city["town"] = town
    city["other_town"] = other_town
    city["village"] = UnitFactory(code="D1T1V1", name="示范市东城区东华社区居民委员会", parent=town, **kw)
    city["village2"] = UnitFactory(code="D1T1V2", name="示范市东城区东兴社区居民委员会", parent=town, **kw)
    city["other_village"] = UnitFactory(code="D1T2V1", name="示范市东城区文昌社区居民委员会", parent=other_town, **kw)
    return city


@pytest.fixture
def committees(towns: dict[str, Any]) -> dict[str, Any]:
    from fazhi.dockets.mediation.services import committee_create, mediator_add

    out = {}
    for key, unit, name in (
        ("village", "village", "东华社区人民调解委员会"),
        ("village2", "village2", "东兴社区人民调解委员会"),
        ("other", "other_village", "文昌社区人民调解委员会"),
        ("town", "town", "东华街道人民调解委员会"),
    ):
        c = committee_create(by=None, unit=towns[unit], name=name, kind="town" if key == "town" else "village")
        mediator_add(by=None, committee=c, name=f"{name[:2]}调解员甲", kind="part_time", phone="13900000001")
        mediator_add(by=None, committee=c, name=f"{name[:2]}调解员乙", kind="full_time")
        out[key] = c
    return out


@pytest.fixture
def mediator_user(persona: Any, committees: Any) -> Any:
    return persona("mediator", "village")


@pytest.fixture
def register(committees: dict[str, Any], mediator_user: Any) -> Any:
    from fazhi.dockets.mediation.services import mediation_register

    def make(committee: str = "village", received_on: dt.date = MON, **kw: Any) -> Any:
        args: dict[str, Any] = {
            "by": mediator_user,
            "committee": committees[committee],
            "source": "hotline",
            "dispute_type": "neighbour",
            "applicants": [PartyInput(role=PartyRole.APPLICANT, name="张三", phone="13812345678")],
            "respondents": [PartyInput(role=PartyRole.RESPONDENT, name="李四")],
            "account": "楼上漏水致楼下受损",
            "received_on": received_on,
            **kw,
        }
        return mediation_register(**args)

    return make


def mediator_ids(case: Any) -> list[int]:
    from fazhi.dockets.mediation.models import Mediator

    return list(Mediator.objects.filter(committee_id=case.extra["committee_id"]).values_list("pk", flat=True))


def party_ids(case: Any) -> list[int]:
    return [p.pk for p in case.parties.all()]


AGREEMENT = {
    "form": "written",
    "facts": "楼上漏水致楼下天花板受损",
    "content": "李四赔偿张三修缮费2000元",
    "performance": "十日内一次付清",
    "mediator_signed": True,
    "committee_sealed": True,
}
