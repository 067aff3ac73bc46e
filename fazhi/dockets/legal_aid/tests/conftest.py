"""Fixtures: the 法律援助中心 (a unit under the justice bureau) with its staff and head; the bureau's supervisor."""

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
