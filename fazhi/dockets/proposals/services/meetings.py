"""会办/面商: the 主办 unit records a meeting on an item with the units handling it and, often, its proposer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.cases.models import Case
from fazhi.cases.policies import CasePolicy
from fazhi.cases.services import case_event_add
from fazhi.core.errors import DomainError

from ..guards import round_of
from ..models import ANSWERING, Assignment, Contact, ContactForm, Meeting, MeetingKind
from ._common import INVALID, cn, not_before_assignment, past, required


@transaction.atomic
def meeting_record(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    kind: str,
    place: str,
    units: Sequence[Any],
    proposers: Sequence[Any] = (),
    attendees: str = "",
    minutes: str,
) -> Meeting:
    """Whoever may take the item's 沟通 step (the 主办 unit) records it. Only units the item was handed to take part;
    a 面商 needs the proposer. When a proposer attended, every answering unit present (主办, 分办) has contacted them
    — 代表法 Art. 51 (答复前须与代表沟通) — and its contact is recorded for the current round; the 主办 unit's
    through its 沟通 step, so its state and timeline show it."""
    from fazhi.dockets.proposals.spec import SPEC

    if by is not None and not CasePolicy.can_transition(by, case, SPEC.transition("contact")):
        raise PermissionDenied
    if kind not in MeetingKind.values:
        raise DomainError(INVALID, "请选择形式（会办或面商）。", field="kind")
    past(on, "on", "日期")
    not_before_assignment(case, on, "on", "日期")
    place = required(place, "place", "地点").strip()
    minutes = required(minutes, "minutes", "会议纪要").strip()
    shares = {a.unit_id: a for a in Assignment.objects.filter(case=case, active=True).select_related("unit")}
    units = list(dict.fromkeys(units))
    if not units:
        raise DomainError(INVALID, "请选择参加单位。", field="units")
    strangers = [u.name for u in units if u.pk not in shares]
    if strangers:
        raise DomainError(INVALID, f"参加单位：{'、'.join(strangers)}不是本件的承办单位。", field="units")
    item_proposers = set(case.proposal.proposers.values_list("proposer_id", flat=True))
    proposers = list(dict.fromkeys(proposers))
    if any(p.pk not in item_proposers for p in proposers):
        raise DomainError(INVALID, "参加的代表/委员：只能选择本件的提出人。", field="proposers")
    if kind == MeetingKind.FACE and not proposers:
        raise DomainError(INVALID, "面商须有代表/委员参加：请选择参加的代表/委员。", field="proposers")
    rnd = round_of(case)
    meeting = Meeting.objects.create(
        case=case, kind=kind, on=on, place=place, attendees=(attendees or "").strip(), minutes=minutes, round=rnd, by=by
    )
    meeting.units.set(units)
    meeting.proposers.set(proposers)
    label = f"{MeetingKind(kind).label}（{'、'.join(u.short_name or u.name for u in units)}）"
    case_event_add(case=case, kind="meeting", label=label, on=on, by=by)
    record_event(
        actor=by,
        action="proposals.meeting.record",
        obj=case,
        summary={"kind": kind, "on": cn(on), "units": [u.name for u in units], "proposers": len(proposers)},
        unit=case.handling_unit,
    )
    if proposers:
        note = place if kind == MeetingKind.FACE else f"会办（{place}）"  # shown after the form's label 面商
        for u in units:
            share = shares[u.pk]
            if share.role not in ANSWERING:
                continue
            if u.pk == case.handling_unit_id and case.state in ("handling", "rehandling"):
                from .steps import case_contact

                case_contact(case=case, by=by, on=on, form=ContactForm.MEETING, note=note)
            elif u.pk != case.handling_unit_id:
                Contact.objects.create(case=case, unit=u, on=on, form=ContactForm.MEETING, note=note, round=rnd, by=by)
    return meeting
