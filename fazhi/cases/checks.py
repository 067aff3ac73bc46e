"""Checks of existing data against the kernel's invariants (listed, never silently changed).

`date_violations()`: every timeline step dated before the case's received date or before the latest earlier step it
follows (`Transition.follows`) — the rule `case_transition_apply` enforces on new steps (issue 9 ¶1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from .models import CaseEvent
from .registry import DOCKETS


@dataclass(frozen=True)
class DateViolation:
    case_id: int
    case_number: str
    docket: str
    step: str  # the step's label on the timeline
    on: dt.date
    before: str  # the label of what it should have followed (收到日期 or an earlier step)
    before_on: dt.date


def date_violations(docket: str | None = None) -> Iterator[DateViolation]:
    """Steps out of order, case by case in timeline order (streamed: fit for a million cases)."""
    qs = CaseEvent.objects.exclude(kind__in=("created", "updated"))
    if docket:
        qs = qs.filter(case__docket=docket)
    rows = qs.order_by("case_id", "id").values_list(
        "case_id", "case__case_number", "case__docket", "case__received_on", "kind", "label", "occurred_on"
    )
    current = None
    seen: dict[str, tuple[dt.date, str]] = {}  # kind → (latest date, label) so far in this case
    for case_id, number, code, received, kind, label, on in rows.iterator(chunk_size=5000):
        if case_id != current:
            current, seen = case_id, {}
        spec = DOCKETS.get(code)
        transition = next((t for t in spec.transitions if t.code == kind), None) if spec else None
        if transition is not None:
            if on < received:
                yield DateViolation(case_id, number, code, label, on, "收到日期", received)
            else:
                prior = max((seen[k] for k in transition.follows if k in seen), default=None)
                if prior is not None and on < prior[0]:
                    yield DateViolation(case_id, number, code, label, on, prior[1], prior[0])
        if kind not in seen or on >= seen[kind][0]:
            seen[kind] = (on, label)
