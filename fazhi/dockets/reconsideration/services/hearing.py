"""Hearing the case (Arts. 48–54): copy to the respondent, the reply, the hearing notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases.models import Case
from fazhi.cases.services import (
    case_transition_apply,
)
from fazhi.core.errors import DomainError

from ._common import (
    INVALID,
    _cn,
    _doc,
    _past,
    _required,
    _simplified,
)


@transaction.atomic
def case_send_copy(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    _past(on)
    case = case_transition_apply(
        case=case,
        code="send_copy",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"copy_sent_on": on.isoformat()},
        detail={"note": note},
    )
    _doc(case, "reply_notice", by, on, 答复期限="五个工作日" if _simplified(case) else "十个工作日")
    return case


@transaction.atomic
def case_record_reply(*, case: Case, by: Any, on: dt.date, summary: str, expected_version: int | None = None) -> Case:
    _past(on)
    _required((summary or "").strip(), "summary", "答复要点")
    case = case_transition_apply(
        case=case,
        code="record_reply",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"reply_received_on": on.isoformat(), "reply_summary": summary},
    )
    return case


def hearing_earliest(notice_on: dt.date) -> dt.date:
    """Art. 51: notice at least five working days before the hearing — the legal calendar says which day that is."""
    from fazhi.deadlines.engine import calendar_default

    return calendar_default().nth_working_day_after(notice_on, 5)


@transaction.atomic
def case_schedule_hearing(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    hearing_on: dt.date,
    place: str,
    matters: str = "",
    expected_version: int | None = None,
) -> Case:
    _past(on, label="通知日期")
    _required(place, "place", "听证地点")
    earliest = hearing_earliest(on)
    if hearing_on < earliest:
        raise DomainError(
            INVALID,
            f"听证日期须在通知之日起至少五个工作日后，最早为{_cn(earliest)}（第五十一条）。",
            field="hearing_on",
        )
    hearings = [
        *case.extra.get("hearings", []),
        {"notice_on": on.isoformat(), "hearing_on": hearing_on.isoformat(), "place": place},
    ]
    case = case_transition_apply(
        case=case,
        code="schedule_hearing",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"hearings": hearings},
        event_label=f"通知听证：{_cn(hearing_on)}在{place}举行",
        detail={"hearing_on": hearing_on.isoformat(), "place": place},
    )
    _doc(case, "hearing_notice", by, on, 听证日期=_cn(hearing_on), 听证地点=place, 听证事项=matters or "本案争议事项")
    return case
