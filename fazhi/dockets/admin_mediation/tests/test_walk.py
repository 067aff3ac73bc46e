"""Walk every transition (as tests/test_case_transition_walk.py does for the older dockets): after each step no clock
runs outside the states its ClockSpec names, and a closed case keeps none running."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clocks
from fazhi.cases.registry import docket_get

from .conftest import AGREEMENT

pytestmark = pytest.mark.django_db
D = dt.date
SESSION = {"place": "调解室", "mediators": "陈科长", "participants": "双方"}
SIGNED = object()  # replaced by the case's party ids
PATHS = [
    [
        ("accept", {"on": D(2025, 3, 4)}),
        ("record_session", {"on": D(2025, 3, 6), **SESSION}),
        ("agree", {"on": D(2025, 3, 10), "parties_signed": SIGNED, **AGREEMENT}),
        ("apply_confirmation", {"on": D(2025, 3, 12), "court": "东城区人民法院"}),
        ("record_confirmation", {"on": D(2025, 3, 20), "result": "valid"}),
        ("follow_up", {"on": D(2025, 3, 25), "performance": "performed"}),
        ("close", {"on": D(2025, 3, 26)}),
    ],
    [
        ("accept", {"on": D(2025, 3, 4)}),
        ("record_session", {"on": D(2025, 3, 6), **SESSION}),
        ("agree", {"on": D(2025, 3, 10), "parties_signed": SIGNED, **AGREEMENT}),
        ("follow_up", {"on": D(2025, 4, 20), "performance": "none"}),
        ("close", {"on": D(2025, 4, 21)}),
    ],
    [
        ("accept", {"on": D(2025, 3, 4)}),
        ("record_session", {"on": D(2025, 3, 6), **SESSION}),
        ("terminate", {"on": D(2025, 3, 12), "ground": "failed", "reason": "分歧大", "routes": ["admin_ruling"]}),
    ],
    [("reject", {"on": D(2025, 3, 5), "ground": "not_competent", "reasons": "属商务局职责"})],
]


def _stale(case):
    spec = docket_get(case.docket)
    closed = spec.state(case.state).closed
    out = []
    for clock in case_clocks(case):
        if clock.completed_on is not None:
            continue
        c = spec.clock(clock.key)
        if (closed and not c.after_outcome) or (c.runs_in and case.state not in c.runs_in):
            out.append(c.key)
    return out


def test_the_paths_take_every_transition():
    assert {step[0] for path in PATHS for step in path} == {t.code for t in docket_get("admin_mediation").transitions}


@pytest.mark.parametrize("index", range(len(PATHS)))
def test_no_clock_runs_after_the_step_that_ends_it(index, apply, mediator):
    spec = docket_get("admin_mediation")
    case = apply()
    assert _stale(case) == []
    for code, kwargs in PATHS[index]:
        case.refresh_from_db()
        kw = {k: ([p.pk for p in case.parties.all()] if v is SIGNED else v) for k, v in kwargs.items()}
        spec.transition(code).service_fn()(case=case, by=mediator, **kw)
        case.refresh_from_db()
        assert case.state == (spec.transition(code).target or case.state)
        assert _stale(case) == [], f"after {code}"
    assert spec.state(case.state).closed
    assert all(c.completed_on is not None for c in case_clocks(case))
