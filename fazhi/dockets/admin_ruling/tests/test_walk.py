"""Walk every transition (as tests/test_case_transition_walk.py does for the older dockets): after each step no clock
runs outside the states its ClockSpec names, and a closed case keeps only the remedy windows (after_outcome) running
until a step ends them."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clocks
from fazhi.cases.registry import docket_get

from .conftest import RULING

pytestmark = pytest.mark.django_db
D = dt.date
HEARING = {"form": "hearing", "place": "听证室", "participants": "双方"}
PATHS = [
    [
        ("accept", "handler", {"on": D(2025, 3, 4)}),
        ("send_copy", "handler", {"on": D(2025, 3, 5)}),
        ("record_reply", "handler", {"on": D(2025, 4, 8), "received": False}),
        ("record_hearing", "handler", {"on": D(2025, 4, 10), **HEARING}),
        ("mediate", "handler", {"on": D(2025, 4, 11), "note": "未达成"}),
        ("rule", "head", {"on": D(2025, 5, 6), **RULING}),
        ("record_remedy", "handler", {"on": D(2025, 5, 20), "kind": "litigation", "body": "东城区人民法院"}),
    ],
    [
        ("accept", "handler", {"on": D(2025, 3, 4)}),
        ("send_copy", "handler", {"on": D(2025, 3, 5)}),
        ("record_reply", "handler", {"on": D(2025, 3, 20), "received": True, "summary": "不同意"}),
        ("record_hearing", "handler", {"on": D(2025, 3, 25), **HEARING}),
        ("rule", "head", {"on": D(2025, 4, 1), **RULING}),
        ("record_final", "handler", {"on": D(2025, 11, 1)}),
    ],
    [
        ("accept", "handler", {"on": D(2025, 3, 4)}),
        ("record_hearing", "handler", {"on": D(2025, 3, 10), **HEARING}),
        ("settle", "handler", {"on": D(2025, 3, 12), "content": "以河沟为界", "parties_signed": True}),
    ],
    [("reject", "head", {"on": D(2025, 3, 5), "ground": "not_competent", "reasons": "属林业部门职权"})],
    [("withdraw", "handler", {"on": D(2025, 3, 5), "kind": "withdrawn"})],
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
    assert {step[0] for path in PATHS for step in path} == {t.code for t in docket_get("admin_ruling").transitions}


@pytest.mark.parametrize("index", range(len(PATHS)))
def test_no_clock_runs_after_the_step_that_ends_it(index, apply, handler, head):
    users = {"handler": handler, "head": head}
    spec = docket_get("admin_ruling")
    case = apply()
    assert _stale(case) == []
    for code, actor, kwargs in PATHS[index]:
        case.refresh_from_db()
        spec.transition(code).service_fn()(case=case, by=users[actor], **kwargs)
        case.refresh_from_db()
        assert case.state == (spec.transition(code).target or case.state)
        assert _stale(case) == [], f"after {code}"
    assert spec.state(case.state).closed
    assert all(c.completed_on is not None for c in case_clocks(case))
