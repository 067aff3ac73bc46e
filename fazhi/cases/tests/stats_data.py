"""A known data set for the statistics and metric tests: 行政复议 and 行政应诉 cases written straight through the ORM
(every field the figures read, including the awkward ones: open cases, cases closed after the period, hearings not yet
held, hearings not requiring a head, defendants outside the city), generated from a fixed seed so the same rows come
back every run. `stats_dataset(city)` returns the cases it made."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from fazhi.cases.models import Case

RECON_OUTCOMES = (
    "change",
    "revoke",
    "partial_revoke",
    "confirm_illegal",
    "order_performance",
    "confirm_invalid",
    "uphold",
    "dismiss_request",
    "dismiss_application",
    "agreement",
    "mediation",
    "terminated",
    "not_accepted",
    "abandoned",
)
LIT_OUTCOMES = (
    "dismiss_claim",
    "revoke",
    "partial_revoke",
    "confirm_illegal",
    "perform",
    "change",
    "compensation",
    "appeal_dismissed",
    "mediation",
    "withdrawal",
    "dismiss_suit",
    "not_filed",
    "terminated",
)
START = dt.date(2024, 10, 1)
TODAY = dt.date(2026, 12, 1)


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


def _recon(rng: random.Random, seq: int, handling: Any, respondent: Any) -> Case:
    received = _day(rng, START, TODAY)
    accepted = received + dt.timedelta(days=rng.randrange(0, 6))
    closed = received + dt.timedelta(days=rng.randrange(20, 140))
    extra: dict[str, Any] = {
        "accepted_on": accepted.isoformat(),
        "decision_due": (accepted + dt.timedelta(60)).isoformat(),
    }
    if respondent is None:
        extra["respondent_name"] = "外省某局"
    outcome, state = "", "accepted"
    if closed <= TODAY and rng.random() < 0.85:
        outcome = rng.choice(RECON_OUTCOMES)
        state = {"terminated": "terminated", "not_accepted": "not_accepted", "abandoned": "abandoned"}.get(
            outcome, "decided"
        )
        if outcome == "not_accepted":
            extra.pop("accepted_on")
            extra.pop("decision_due")
    else:
        closed = None
    return Case.objects.create(
        docket="reconsideration",
        case_number=f"示复〔{received.year}〕{seq}号",
        number_year=received.year,
        number_seq=seq,
        title=f"不服行政处罚决定 {seq}",
        state=state,
        handling_unit=handling,
        respondent_unit=respondent,
        received_on=received,
        closed_on=closed,
        outcome=outcome,
        extra=extra,
    )


def _lit(rng: random.Random, seq: int, handling: Any, respondent: Any) -> Case:
    received = _day(rng, START, TODAY)
    closed = received + dt.timedelta(days=rng.randrange(30, 200))
    due = received + dt.timedelta(days=15)
    extra: dict[str, Any] = {"defence_due": due.isoformat(), "after_reconsideration": rng.random() < 0.3}
    if respondent is None:
        extra["defendant_name"] = "外省某局"
    submitted = received + dt.timedelta(days=rng.randrange(3, 22))
    if submitted <= TODAY and rng.random() < 0.9:
        extra["defence_submitted_on"] = submitted.isoformat()
    is_closed = closed <= TODAY and rng.random() < 0.8
    last_hearing = closed if is_closed else received + dt.timedelta(days=150)
    hearings = []
    for _ in range(rng.randrange(0, 3)):  # hearings happen before the case is closed
        on = received + dt.timedelta(days=rng.randrange(20, 151))
        if on > last_hearing or any(h["on"] == on.isoformat() for h in hearings):
            continue
        h: dict[str, Any] = {"on": on.isoformat(), "place": "第一法庭", "requires_head": rng.random() < 0.8}
        if on <= TODAY and rng.random() < 0.85:
            h["appearance"] = {"qualifying": rng.random() < 0.6}
        hearings.append(h)
    extra["hearings"] = sorted(hearings, key=lambda h: h["on"])
    outcome, state = "", "defended" if "defence_submitted_on" in extra else "registered"
    if is_closed:
        outcome, state = rng.choice(LIT_OUTCOMES), "closed"
    else:
        closed = None
    return Case.objects.create(
        docket="litigation",
        case_number=f"示应〔{received.year}〕{seq}号",
        number_year=received.year,
        number_seq=seq,
        title=f"诉行政处罚 {seq}",
        state=state,
        handling_unit=handling,
        respondent_unit=respondent,
        received_on=received,
        closed_on=closed,
        outcome=outcome,
        extra=extra,
    )


def stats_dataset(city: dict[str, Any], *, n: int = 90, seed: int = 12, first_seq: int = 1) -> list[Case]:
    """n cases of each docket from 2024-10 to today (2026-12-01), handled by the justice bureau or the district,
    against the market bureau, the finance bureau, the district's market bureau or a unit outside the city."""
    rng = random.Random(seed)
    handlers = [city["justice"], city["justice"], city["district"]]
    respondents = [city["market"], city["finance"], city["district_market"], None]
    made = []
    for i in range(first_seq, first_seq + n):
        made.append(_recon(rng, i, rng.choice(handlers), rng.choice(respondents)))
        made.append(_lit(rng, i, rng.choice(handlers), rng.choice(respondents)))
    return made
