"""Statistics on a small known set (exact numbers)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.dockets.reconsideration.stats import compute_statistics

D = dt.date
ROWS = [
    # received 2025, decided 2025: revoke (on time), uphold (late), change (on time)
    {
        "received_on": D(2025, 1, 6),
        "accepted_on": "2025-01-08",
        "closed_on": D(2025, 3, 1),
        "state": "decided",
        "outcome": "revoke",
        "decision_due": "2025-03-09",
    },
    {
        "received_on": D(2025, 2, 3),
        "accepted_on": "2025-02-05",
        "closed_on": D(2025, 4, 20),
        "state": "decided",
        "outcome": "uphold",
        "decision_due": "2025-04-07",
    },
    {
        "received_on": D(2025, 3, 3),
        "accepted_on": "2025-03-05",
        "closed_on": D(2025, 4, 1),
        "state": "decided",
        "outcome": "change",
        "decision_due": "2025-05-04",
    },
    # not accepted 2025
    {
        "received_on": D(2025, 4, 1),
        "accepted_on": None,
        "closed_on": D(2025, 4, 3),
        "state": "rejected",
        "outcome": "not_accepted",
        "decision_due": None,
    },
    # terminated 2025, on time
    {
        "received_on": D(2025, 5, 5),
        "accepted_on": "2025-05-06",
        "closed_on": D(2025, 6, 1),
        "state": "terminated",
        "outcome": "terminated",
        "decision_due": "2025-07-05",
    },
    # received 2024, decided 2025: dismiss_request
    {
        "received_on": D(2024, 12, 2),
        "accepted_on": "2024-12-04",
        "closed_on": D(2025, 1, 20),
        "state": "decided",
        "outcome": "dismiss_request",
        "decision_due": "2025-02-02",
    },
    # received 2025, still open
    {
        "received_on": D(2025, 12, 1),
        "accepted_on": "2025-12-03",
        "closed_on": None,
        "state": "accepted",
        "outcome": "",
        "decision_due": None,
    },
]


def test_figures_for_a_known_set():
    f = compute_statistics(ROWS, year=2025)
    assert (f["received"], f["accepted"], f["closed"], f["closed_by_decision"]) == (6, 5, 6, 4)
    counts = {o["code"]: o["count"] for o in f["outcomes"] if o["count"]}
    assert counts == {"revoke": 1, "uphold": 1, "change": 1, "not_accepted": 1, "terminated": 1, "dismiss_request": 1}
    assert (f["corrected"], f["correction_rate"]) == (2, 50.0)
    assert (f["on_time"], f["on_time_base"], f["on_time_rate"]) == (4, 5, 80.0)


def test_correction_rate_formula_is_configurable():
    f = compute_statistics(ROWS, year=2025, formula={"numerator": ["revoke"], "denominator": ["revoke", "uphold"]})
    assert (f["corrected"], f["closed_by_decision"], f["correction_rate"]) == (1, 2, 50.0)


def test_no_cases_gives_no_rate():
    f = compute_statistics([], year=2025)
    assert (f["received"], f["correction_rate"], f["on_time_rate"]) == (0, None, None)


@pytest.mark.django_db
def test_statistics_from_the_database_follow_the_services(accepted, handler, head):
    from fazhi.dockets.reconsideration import services as s
    from fazhi.dockets.reconsideration.stats import reconsideration_statistics

    from .conftest import MON

    case = accepted()
    s.case_draft_decision(
        case=case,
        by=handler,
        on=MON + dt.timedelta(days=20),
        outcome="confirm_illegal",
        facts="a",
        reasons="b",
        decision_text="c",
    )
    s.case_approve_decision(case=case, by=head, on=MON + dt.timedelta(days=20))
    f = reconsideration_statistics(year=2025, unit_code="C002")
    assert (f["received"], f["accepted"], f["closed"], f["corrected"], f["correction_rate"], f["on_time_rate"]) == (
        1,
        1,
        1,
        1,
        100.0,
        100.0,
    )
    assert reconsideration_statistics(year=2025, unit_code="C003")["received"] == 0


def test_a_quarter_counts_only_what_happened_inside_it():
    from fazhi.cases.periods import Period

    f = compute_statistics(ROWS, year=Period(2025, "Q2"))
    # received Apr–Jun: 4-01, 5-05; accepted: 5-06; closed: uphold 4-20, change 4-01, not accepted 4-03, terminated 6-01
    assert (f["period"], f["received"], f["accepted"], f["closed"], f["closed_by_decision"]) == ("Q2", 2, 1, 4, 2)
    assert (f["corrected"], f["correction_rate"]) == (1, 50.0)
    # decided/terminated with a due date: uphold (late), change (on time), terminated (on time)
    assert (f["on_time"], f["on_time_base"], f["on_time_rate"]) == (2, 3, 66.67)
    assert compute_statistics(ROWS, year=Period(2025, "M01"))["closed"] == 1  # dismiss_request, 20 January
