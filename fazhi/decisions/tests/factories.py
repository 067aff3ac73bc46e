"""Helpers for tests here and elsewhere: a decision walked through its procedure with real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.decisions.models import Decision, Step
from fazhi.decisions.services import (
    decision_launch,
    decision_start,
    legality_complete,
    legality_submit,
    meeting_record,
    step_record,
)

D = dt.date
LAUNCHED = D(2026, 10, 9)
SUBMITTED = D(2026, 11, 2)  # Monday: the 7th working day after it is Wednesday 11 November (Art. 26)
REVIEWED = D(2026, 11, 11)
MET = D(2026, 11, 12)
ATTENDEES = ["王市长", "李副市长", "赵秘书长"]


def decision_launched(city: dict[str, Any], by: Any, *, required: list[str] | None = None) -> Decision:
    d = decision_launch(
        by=by,
        launched_on=LAUNCHED,
        title="示范市停车收费标准调整",
        lead_unit=city["market"],
        government=city["gov"],
        required=required or [],
    )
    return decision_start(decision=d, by=by)


def steps_done(d: Decision, by: Any, kinds: list[str]) -> None:
    extra = {
        "expert": {"people": ["张教授"], "assessor": "示范大学"},
        "risk": {"risk_level": "low", "assessor": "市社科院"},
    }
    for k in kinds:
        step_record(
            decision=d,
            kind=k,
            by=by,
            started_on=D(2026, 10, 12),
            completed_on=D(2026, 10, 20),
            summary=f"{k}已完成",
            **extra.get(k, {}),
        )


def legality_done(d: Decision, by: Any, *, opinion: str = Step.Opinion.LAWFUL, on: dt.date = REVIEWED) -> Step:
    legality_submit(decision=d, by=by, on=SUBMITTED, reviewer="示范市司法局")
    return legality_complete(decision=d, by=by, on=on, opinion=opinion, summary="审查意见")


def meeting(d: Decision, by: Any, **kw: Any) -> Any:
    args = {
        "held_on": MET,
        "attendees": ATTENDEES,
        "speakers": ["李副市长", "赵秘书长", "王市长"],
        "head": "王市长",
        "majority": "adopted",
        "result": "adopted",
        "decision_text": "同意",
    }
    return meeting_record(decision=d, by=by, **{**args, **kw})
