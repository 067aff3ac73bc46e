"""Timeline notes that are not transitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.audit.services import record_event
from fazhi.cases.models import Case
from fazhi.cases.services import (
    case_event_add,
)


def case_note(*, case: Case, by: Any, on: dt.date, label: str, public: bool = False) -> None:
    """A timeline line that is not a transition (e.g. a phone call with the applicant)."""
    case_event_add(case=case, kind="note", label=label, on=on, by=by, public=public)
    record_event(actor=by, action="reconsideration.case.note", obj=case, unit=case.handling_unit)
