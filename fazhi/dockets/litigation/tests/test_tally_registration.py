"""The registration writes the defence due date after the case is created; the metric registry's kept counts must see
that write (issue 12: a queryset update sends no signal, so the counts could drift from a full recount)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.dockets.litigation.metrics import SOURCE
from fazhi.metrics.tallies import tally_recount, tally_stored

from .conftest import SERVED

pytestmark = pytest.mark.django_db


def test_a_case_registered_with_its_defence_already_filed_counts_the_defence_once(lawsuit):
    case = lawsuit(extra={"defence_submitted_on": (SERVED + dt.timedelta(days=3)).isoformat()})
    assert case.extra["defence_due"] == "2025-03-18"
    defence = {(c[1], c[4]): n for c, n in tally_stored(SOURCE).items() if c[0] == "litigation.defence"}
    assert defence == {(dt.date(2025, 3, 6), "on_time"): 1}
    assert tally_stored(SOURCE) == tally_recount(SOURCE)
