"""Fixtures: the 法律援助中心 (a unit under the justice bureau) with its staff and head; the bureau's supervisor; the
centre's registered people (`aid_person`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.cases.services import PartyInput

MON = dt.date(2025, 3, 3)


@pytest.fixture
def centre(city: dict[str, Any]) -> Any:
    from fazhi.orgs.tests.factories import UnitFactory

    city["centre"] = UnitFactory(code="C001A", name="示范市法律援助中心", parent=city["justice"])
    return city["centre"]


@pytest.fixture
def staff(persona: Any, centre: Any) -> Any:
    return persona("legal_aid_staff", "centre")


@pytest.fixture
def head(persona: Any, centre: Any) -> Any:
    return persona("legal_aid_head", "centre")


@pytest.fixture
def apply(centre: Any, staff: Any) -> Any:
    from fazhi.dockets.legal_aid.services import legal_aid_apply

    def make(received_on: dt.date = MON, **kw: Any) -> Any:
        return legal_aid_apply(
            by=staff,
            handling_unit=centre,
            applicant=PartyInput(role="applicant", name="王五", phone="13812345678"),
            matter=kw.pop("matter", "civil"),
            request=kw.pop("request", "追索劳动报酬"),
            received_on=received_on,
            **kw,
        )

    return make


@pytest.fixture
def aid_person(centre: Any) -> Any:
    """A person of the centre's registry (by the system); keywords override the defaults."""
    from fazhi.dockets.legal_aid.services import aid_person_create

    counter = iter(range(1, 1000))

    def make(**kw: Any) -> Any:
        n = next(counter)
        values = {
            "centre": centre,
            "kind": "lawyer",
            "name": f"郑律师{n}",
            "licence_number": f"1370120201012{n:04d}",
            "organisation": "示范市某某律师事务所",
            **kw,
        }
        return aid_person_create(by=None, **values)

    return make


@pytest.fixture
def district_centre(city: dict[str, Any]) -> Any:
    """Another 法律援助机构: the district's, with a registry of its own."""
    from fazhi.orgs.tests.factories import UnitFactory

    city["district_centre"] = UnitFactory(code="D1LA", name="示范市东城区法律援助中心", parent=city["district"])
    return city["district_centre"]
