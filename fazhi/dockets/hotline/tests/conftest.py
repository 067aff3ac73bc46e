from __future__ import annotations

import datetime as dt
import itertools

import pytest

from fazhi.cases.services import PartyInput

MON = dt.date(2025, 3, 3)  # a Monday; March 2025 has no holiday
_ids = itertools.count(1)


@pytest.fixture
def centre_user(persona):
    return persona("hotline_centre", "gov")


@pytest.fixture
def unit_user(persona):
    return lambda unit="market": persona("hotline_handler", unit)


@pytest.fixture
def order(city, centre_user):
    """order(**kw) → a work order received at the centre (the city government) on Monday 3 March 2025."""
    from fazhi.dockets.hotline.services import hotline_register

    def make(received: dt.date = MON, **kw):
        args = dict(
            by=centre_user,
            centre=city["gov"],
            source="12345",
            source_id=f"GD{next(_ids):06d}",
            received_on=received,
            type="complaint",
            category="heating",
            content="小区暖气不热",
            caller=PartyInput(role="applicant", name="张三", phone="13812345678"),
            area="东城区",
        )
        args.update(kw)
        return hotline_register(**args)

    return make
